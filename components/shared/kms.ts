import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "./iam";

/**
 * The key-policy statement that lets the account's IAM policies grant use of a customer managed
 * key. Without it only the key policy itself could grant access, and services such as RDS,
 * ElastiCache and AWS Backup, which create grants with the caller's IAM permissions, would fail.
 */
export function accountAdministersKeyThroughIam(accountId: string): aws.iam.PolicyStatement {
  return {
    Sid: "AccountAdministersThroughIam",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

export interface RotatingKeyArgs {
  /** What the key encrypts (the key's description). */
  readonly description: pulumi.Input<string>;
  /**
   * The account whose IAM administers the key: the key gets an explicit policy starting with
   * `accountAdministersKeyThroughIam`, followed by `statements`.
   * @default no explicit policy: KMS's default key policy (the account root, through IAM)
   */
  readonly accountId?: pulumi.Input<string>;
  /** Further key-policy statements, e.g. the services that encrypt with the key. @default none */
  readonly statements?: (accountId: string) => pulumi.Input<aws.iam.PolicyStatement>[];
  /**
   * Pulumi `protect` and the longest deletion window (30 days instead of 7): deleting the key makes
   * everything encrypted with it unreadable.
   * @default false
   */
  readonly protect?: boolean;
}

/**
 * A customer-managed symmetric KMS key with yearly rotation, the one shape every key of the
 * platform has (data tier, Kubernetes secrets, alert topic, backups). Its logical name is also its
 * `Name` tag.
 */
export function rotatingKey(name: string, args: RotatingKeyArgs, opts: pulumi.CustomResourceOptions): aws.kms.Key {
  const protect = args.protect ?? false;
  const { accountId, statements } = args;
  const policy =
    accountId === undefined
      ? undefined
      : pulumi
          .output(accountId)
          .apply((account) =>
            pulumi.all(statements?.(account) ?? []).apply((extra) => policyDocument([accountAdministersKeyThroughIam(account), ...extra])),
          );
  return new aws.kms.Key(
    name,
    {
      description: args.description,
      enableKeyRotation: true,
      deletionWindowInDays: protect ? 30 : 7,
      ...(policy === undefined ? {} : { policy }),
      tags: { Name: name },
    },
    { ...opts, protect },
  );
}
