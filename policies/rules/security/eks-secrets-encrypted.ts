import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";

/** EKS envelope-encrypts Kubernetes secrets with a KMS key of the cluster's region. */
export const eksSecretsEncrypted: ResourceValidationPolicy = {
  name: "eks-secrets-encrypted",
  description: "EKS clusters envelope-encrypt Kubernetes secrets with a KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, args, reportViolation) => {
    const config = cluster.encryptionConfig;
    if (config === undefined || !(config.resources ?? []).includes("secrets") || !config.provider?.keyArn) {
      reportViolation(
        `${args.name}: set encryptionConfig { resources: ["secrets"], provider: { keyArn } } with a KMS key of the cluster's region.`,
      );
    }
  }),
};
