import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { Cidr, formatShare, openness, parseCidr } from "../../lib/cidr";
import { regionOf } from "../../lib/resources";
import { MIRRORED_POLICIES } from "../../lib/settings";
import { inStackFile } from "../../lib/stack-keys";

interface Config {
  readonly maxPublicSharePercent: number;
}

/**
 * The Kubernetes API is reachable privately from the VPC, and publicly only from listed networks
 * that together cover no more than `maxPublicSharePercent` of the public address space (so
 * 0.0.0.0/1 + 128.0.0.0/1 is as open as 0.0.0.0/0). AWS makes the endpoint public to the whole
 * internet when `endpointPublicAccess` is left unset, so the program must say what it wants.
 */
export const eksEndpointRestricted: ResourceValidationPolicy = {
  name: "eks-endpoint-restricted",
  description: "EKS API endpoints are private, or public only to listed networks, never to the internet however the CIDRs are split.",
  ...MIRRORED_POLICIES["eks-endpoint-restricted"],
  severity: "high",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, args, reportViolation) => {
    const { maxPublicSharePercent } = args.getConfig<Config>();
    const key = inStackFile("regions[].cluster.publicAccessCidrs", regionOf(args));
    const vpc = cluster.vpcConfig;
    if (vpc.endpointPrivateAccess !== true)
      reportViolation(`${args.name}: set vpcConfig.endpointPrivateAccess: true so nodes reach the API inside the VPC.`);
    if (vpc.endpointPublicAccess === false) return;
    const texts = vpc.publicAccessCidrs ?? [];
    if (texts.length === 0) {
      reportViolation(
        `${args.name}: the public API endpoint is open to the internet: no publicAccessCidrs, which AWS reads as 0.0.0.0/0; set vpcConfig.endpointPublicAccess: false or list the networks that may reach it.${key}`,
      );
      return;
    }
    const blocks: Cidr[] = [];
    for (const text of texts) {
      const parsed = parseCidr(text);
      // Fail closed: a block the pack cannot read is not known to be narrow.
      if (typeof parsed === "string") reportViolation(`${args.name}: vpcConfig.publicAccessCidrs: ${parsed}.${key}`);
      else blocks.push(parsed);
    }
    const open = openness(blocks, maxPublicSharePercent);
    if (open.open) {
      reportViolation(
        `${args.name}: the public API endpoint is open to the internet: publicAccessCidrs (${texts.join(", ")}) cover ${formatShare(open.ipv4)} of the public IPv4 and ${formatShare(open.ipv6)} of the public IPv6 address space, more than the ${maxPublicSharePercent}% allowed; list only the networks that must reach the API, or set endpointPublicAccess: false.${key}`,
      );
    }
  }),
};
