import type { ResourceValidationPolicy } from "@pulumi/policy";
import { GlobalTypesConfig, ZonesConfig, globalTypesSchema, isExemptGlobal, residencyZonesSchema } from "../../lib/config";
import { declaredZoneOf, isAwsResource, regionalArns, zoneOf } from "../../lib/resources";

/**
 * Cross-region links stay inside the zone: every regional ARN a resource references (an RDS
 * replica's `replicateSourceDb`, an automated-backups replication source, a snapshot copy source,
 * a backup plan's copy destination vault, a KMS key, a log group ...) names a region of the
 * resource's own zone. S3 ARNs carry no region; s3-replication-in-zone resolves those.
 */
export const referencesInResidencyZone: ResourceValidationPolicy = {
  name: "references-in-residency-zone",
  description: "Cross-region references (replica sources, backup copies, keys, log destinations) stay in the resource's residency zone.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: { residencyZones: residencyZonesSchema, globalTypes: globalTypesSchema } },
  validateResource: (args, reportViolation) => {
    const { residencyZones, globalTypes } = args.getConfig<ZonesConfig & GlobalTypesConfig>();
    if (!isAwsResource(args.type) || isExemptGlobal(args.type, args.props, globalTypes)) return;
    const zone = declaredZoneOf(args);
    // A resource without a zone is region-in-residency-zone's finding; there is nothing to compare with.
    if (zone === undefined || residencyZones[zone] === undefined) return;
    for (const ref of regionalArns(args.props)) {
      const refZone = zoneOf(ref.region, residencyZones);
      if (refZone !== zone) {
        reportViolation(
          `${ref.path} references ${ref.arn} in ${ref.region} (zone ${refZone ?? "none"}), outside ${args.name}'s residency zone "${zone}"; reference a resource in ${residencyZones[zone].join(", ")} instead.`,
        );
      }
    }
  },
};
