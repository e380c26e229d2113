import type { StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { regionOf, zoneOf } from "../../lib/resources";
import { regionOfArn } from "../../residency-zones";
import { MIRRORED_POLICIES } from "../../lib/settings";
import { inStackFile } from "../../lib/stack-keys";

const INSTANCE = "aws:rds/instance:Instance";

/**
 * A zone with two or more regions survives the loss of a region: every primary database there
 * has a cross-region (DR) replica in another region of the same zone. Zones and their regions
 * are read from the stack's databases. Dev disables this policy in its config file.
 */
export const drReplicaPerZone: StackValidationPolicy = {
  name: "dr-replica-per-zone",
  description: "In a zone with two or more regions, every primary database has a DR replica in another region of the zone.",
  enforcementLevel: MIRRORED_POLICIES["dr-replica-per-zone"].enforcementLevel,
  severity: "high",
  configSchema: { properties: { residencyZones: residencyZonesSchema } },
  validateStack: (args, reportViolation) => {
    const { residencyZones } = args.getConfig<ZonesConfig>();
    const instances = args.resources.filter((r) => r.type === INSTANCE);
    // Stack policies read outputs, where the provider reports an unset source as "" (not absent).
    const primaries = instances.filter((r) => !r.props.replicateSourceDb);
    const regionsOfZone = new Map<string, Set<string>>();
    for (const db of primaries) {
      const region = regionOf(db);
      const zone = zoneOf(region, residencyZones);
      if (region !== undefined && zone !== undefined) regionsOfZone.set(zone, new Set([...(regionsOfZone.get(zone) ?? []), region]));
    }
    for (const primary of primaries) {
      const region = regionOf(primary);
      const zone = zoneOf(region, residencyZones);
      if (zone === undefined || (regionsOfZone.get(zone)?.size ?? 0) < 2) continue;
      const hasDr = instances.some((replica) => {
        const source = replica.props.replicateSourceDb;
        const replicaRegion = regionOf(replica);
        return (
          typeof source === "string" &&
          source === primary.props.arn &&
          regionOfArn(source) !== replicaRegion &&
          zoneOf(replicaRegion, residencyZones) === zone
        );
      });
      if (!hasDr) {
        const others = [...(regionsOfZone.get(zone) ?? [])].filter((r) => r !== region);
        reportViolation(
          `${primary.name} in ${region} has no DR replica in another region of zone "${zone}"; add a cross-region replica in ${others.join(" or ")}.${inStackFile("regions[].database.drReplica.region", region, { everyRegion: false })}`,
          primary.urn,
        );
      }
    }
  },
};
