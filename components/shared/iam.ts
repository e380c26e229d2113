import * as aws from "@pulumi/aws";

/** A JSON IAM policy document holding these statements (identity, resource, trust or key policy). */
export function policyDocument(statements: readonly aws.iam.PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [...statements] } satisfies aws.iam.PolicyDocument);
}

/** A trust policy letting one AWS service assume a role, scoped to this account (confused deputy). */
export function serviceTrustPolicy(service: string, accountId?: string): string {
  const statement: aws.iam.PolicyStatement = {
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sts:AssumeRole",
    ...(accountId ? { Condition: { StringEquals: { "aws:SourceAccount": accountId } } } : {}),
  };
  return policyDocument([statement]);
}

/** Who may assume a Pod Identity role: one service account in one namespace of one cluster. */
export interface PodIdentityScope {
  readonly accountId: string;
  /** `arn:aws:eks:<region>:<account>:cluster/<name>` (see clusterArnOf). */
  readonly clusterArn: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/**
 * Trust for a role pods assume through EKS Pod Identity. The `pods.eks.amazonaws.com` principal
 * serves every cluster of the account, so the trust pins the session tags EKS adds to its
 * AssumeRole call (cluster ARN, namespace, service account): another cluster (the other zone's)
 * or another service account cannot bind the role. `sts:TagSession` lets EKS pass those tags.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html ("Setting Conditions") and
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html (the session tags).
 */
export function podIdentityTrustPolicy(scope: PodIdentityScope): string {
  const statement: aws.iam.PolicyStatement = {
    Sid: "EksPodIdentity",
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: {
      StringEquals: {
        "aws:SourceAccount": scope.accountId,
        "aws:RequestTag/eks-cluster-arn": scope.clusterArn,
        "aws:RequestTag/kubernetes-namespace": scope.namespace,
        "aws:RequestTag/kubernetes-service-account": scope.serviceAccount,
      },
    },
  };
  return policyDocument([statement]);
}

/** An EKS cluster's ARN, known before the cluster exists (roles created first can name it). */
export function clusterArnOf(region: string, accountId: string, clusterName: string, partition = "aws"): string {
  return `arn:${partition}:eks:${region}:${accountId}:cluster/${clusterName}`;
}
