import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

/**
 * The Kubernetes API is reachable privately from the VPC, and publicly only from listed CIDRs.
 * AWS makes the endpoint public to the whole internet when `endpointPublicAccess` is left unset,
 * so the program must say what it wants.
 */
export const eksEndpointRestricted: ResourceValidationPolicy = {
  name: "eks-endpoint-restricted",
  description: "EKS API endpoints are private, or public only to listed CIDRs (never 0.0.0.0/0).",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, args, reportViolation) => {
    const vpc = cluster.vpcConfig;
    if (vpc.endpointPrivateAccess !== true)
      reportViolation(`${args.name}: set vpcConfig.endpointPrivateAccess: true so nodes reach the API inside the VPC.`);
    if (vpc.endpointPublicAccess === false) return;
    const cidrs = vpc.publicAccessCidrs ?? [];
    if (cidrs.length === 0 || cidrs.some((c) => ANYWHERE.includes(c))) {
      reportViolation(
        `${args.name}: the public API endpoint is open to the internet; set vpcConfig.endpointPublicAccess: false or list specific publicAccessCidrs (got ${cidrs.length === 0 ? "none, which AWS reads as 0.0.0.0/0" : cidrs.join(", ")}).`,
      );
    }
  }),
};
