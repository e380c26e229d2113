/**
 * The AWS regions this platform can be placed in, with their availability zones.
 *
 * Order matters and is append-only: a region's position is its CIDR slot when a stack lets the
 * VPC CIDR be allocated from its supernet (see `cidr.ts`), so inserting a region in the middle
 * would renumber every region after it. New AWS regions go at the end.
 *
 * AZ names are the zone names as most accounts see them; `aws.getAvailabilityZones` answers with
 * these in the offline plan. Only AZs open to every account are listed (us-west-1 has two).
 */
export const AWS_REGIONS = [
  { name: "us-east-1", azs: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"] },
  { name: "us-east-2", azs: ["us-east-2a", "us-east-2b", "us-east-2c"] },
  { name: "us-west-1", azs: ["us-west-1a", "us-west-1c"] },
  { name: "us-west-2", azs: ["us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"] },
  { name: "ca-central-1", azs: ["ca-central-1a", "ca-central-1b", "ca-central-1d"] },
  { name: "ca-west-1", azs: ["ca-west-1a", "ca-west-1b", "ca-west-1c"] },
  { name: "eu-west-1", azs: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
  { name: "eu-west-2", azs: ["eu-west-2a", "eu-west-2b", "eu-west-2c"] },
  { name: "eu-west-3", azs: ["eu-west-3a", "eu-west-3b", "eu-west-3c"] },
  { name: "eu-central-1", azs: ["eu-central-1a", "eu-central-1b", "eu-central-1c"] },
  { name: "eu-central-2", azs: ["eu-central-2a", "eu-central-2b", "eu-central-2c"] },
  { name: "eu-north-1", azs: ["eu-north-1a", "eu-north-1b", "eu-north-1c"] },
  { name: "eu-south-1", azs: ["eu-south-1a", "eu-south-1b", "eu-south-1c"] },
  { name: "eu-south-2", azs: ["eu-south-2a", "eu-south-2b", "eu-south-2c"] },
  { name: "ap-southeast-1", azs: ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"] },
  { name: "ap-southeast-2", azs: ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"] },
  { name: "ap-northeast-1", azs: ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"] },
  { name: "ap-northeast-2", azs: ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"] },
  { name: "ap-northeast-3", azs: ["ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"] },
  { name: "ap-south-1", azs: ["ap-south-1a", "ap-south-1b", "ap-south-1c"] },
  { name: "sa-east-1", azs: ["sa-east-1a", "sa-east-1b", "sa-east-1c"] },
] as const;

export type AwsRegionName = (typeof AWS_REGIONS)[number]["name"];

export const AWS_REGION_NAMES: readonly string[] = AWS_REGIONS.map((r) => r.name);

export function isAwsRegion(name: string): name is AwsRegionName {
  return AWS_REGION_NAMES.includes(name);
}

/** Availability zones of a known region (empty for an unknown name). */
export function availabilityZonesOf(region: string): readonly string[] {
  return AWS_REGIONS.find((r) => r.name === region)?.azs ?? [];
}

/** The fixed CIDR slot of a region: its position in `AWS_REGIONS`. */
export function regionSlot(region: string): number {
  return AWS_REGION_NAMES.indexOf(region);
}
