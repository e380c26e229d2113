/**
 * Every node (system group and Karpenter's) keeps IMDSv2 at hop limit 1, so a pod outside the
 * host network cannot reach instance metadata, and with it the node role's credentials. Each
 * in-cluster component that calls AWS therefore needs another way to its region and credentials;
 * this table says which, and a test fails when a component is added without an entry.
 */
export const IMDS_FREE_COMPONENTS: Readonly<Record<string, string>> = {
  // EKS add-ons (by add-on name).
  "vpc-cni": "aws-node runs in the host network: IMDS is one hop away",
  "kube-proxy": "runs in the host network; calls no AWS API",
  "eks-pod-identity-agent": "runs in the host network (it serves the Pod Identity endpoint on the node)",
  coredns: "calls no AWS API",
  "aws-ebs-csi-driver":
    "credentials from Pod Identity (ebs-csi-controller-sa); region and instance facts from the driver's Kubernetes metadata fallback (node ProviderID and topology labels), which it uses when IMDS is unreachable (kubernetes-sigs/aws-ebs-csi-driver docs/install.md, Metadata). That fallback assumes one ENI and one EBS volume attached when computing a node's volume limit",
  "amazon-cloudwatch-observability":
    "credentials from Pod Identity (cloudwatch-agent); whether its agent reads host metadata through IMDS at hop limit 1 is not verified offline: check Container Insights node metrics after the first deploy",
  // Helm charts (by chart name).
  karpenter: "credentials from Pod Identity; region from the AWS_REGION env the release sets",
  "aws-load-balancer-controller": "credentials from Pod Identity; region and VPC id given as chart values",
  "metrics-server": "calls no AWS API",
  keda: "only the operator calls AWS (SQS GetQueueAttributes): credentials from Pod Identity (keda-operator), region from each trigger's awsRegion, which the aws-sqs-queue scaler requires (kedacore/keda v2.20.2 pkg/scalers/aws_sqs_queue_scaler.go)",
};
