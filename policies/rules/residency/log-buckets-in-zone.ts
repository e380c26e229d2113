import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { findBucket, isRecord, regionOf, zoneOf } from "../../lib/resources";

/** Where each log source names its S3 bucket (a name, an S3 ARN or an S3 host name). */
function logBuckets(resource: PolicyResource): { path: string; bucket: string }[] {
  const p = resource.props;
  const found: { path: string; bucket: string }[] = [];
  const add = (path: string, value: unknown) => {
    if (typeof value === "string" && value !== "") found.push({ path, bucket: value });
  };
  switch (resource.type) {
    case "aws:ec2/flowLog:FlowLog":
      if (p.logDestinationType === "s3") add("logDestination", p.logDestination);
      break;
    case "aws:lb/loadBalancer:LoadBalancer":
      // `enabled` defaults to false even when a bucket is named.
      for (const key of ["accessLogs", "connectionLogs", "healthCheckLogs"])
        if (isRecord(p[key]) && p[key].enabled === true) add(`${key}.bucket`, p[key].bucket);
      break;
    case "aws:s3/bucketLogging:BucketLogging":
    case "aws:s3/bucketLoggingV2:BucketLoggingV2":
      add("targetBucket", p.targetBucket);
      break;
    case "aws:cloudtrail/trail:Trail":
      add("s3BucketName", p.s3BucketName);
      break;
  }
  return found;
}

/**
 * Logs are data too: a regional resource writes its logs (flow logs, load-balancer access logs,
 * S3 server access logs, trails) to a bucket of this stack in its own zone. CloudFront is global
 * and exempt; its log bucket is an ordinary bucket that region-in-residency-zone places in a zone.
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
      for (const target of logBuckets(source)) {
        const bucket = findBucket(target.bucket, args.resources);
        if (bucket === undefined) {
          reportViolation(
            `${source.name} ${target.path} sends logs to ${target.bucket}, which is not a bucket of this stack, so its residency cannot be verified; log to a bucket this stack manages in the same zone.`,
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
