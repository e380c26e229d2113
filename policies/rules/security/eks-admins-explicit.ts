import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";

/**
 * Cluster admins come only from explicit access entries. EKS gives the IAM principal that creates
 * a cluster an admin access entry unless `bootstrapClusterCreatorAdminPermissions` is false (the
 * API's default is true): an admin nobody declared, kept after the deployer changes, outside the
 * stack's state. The deployer gets its own declared entry instead.
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessConfigRequest.html
 */
export const eksAdminsExplicit: ResourceValidationPolicy = {
  name: "eks-admins-explicit",
  description: "EKS clusters grant no implicit admin to their creator; admins have explicit access entries.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, args, reportViolation) => {
    if (cluster.accessConfig?.bootstrapClusterCreatorAdminPermissions !== false) {
      reportViolation(
        `${args.name}: set accessConfig.bootstrapClusterCreatorAdminPermissions: false (EKS defaults it to true); give admins explicit access entries ` +
          "(platform:regions[].cluster.adminRoleArns, and the deployer's own entry).",
      );
    }
    if (cluster.accessConfig?.authenticationMode !== "API") {
      reportViolation(
        `${args.name}: set accessConfig.authenticationMode: "API", so access entries are the only way into the cluster (no aws-auth ConfigMap).`,
      );
    }
  }),
};
