import type { StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { BUCKET_TYPES, dependenciesOf, findBucket, isRecord, regionOf, zoneOf } from "../../lib/resources";

const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";

/**
 * S3 replication keeps objects in their zone. A destination is an `arn:aws:s3:::name` ARN, which
 * names no region, so the destination bucket is looked up in the stack (through the property
 * dependencies the engine records, else by name) and its region compared with the source's.
 */
export const s3ReplicationInZone: StackValidationPolicy = {
  name: "s3-replication-in-zone",
  description: "S3 replication destinations are buckets of this stack in the source bucket's residency zone.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: { residencyZones: residencyZonesSchema } },
  validateStack: (args, reportViolation) => {
    const { residencyZones } = args.getConfig<ZonesConfig>();
    for (const config of args.resources.filter((r) => r.type === REPLICATION)) {
      const sourceRegion = regionOf(config);
      const sourceZone = zoneOf(sourceRegion, residencyZones);
      const rules: unknown[] = Array.isArray(config.props.rules) ? config.props.rules : [];
      const linked = dependenciesOf(config, "rules", BUCKET_TYPES);
      rules.forEach((rule, index) => {
        const destination = isRecord(rule) && isRecord(rule.destination) ? rule.destination.bucket : undefined;
        if (typeof destination !== "string") return;
        const bucket = findBucket(destination, linked) ?? findBucket(destination, args.resources);
        const where = `${config.name} rules[${index}].destination.bucket`;
        if (bucket === undefined) {
          reportViolation(
            `${where} (${destination}) is not a bucket of this stack, so its residency cannot be verified; replicate to a bucket this stack manages.`,
            config.urn,
          );
          return;
        }
        const zone = zoneOf(regionOf(bucket), residencyZones);
        if (zone === undefined || zone !== sourceZone) {
          reportViolation(
            `${where} replicates from ${sourceRegion ?? "an unknown region"} (zone ${sourceZone ?? "none"}) to ${bucket.name} in ${regionOf(bucket) ?? "an unknown region"} (zone ${zone ?? "none"}); replicate to a bucket in zone ${sourceZone ?? "of the source"}.`,
            config.urn,
          );
        }
      });
    }
  },
};
