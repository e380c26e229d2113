import * as aws from "@pulumi/aws";

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
