import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { rotatingKey } from "../shared/kms";

export interface BackupVaultArgs {
  /** AWS region of the vault; it must match the provider the component inherits. */
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** Vault name, unique in the account and region, e.g. `platform-prod-us-east-1`. */
  readonly vaultName: string;
  /**
   * Production data: Pulumi `protect` on the vault and its key, and a 30-day key deletion window
   * (deleting the key makes every recovery point in the vault unreadable).
   * @default false
   */
  readonly protect?: boolean;
}

/**
 * A region's AWS Backup vault, encrypted with its own KMS key. It receives the region's own
 * recovery points and the copies of its sibling region (same residency zone); the key also
 * encrypts the RDS automated backups replicated into this region.
 */
export class BackupVault extends pulumi.ComponentResource {
  public readonly regionName: string;
  public readonly vaultName: pulumi.Output<string>;
  public readonly vaultArn: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: BackupVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:recovery:BackupVault", name, {}, opts);
    const protect = args.protect ?? false;
    this.regionName = args.region;

    const key = rotatingKey(
      `${name}-key`,
      {
        description: `Backups of ${args.region}: AWS Backup vault and replicated RDS automated backups`,
        accountId: args.accountId,
        protect,
      },
      { parent: this },
    );

    const vault = new aws.backup.Vault(
      `${name}-vault`,
      { name: args.vaultName, kmsKeyArn: key.arn, forceDestroy: !protect, tags: { Name: args.vaultName } },
      { parent: this, protect },
    );

    this.vaultName = vault.name;
    this.vaultArn = vault.arn;
    this.keyArn = key.arn;
    this.registerOutputs({ vaultArn: this.vaultArn, keyArn: this.keyArn });
  }
}
