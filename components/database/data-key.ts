import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { rotatingKey } from "../shared/kms";

export interface DataKeyArgs {
  /** AWS region of the key; it must match the provider the component inherits. */
  readonly region: string;
  /** Account owning the key: its root principal administers it through IAM. */
  readonly accountId: pulumi.Input<string>;
  /** Alias of the key, unique in the account and region, e.g. `alias/platform-prod-data`. */
  readonly aliasName: string;
  /** The workload role, allowed to decrypt the data tier's secrets through Secrets Manager only. */
  readonly workloadRoleArn: pulumi.Input<string>;
  /**
   * Protect the key (Pulumi `protect`, 30-day deletion window): deleting it makes every
   * snapshot and backup encrypted with it unreadable.
   * @default false
   */
  readonly protect?: boolean;
}

/**
 * The customer-managed KMS key of a region's data tier (rotation on): RDS storage, Performance
 * Insights, the RDS-managed master secret, ElastiCache at rest and the cache token secret.
 * Cross-region DR replicas use the key of their own region, never the source's.
 */
export class DataKey extends pulumi.ComponentResource {
  public readonly arn: pulumi.Output<string>;
  public readonly keyId: pulumi.Output<string>;

  constructor(name: string, args: DataKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:database:DataKey", name, {}, opts);

    const key = rotatingKey(
      `${name}-key`,
      {
        description: `Data tier of ${args.region}: RDS, ElastiCache and their secrets`,
        accountId: args.accountId,
        statements: () => [
          {
            // The workload reads the master and cache secrets; it never decrypts anything else.
            Sid: "WorkloadDecryptsSecrets",
            Effect: "Allow",
            Principal: { AWS: args.workloadRoleArn },
            Action: ["kms:Decrypt", "kms:DescribeKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${args.region}.amazonaws.com` } },
          },
        ],
        protect: args.protect,
      },
      { parent: this },
    );
    new aws.kms.Alias(`${name}-alias`, { name: args.aliasName, targetKeyId: key.keyId }, { parent: this });

    this.arn = key.arn;
    this.keyId = key.keyId;
    this.registerOutputs({ arn: this.arn });
  }
}
