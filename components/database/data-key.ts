import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountAdministersKeyThroughIam } from "../shared/kms";

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

    const policy = pulumi.all([args.accountId, args.workloadRoleArn]).apply(([account, roleArn]) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          accountAdministersKeyThroughIam(account),
          {
            // The workload reads the master and cache secrets; it never decrypts anything else.
            Sid: "WorkloadDecryptsSecrets",
            Effect: "Allow",
            Principal: { AWS: roleArn },
            Action: ["kms:Decrypt", "kms:DescribeKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${args.region}.amazonaws.com` } },
          },
        ],
      }),
    );

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Data tier of ${args.region}: RDS, ElastiCache and their secrets`,
        enableKeyRotation: true,
        deletionWindowInDays: args.protect ? 30 : 7,
        policy,
        tags: { Name: `${name}-key` },
      },
      { parent: this, protect: args.protect },
    );
    new aws.kms.Alias(`${name}-alias`, { name: args.aliasName, targetKeyId: key.keyId }, { parent: this });

    this.arn = key.arn;
    this.keyId = key.keyId;
    this.registerOutputs({ arn: this.arn });
  }
}
