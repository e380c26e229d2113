import { policyDocument as document } from "../shared/iam";

/**
 * IAM documents of the compute tier, pure so tests read them without mocks. Every statement names
 * the resources of one cluster in one region; wildcards only where the API has no resource ARN.
 */

export interface KarpenterPolicyArgs {
  /** AWS partition of the ARNs. @default "aws" */
  readonly partition?: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly queueArn: string;
  readonly nodeRoleArn: string;
  readonly instanceProfileArn: string;
}

/**
 * The actions upstream's controller policy grants at the Karpenter version we pin, read from the
 * getting-started CloudFormation template of that release, and the ones we leave out with why.
 * A test holds the policy to it: every upstream action is granted or explained, and the pinned
 * default is this version, so a Karpenter bump makes someone read the new template.
 */
export const KARPENTER_UPSTREAM_POLICY = {
  version: "1.9.2",
  source:
    "https://github.com/aws/karpenter-provider-aws/blob/235f98ef077eb700b80a99dfbba9457e69dbaa38/website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml",
  actions: [
    "ec2:RunInstances",
    "ec2:CreateFleet",
    "ec2:CreateLaunchTemplate",
    "ec2:CreateTags",
    "ec2:TerminateInstances",
    "ec2:DeleteLaunchTemplate",
    "iam:PassRole",
    "iam:CreateInstanceProfile",
    "iam:TagInstanceProfile",
    "iam:AddRoleToInstanceProfile",
    "iam:RemoveRoleFromInstanceProfile",
    "iam:DeleteInstanceProfile",
    "eks:DescribeCluster",
    "sqs:DeleteMessage",
    "sqs:GetQueueUrl",
    "sqs:ReceiveMessage",
    "ec2:DescribeCapacityReservations",
    "ec2:DescribeImages",
    "ec2:DescribeInstances",
    "ec2:DescribeInstanceTypeOfferings",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeLaunchTemplates",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSpotPriceHistory",
    "ec2:DescribeSubnets",
    "ssm:GetParameter",
    "pricing:GetProducts",
    "iam:ListInstanceProfiles",
    "iam:GetInstanceProfile",
  ],
  notGranted: {
    "iam:CreateInstanceProfile": "the EC2NodeClass names our instance profile (spec.instanceProfile)",
    "iam:TagInstanceProfile": "the EC2NodeClass names our instance profile (spec.instanceProfile)",
    "iam:AddRoleToInstanceProfile": "the EC2NodeClass names our instance profile (spec.instanceProfile)",
    "iam:RemoveRoleFromInstanceProfile": "the EC2NodeClass names our instance profile (spec.instanceProfile)",
    "iam:DeleteInstanceProfile": "the EC2NodeClass names our instance profile (spec.instanceProfile)",
  } as Readonly<Record<string, string>>,
} as const;

/**
 * Karpenter's controller policy (v1), after the upstream CloudFormation template at the 1.9.2
 * release (aws/karpenter-provider-aws@235f98e website/content/en/docs/getting-started/
 * getting-started-with-karpenter/cloudformation.yaml, its five policies in one document),
 * narrowed: the instance profile is ours (EC2NodeClass.spec.instanceProfile), so the controller
 * gets no iam:*InstanceProfile write actions.
 */
