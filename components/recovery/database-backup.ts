import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RecoverySettings } from "../config/tiers/recovery";
import { serviceTrustPolicy } from "../shared/iam";
import { BackupVault } from "./backup-vault";
import { BACKUP_START_WINDOW_MINUTES } from "./sibling-region";

export interface DatabaseBackupArgs {
  /** The region's own vault, where recovery points land first. */
  readonly vault: BackupVault;
  /** ARNs of the databases backed up (the region's primaries). */
  readonly resourceArns: readonly pulumi.Input<string>[];
  /** Schedule and retention of the recovery points and their copies. */
  readonly settings: RecoverySettings["backup"];
  readonly accountId: pulumi.Input<string>;
  /**
   * The sibling region's vault (same residency zone) that receives a copy of every recovery point.
   * @default no copy (a zone with one region)
   */
  readonly copyTo?: BackupVault;
  /** Plan name, unique in the account and region. */
  readonly planName: string;
}

/**
 * The AWS Backup plan of a region's databases: a daily recovery point in the region's vault and,
 * when the zone has another region, a copy into that region's vault. Declare it with the SOURCE
 * Region as parent so it inherits that region's provider.
 */
export class DatabaseBackup extends pulumi.ComponentResource {
  public readonly planId: pulumi.Output<string>;
  /** Region of the databases backed up (the source vault's). */
  public readonly regionName: string;
  /** Region of the copies, if any; always in the source's residency zone. */
  public readonly copyRegion?: string;

  constructor(name: string, args: DatabaseBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:recovery:DatabaseBackup", name, {}, opts);
    if (args.copyTo !== undefined && args.copyTo.regionName === args.vault.regionName) {
      throw new Error(`${name}: backup copies must go to another region than ${args.vault.regionName}`);
    }
    this.regionName = args.vault.regionName;
    this.copyRegion = args.copyTo?.regionName;

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `AWS Backup of the ${args.vault.regionName} databases`,
        assumeRolePolicy: pulumi.output(args.accountId).apply((account) => serviceTrustPolicy("backup.amazonaws.com", account)),
        tags: { Name: `${name}-role` },
      },
      { parent: this },
    );
    const attachments = ["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"].map(
      (policy) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-${policy.endsWith("Backup") ? "backup" : "restore"}`,
          { role: role.name, policyArn: `arn:aws:iam::aws:policy/service-role/${policy}` },
          { parent: this },
        ),
    );

    const plan = new aws.backup.Plan(
      `${name}-plan`,
      {
        name: args.planName,
        rules: [
          {
            ruleName: "daily",
            targetVaultName: args.vault.vaultName,
            schedule: args.settings.schedule,
            startWindow: BACKUP_START_WINDOW_MINUTES,
            completionWindow: 480,
            lifecycle: { deleteAfter: args.settings.retentionDays },
            copyActions: args.copyTo
              ? [{ destinationVaultArn: args.copyTo.vaultArn, lifecycle: { deleteAfter: args.settings.copyRetentionDays } }]
              : [],
            recoveryPointTags: { "backup-plan": args.planName },
          },
        ],
        tags: { Name: args.planName },
      },
      { parent: this },
    );

    new aws.backup.Selection(
      `${name}-selection`,
      { name: `${args.planName}-databases`, planId: plan.id, iamRoleArn: role.arn, resources: [...args.resourceArns] },
      { parent: this, dependsOn: attachments },
    );

    this.planId = plan.id;
    this.registerOutputs({ planId: this.planId });
  }
}
