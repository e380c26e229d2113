import { cidr, formatCidr, packSubnets } from "../../policies/lib/cidr";

export type SubnetTier = "public" | "private" | "isolated";

export interface SubnetPlan {
  /** One CIDR per AZ for each tier, in AZ order. */
  readonly public: readonly string[];
  readonly private: readonly string[];
  readonly isolated: readonly string[];
}

/**
 * Subnet sizes relative to the VPC prefix: private subnets are the largest because pods take their
 * IPs from them (VPC CNI); public subnets hold only load balancers and NAT gateways; isolated ones
 * hold databases. For a /16: private /19, public /22, isolated /22 per AZ.
 */
const TIER_OFFSETS: Record<SubnetTier, number> = { private: 3, public: 6, isolated: 6 };

/**
 * Carves one subnet per tier per AZ out of the VPC block, deterministically, never overlapping.
 * Returns undefined when the AZs do not fit (config validation reports that).
 */
export function planSubnets(vpcCidr: string, availabilityZones: readonly string[]): SubnetPlan | undefined {
  const vpc = cidr(vpcCidr);
  const tiers: SubnetTier[] = ["private", "public", "isolated"];
  const requests = tiers.flatMap((tier) => availabilityZones.map(() => vpc.prefix + TIER_OFFSETS[tier]));
  if (requests.some((prefix) => prefix > 28)) return undefined;
  const blocks = packSubnets(vpc, requests);
  if (blocks === undefined) return undefined;
  const n = availabilityZones.length;
  const slice = (i: number) => blocks.slice(i * n, (i + 1) * n).map(formatCidr);
  return { private: slice(0), public: slice(1), isolated: slice(2) };
}