export function karpenterControllerPolicy(a: KarpenterPolicyArgs): string {
  const p = a.partition ?? "aws";
  const ec2 = (resource: string) => `arn:${p}:ec2:${a.region}:*:${resource}`;
  const owned = {
    [`aws:RequestTag/kubernetes.io/cluster/${a.clusterName}`]: "owned",
    "aws:RequestTag/eks:eks-cluster-name": a.clusterName,
  };
  const taggedResources = ["fleet", "instance", "volume", "network-interface", "launch-template", "spot-instances-request"].map((r) =>
    ec2(`${r}/*`),
  );
  return document([
    {
      Sid: "AllowScopedEC2InstanceAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: [
        `arn:${p}:ec2:${a.region}::image/*`,
        `arn:${p}:ec2:${a.region}::snapshot/*`,
        ec2("security-group/*"),
        ec2("subnet/*"),
        ec2("capacity-reservation/*"),
      ],
    },
    {
      Sid: "AllowScopedEC2LaunchTemplateAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: ec2("launch-template/*"),
      Condition: {
        StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${a.clusterName}`]: "owned" },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
      },
    },
    {
      Sid: "AllowScopedEC2InstanceActionsWithTags",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
      Resource: taggedResources,
      Condition: { StringEquals: owned, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowScopedResourceCreationTagging",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: taggedResources,
      Condition: {
        StringEquals: { ...owned, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
        StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
      },
    },
    {
      Sid: "AllowScopedResourceTagging",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: ec2("instance/*"),
      Condition: {
        StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${a.clusterName}`]: "owned" },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": a.clusterName },
        "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
      },
    },
    {
      Sid: "AllowScopedDeletion",
      Effect: "Allow",
      Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
      Resource: [ec2("instance/*"), ec2("launch-template/*")],
      Condition: {
        StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${a.clusterName}`]: "owned" },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
      },
    },
    {
      Sid: "AllowRegionalReadActions",
      Effect: "Allow",
      Action: [
        "ec2:DescribeCapacityReservations",
        "ec2:DescribeImages",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceTypeOfferings",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSpotPriceHistory",
        "ec2:DescribeSubnets",
      ],
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": a.region } },
    },
    {
      Sid: "AllowSSMReadActions",
      Effect: "Allow",
      Action: "ssm:GetParameter",
      Resource: `arn:${p}:ssm:${a.region}::parameter/aws/service/*`,
    },
    { Sid: "AllowPricingReadActions", Effect: "Allow", Action: "pricing:GetProducts", Resource: "*" },
    {
      Sid: "AllowInterruptionQueueActions",
      Effect: "Allow",
      Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
      Resource: a.queueArn,
    },
    {
      Sid: "AllowPassingInstanceRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: a.nodeRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    },
    // Since 1.7, even with our own profile, the EC2NodeClass finalizer (pkg/controllers/nodeclass/
    // controller.go @235f98e) lists the profiles Karpenter made under /karpenter/<region>/<cluster>/
    // <uid>/ and reads the pre-1.7 name <cluster>_<hash> (EC2NodeClass.LegacyInstanceProfileName) to
    // delete them; an AccessDenied on either keeps the finalizer, so deleting the class hangs. The
    // read is scoped to our profile and that name pattern; the list cannot be scoped (upstream grants
    // it on "*"; upgrade-guide.md "Upgrading to 1.7.0+" names iam:ListInstanceProfiles as required).
    {
      Sid: "AllowInstanceProfileReadActions",
      Effect: "Allow",
      Action: "iam:GetInstanceProfile",
      Resource: [a.instanceProfileArn, `arn:${p}:iam::${a.accountId}:instance-profile/${a.clusterName}_*`],
    },
    { Sid: "AllowUnscopedInstanceProfileListAction", Effect: "Allow", Action: "iam:ListInstanceProfiles", Resource: "*" },
    { Sid: "AllowAPIServerEndpointDiscovery", Effect: "Allow", Action: "eks:DescribeCluster", Resource: a.clusterArn },
  ]);
}

/** Lets EventBridge (and SQS itself) deliver to the interruption queue; refuses plain HTTP. */
export function interruptionQueuePolicy(queueArn: string): string {
  return document([
    {
      Sid: "EventBridgeDelivery",
      Effect: "Allow",
      Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
      Action: "sqs:SendMessage",
      Resource: queueArn,
    },
    {
      Sid: "DenyHTTP",
      Effect: "Deny",
      Principal: "*",
      Action: "sqs:*",
      Resource: queueArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}
