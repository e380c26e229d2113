import type { StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { channelValues } from "../../lib/channels";
import { BUCKET_TYPES, dependenciesOf, findBucket, regionOf, zoneOf } from "../../lib/resources";

/**
 * S3 replication keeps objects in their zone, whether configured on its own resource
 * (`BucketReplicationConfig`) or inline on the bucket (`replicationConfiguration` of
 * `aws:s3/bucket:Bucket`). A destination is an `arn:aws:s3:::name` ARN, which names no region, so
 * the destination bucket is looked up in the stack (through the property dependencies the engine
 * records, else by name) and its region compared with the source's.
 */
export const s3ReplicationInZone: StackValidationPolicy = {
  name: "s3-replication-in-zone",
  description: "S3 replication destinations are buckets of this stack in the source bucket's residency zone.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: { residencyZones: residencyZonesSchema } },
  validateStack: (args, reportViolation) => {
    const { residencyZones } = args.getConfig<ZonesConfig>();
    for (const source of args.resources) {
      const destinations = channelValues(source, "s3-replication-in-zone");
      if (destinations.length === 0) continue;
      const sourceRegion = regionOf(source);
      const sourceZone = zoneOf(sourceRegion, residencyZones);
      const linked = [
        ...dependenciesOf(source, "rules", BUCKET_TYPES),
        ...dependenciesOf(source, "replicationConfiguration", BUCKET_TYPES),
      ];
      for (const { at } of destinations) {
        if (typeof at.value !== "string") continue;
        const bucket = findBucket(at.value, linked) ?? findBucket(at.value, args.resources);
        const where = `${source.name} ${at.path}`;
        if (bucket === undefined) {
          reportViolation(
            `${where} (${at.value}) is not a bucket of this stack, so its residency cannot be verified; replicate to a bucket this stack manages.`,
            source.urn,
          );
          continue;
        }
        const zone = zoneOf(regionOf(bucket), residencyZones);
        if (zone === undefined || zone !== sourceZone) {
          reportViolation(
            `${where} replicates from ${sourceRegion ?? "an unknown region"} (zone ${sourceZone ?? "none"}) to ${bucket.name} in ${regionOf(bucket) ?? "an unknown region"} (zone ${zone ?? "none"}); replicate to a bucket in zone ${sourceZone ?? "of the source"}.`,
            source.urn,
          );
        }
      }
    }
  },
};
