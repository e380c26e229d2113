/** Region and residency-zone checks for the clone commands, over the program's own tables. */
import { AWS_REGION_NAMES, AwsRegionName, usableZoneCount, isAwsRegion } from "../../components/config/aws-regions";
import { RESIDENCY_ZONES, zoneOfRegion } from "../../policies/residency-zones";
import { closest } from "../../components/config/messages";
import { CloneError } from "./errors";

const ZONES = RESIDENCY_ZONES as Readonly<Record<string, readonly string[]>>;

/** A known AWS region name, or a refusal naming the closest one. */
export function requireRegion(name: string, flag: string): AwsRegionName {
  if (isAwsRegion(name)) return name;
  const near = closest(name, AWS_REGION_NAMES, 3);
  throw new CloneError(
    `${flag} ${name}: unknown AWS region${near ? ` (did you mean "${near}"?)` : ""}; known: ${AWS_REGION_NAMES.join(", ")}`,
  );
}

/** A known residency zone, or a refusal listing them. */
export function requireZone(name: string): string {
  if (Object.hasOwn(ZONES, name)) return name;
  throw new CloneError(`--zone ${name}: unknown residency zone; known: ${Object.keys(ZONES).join(", ")}`);
}

/** The residency zone a region belongs to (every catalogue region is in exactly one). */
export function zoneOf(region: string): string {
  const zone = zoneOfRegion(region);
  if (zone === undefined) throw new CloneError(`${region} is in no residency zone (policies/residency-zones.ts)`);
  return zone;
}

/** Refuses a region that `--zone` does not hold. */
export function requireInZone(region: string, zone: string): void {
  if (!ZONES[zone].includes(region)) {
    throw new CloneError(
      `${region} is not in residency zone "${zone}" (which holds ${ZONES[zone].join(", ")}); it is in "${zoneOf(region)}"`,
    );
  }
}

export function azCountOf(region: string): number {
  return usableZoneCount(region);
}

/**
 * Where a new region's DR replica goes: the region it was cloned from when that is in the same
 * zone, else the first region of the stack in its zone; undefined when the zone has no other region.
 */
export function drTarget(
  region: string,
  zone: string,
  stackRegions: readonly { region: string; zone: string }[],
  preferred: string,
): string | undefined {
  const siblings = stackRegions.filter((r) => r.zone === zone && r.region !== region).map((r) => r.region);
  return siblings.includes(preferred) ? preferred : siblings[0];
}

/**
 * DR pairs for a new stack's regions: each region replicates to the next region of its zone in
 * list order, the last one back to the first (two regions pair with each other, like prod's).
 */
export function drRing(regions: readonly { region: string; zone: string }[]): Map<string, string | undefined> {
  const pairs = new Map<string, string | undefined>();
  for (const { region, zone } of regions) {
    const inZone = regions.filter((r) => r.zone === zone).map((r) => r.region);
    const next = inZone[(inZone.indexOf(region) + 1) % inZone.length];
    pairs.set(region, next === region ? undefined : next);
  }
  return pairs;
}
