/**
 * Residency zones: which AWS regions may hold a zone's data.
 *
 * This is the single source of truth for residency. The program's config validation imports it
 * (a stack may only place a region in a zone listed here) and the policy pack uses it as the
 * default of its `residencyZones` configuration, so `pulumi preview --policy-pack policies` and
 * the offline plan judge a stack by the same table.
 *
 * The `eu` zone holds EU member-state regions only: London (eu-west-2, United Kingdom) and
 * Zurich (eu-central-2, Switzerland) are outside the EU and form zones of their own.
 */
export const RESIDENCY_ZONES = {
  us: ["us-east-1", "us-east-2", "us-west-1", "us-west-2"],
  eu: ["eu-west-1", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2"],
  uk: ["eu-west-2"],
  ch: ["eu-central-2"],
  ca: ["ca-central-1", "ca-west-1"],
  apac: ["ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1"],
  sa: ["sa-east-1"],
} as const satisfies Record<string, readonly string[]>;

export type ResidencyZoneTable = Readonly<Record<string, readonly string[]>>;

/** The zone a region belongs to under `zones`, or undefined when no zone lists it. */
export function zoneOfRegion(region: string, zones: ResidencyZoneTable = RESIDENCY_ZONES): string | undefined {
  for (const [zone, regions] of Object.entries(zones)) {
    if (regions.includes(region)) return zone;
  }
  return undefined;
}

/**
 * The region named inside an ARN (`arn:aws:rds:eu-west-1:111122223333:db:x`), or undefined for
 * global ARNs (IAM, CloudFront) and for values that are not ARNs. The one reader of ARN regions:
 * the engine's catalogue and the reports use it too.
 */
export function regionOfArn(arn: unknown): string | undefined {
  if (typeof arn !== "string") return undefined;
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return parts[3] === "" ? undefined : parts[3];
}
