import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { DISTRIBUTION, behavioursOf, viewerZones, zonePathPrefixesSchema } from "../../lib/cdn";
import { known, referenced } from "../../lib/channels";
import { findBucket, regionOf, zoneOf } from "../../lib/resources";
import { regionOfArn } from "../../residency-zones";

const REALTIME = "aws:cloudfront/realtimeLogConfig:RealtimeLogConfig";

interface Config extends ZonesConfig {
  readonly zonePathPrefixes: readonly string[];
  readonly exemptLogZones: readonly string[];
}

/**
 * CloudFront logs hold viewers' IP addresses, URIs and cookies: they stay in the zone of the viewers
 * they describe. Standard logging writes every behaviour's requests to one bucket, so a
 * distribution serving several zones breaks this unless a zone is explicitly exempted to hold all
 * of them (`exemptLogZones`, with `platform:edge.logZone` naming it in the stack and the plan
 * printing the exemption as a notice). Real-time logs are per behaviour, so they need no exemption:
 * each goes to a Kinesis stream in the zone of the behaviour's viewers.
 */
export const cdnLogsInViewerZone: StackValidationPolicy = {
  name: "cdn-logs-in-viewer-zone",
  description:
    "CloudFront standard and real-time logs stay in the residency zone of the viewers they describe, unless that zone is explicitly exempted.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: {
    properties: {
      residencyZones: residencyZonesSchema,
      zonePathPrefixes: zonePathPrefixesSchema,
      exemptLogZones: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description:
          "Zones allowed to hold CloudFront standard logs of other zones' viewers (one bucket per distribution): an explicit residency exemption. The stack names the zone in platform:edge.logZone and its plan prints the exemption as a notice.",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { residencyZones, zonePathPrefixes, exemptLogZones } = args.getConfig<Config>();
    const judge = (
      distribution: PolicyResource,
      what: string,
      viewers: (string | undefined)[],
      logRegion: string | undefined,
      destination: string,
      exemptable: boolean,
    ) => {
      const logZone = zoneOf(logRegion, residencyZones);
      const foreign = [...new Set(viewers)].filter((v) => v !== logZone);
      if (foreign.length === 0 || (exemptable && logZone !== undefined && exemptLogZones.includes(logZone))) return;
      const remedy = exemptable
        ? `Log each zone's viewers in their zone, or exempt zone ${logZone ?? "<zone>"} explicitly: set platform:edge.logZone to "${logZone ?? "<zone>"}" ` +
          "and add it to cdn-logs-in-viewer-zone.exemptLogZones in policies/config/<environment>.json."
        : `Real-time logs are per behaviour: send them to a stream in zone ${foreign[0] ?? "of the viewers"}.`;
      reportViolation(
        `${distribution.name} ${what} to ${destination} in ${logRegion ?? "an unknown region"} (zone ${logZone ?? "none"}), so logs of viewers of zone(s) ` +
          `${foreign.map((z) => z ?? "unknown").join(", ")} leave their zone. ${remedy}`,
        distribution.urn,
      );
    };
    for (const distribution of args.resources.filter((r) => r.type === DISTRIBUTION)) {
      const behaviours = behavioursOf(distribution, args.resources, residencyZones, zonePathPrefixes);
      const bucketRef = known(() => distribution.props.loggingConfig?.bucket);
      if (typeof bucketRef === "string" && bucketRef !== "") {
        const bucket = findBucket(bucketRef, args.resources);
        const viewers = behaviours.flatMap(viewerZones);
        if (bucket === undefined) {
          reportViolation(
            `${distribution.name} loggingConfig.bucket (${bucketRef}) is not a bucket of this stack, so the residency of its viewers' logs cannot be verified.`,
            distribution.urn,
          );
        } else judge(distribution, "writes standard logs of every behaviour", viewers, regionOf(bucket), bucket.name, true);
      }
      for (const behaviour of behaviours) {
        const configArn = behaviour.realtimeLogConfigArn;
        if (configArn === undefined) continue;
        const config =
          referenced(distribution, "orderedCacheBehaviors", [REALTIME], args.resources, (r) => known(() => r.props.arn) === configArn) ??
          args.resources.find((r) => r.type === REALTIME && known(() => r.props.arn) === configArn);
        const stream = config === undefined ? undefined : known(() => config.props.endpoint?.kinesisStreamConfig?.streamArn);
        if (typeof stream !== "string") {
          reportViolation(
            `${distribution.name} ${behaviour.path}.realtimeLogConfigArn (${configArn}) is not a real-time log configuration of this stack, so where its logs go cannot be verified.`,
            distribution.urn,
          );
          continue;
        }
        judge(
          distribution,
          `${behaviour.path} (${behaviour.pathPattern}) sends real-time logs`,
          viewerZones(behaviour),
          regionOfArn(stream),
          stream,
          false,
        );
      }
    }
  },
};
