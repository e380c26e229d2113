/**
 * The AWS regions this platform can be placed in, with the availability zones every account gets.
 *
 * Order matters and is append-only: a region's position is its CIDR slot when a stack lets the
 * VPC CIDR be allocated from its supernet (see `cidr.ts`), so inserting a region in the middle
 * would renumber every region after it. New AWS regions go at the end.
 *
 * Zones are listed by zone ID (`use1-az1`), which names the same physical zone in every account;
 * zone names (`us-east-1a`) map to IDs per account (EC2 User Guide, "Availability Zone IDs"), so
 * the program never takes names from here: it asks `aws.getAvailabilityZones` and picks by ID.
 * `letters` are the name suffixes accounts see (us-west-1 has two, ap-northeast-1 no "b").
 * The table only bounds `azCount` and shapes the offline mock.
 */
export const AWS_REGIONS = [
  { name: "us-east-1", letters: "abcdef", zoneIds: ["use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6"] },
  { name: "us-east-2", letters: "abc", zoneIds: ["use2-az1", "use2-az2", "use2-az3"] },
  { name: "us-west-1", letters: "ac", zoneIds: ["usw1-az1", "usw1-az3"] },
  { name: "us-west-2", letters: "abcd", zoneIds: ["usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"] },
  { name: "ca-central-1", letters: "abd", zoneIds: ["cac1-az1", "cac1-az2", "cac1-az4"] },
  { name: "ca-west-1", letters: "abc", zoneIds: ["caw1-az1", "caw1-az2", "caw1-az3"] },
  { name: "eu-west-1", letters: "abc", zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"] },
  { name: "eu-west-2", letters: "abc", zoneIds: ["euw2-az1", "euw2-az2", "euw2-az3"] },
  { name: "eu-west-3", letters: "abc", zoneIds: ["euw3-az1", "euw3-az2", "euw3-az3"] },
  { name: "eu-central-1", letters: "abc", zoneIds: ["euc1-az1", "euc1-az2", "euc1-az3"] },
  { name: "eu-central-2", letters: "abc", zoneIds: ["euc2-az1", "euc2-az2", "euc2-az3"] },
  { name: "eu-north-1", letters: "abc", zoneIds: ["eun1-az1", "eun1-az2", "eun1-az3"] },
  { name: "eu-south-1", letters: "abc", zoneIds: ["eus1-az1", "eus1-az2", "eus1-az3"] },
  { name: "eu-south-2", letters: "abc", zoneIds: ["eus2-az1", "eus2-az2", "eus2-az3"] },
  { name: "ap-southeast-1", letters: "abc", zoneIds: ["apse1-az1", "apse1-az2", "apse1-az3"] },
  { name: "ap-southeast-2", letters: "abc", zoneIds: ["apse2-az1", "apse2-az2", "apse2-az3"] },
  { name: "ap-northeast-1", letters: "acd", zoneIds: ["apne1-az1", "apne1-az2", "apne1-az4"] },
  { name: "ap-northeast-2", letters: "abcd", zoneIds: ["apne2-az1", "apne2-az2", "apne2-az3", "apne2-az4"] },
  { name: "ap-northeast-3", letters: "abc", zoneIds: ["apne3-az1", "apne3-az2", "apne3-az3"] },
  { name: "ap-south-1", letters: "abc", zoneIds: ["aps1-az1", "aps1-az2", "aps1-az3"] },
  { name: "sa-east-1", letters: "abc", zoneIds: ["sae1-az1", "sae1-az2", "sae1-az3"] },
] as const;

/**
 * Zone IDs where EKS refuses cluster subnets (EKS User Guide, network-reqs.adoc, "Subnet
 * requirements for clusters": us-east-1 use1-az3, us-west-1 usw1-az2, ca-central-1 cac1-az3;
 * CreateCluster answers UnsupportedAvailabilityZoneException). Nodes and data tiers follow the
 * cluster's zones, so the platform skips them everywhere.
 */
export const EKS_UNSUPPORTED_ZONE_IDS: readonly string[] = ["use1-az3", "usw1-az2", "cac1-az3"];

export type AwsRegionName = (typeof AWS_REGIONS)[number]["name"];

export const AWS_REGION_NAMES: readonly string[] = AWS_REGIONS.map((r) => r.name);

export function isAwsRegion(name: string): name is AwsRegionName {
  return AWS_REGION_NAMES.includes(name);
}

/** Zone IDs of a known region every account gets (empty for an unknown name). */
export function zoneIdsOf(region: string): readonly string[] {
  return AWS_REGIONS.find((r) => r.name === region)?.zoneIds ?? [];
}

/** How many AZs of a region the platform can use at most: its zones EKS accepts. */
export function usableZoneCount(region: string): number {
  return zoneIdsOf(region).filter((id) => !EKS_UNSUPPORTED_ZONE_IDS.includes(id)).length;
}

/**
 * The AZ names the platform uses in a region, from what `aws.getAvailabilityZones` answered for
 * this account: zones EKS refuses dropped (by ID), ordered by zone ID so every account of the
 * organisation lands in the same physical zones, the first `count` taken.
 */
export function pickAvailabilityZones(region: string, names: readonly string[], zoneIds: readonly string[], count: number): string[] {
  const usable = names
    .map((name, i) => ({ name, id: zoneIds[i] }))
    .filter((z) => z.id !== undefined && !EKS_UNSUPPORTED_ZONE_IDS.includes(z.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (usable.length < count) {
    throw new Error(
      `${region}: this account has ${usable.length} availability zones EKS accepts (${usable.map((z) => `${z.name}=${z.id}`).join(", ")}), azCount asks for ${count}; lower platform:regions[].azCount for ${region}`,
    );
  }
  return usable.slice(0, count).map((z) => z.name);
}

/** The fixed CIDR slot of a region: its position in `AWS_REGIONS`. */
export function regionSlot(region: string): number {
  return AWS_REGION_NAMES.indexOf(region);
}
