import type { StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { channelValues } from "../../lib/channels";
import { findBucket, regionOf, zoneOf } from "../../lib/resources";

/**
 * Logs are data too: a regional resource writes its logs (flow logs, load-balancer logs, S3
 * server access logs, inline `logging` of a bucket included) to a bucket of this stack in its own
 * zone. Which property of which type is a log destination, and when AWS uses it (flow logs only
 * with `logDestinationType: s3`, load-balancer logs only when enabled), is in the residency table.
 * CloudFront's logs describe viewers, not a region: cdn-logs-in-viewer-zone reads those.
 */
export const logBucketsInZone: StackValidationPolicy = {
  name: "log-buckets-in-zone",
  description: "Log buckets sit in the residency zone of the resources whose logs they hold.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { residencyZones: residencyZonesSchema } },
  validateStack: (args, reportViolation) => {
    const { residencyZones } = args.getConfig<ZonesConfig>();
    for (const source of args.resources) {
      for (const { at } of channelValues(source, "log-buckets-in-zone")) {
        if (typeof at.value !== "string") continue;
        const bucket = findBucket(at.value, args.resources);
        if (bucket === undefined) {
          reportViolation(
            `${source.name} ${at.path} sends logs to ${at.value}, which is not a bucket of this stack, so its residency cannot be verified; log to a bucket this stack manages in the same zone.`,
            source.urn,
          );
          continue;
        }
        const zone = zoneOf(regionOf(source), residencyZones);
        const bucketZone = zoneOf(regionOf(bucket), residencyZones);
        if (bucketZone === undefined || bucketZone !== zone) {
          reportViolation(
            `${source.name} in ${regionOf(source)} (zone ${zone ?? "none"}) logs to ${bucket.name} in ${regionOf(bucket)} (zone ${bucketZone ?? "none"}); use a log bucket in zone ${zone ?? "of the source"}.`,
            source.urn,
          );
        }
      }
    }
  },
};
