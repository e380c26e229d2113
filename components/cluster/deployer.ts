import * as aws from "@pulumi/aws";

/**
 * The IAM principal `pulumi up` runs as, as EKS access entries name it: for assumed-role
 * credentials the role's ARN (with its path), not the STS session ARN, which access entries do not
 * accept. terraform-aws-eks resolves its cluster creator the same way
 * (`data.aws_iam_session_context.current.issuer_arn`, main.tf `enable_cluster_creator_admin_permissions`).
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessEntry.html (principalArn)
 */
export async function deployerPrincipalArn(provider: aws.Provider): Promise<string> {
  const caller = await aws.getCallerIdentity({}, { provider });
  const session = await aws.iam.getSessionContext({ arn: caller.arn }, { provider });
  return session.issuerArn;
}
