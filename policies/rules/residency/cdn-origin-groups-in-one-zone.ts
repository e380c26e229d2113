import type { StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { regionsOfHost } from "../../lib/channels";
import { isRecord, zoneOf } from "../../lib/resources";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

/**
 * A CloudFront origin group fails over between its members, so a request served by one zone
 * could be answered from another: all members of a group must be in one zone. An origin's region
 * is read from its AWS host name (ELB, S3, API Gateway ...), else from the stack resource that
 * exports that host name (a load balancer's `dnsName`, a Route 53 record's alias target).
 */
export const cdnOriginGroupsInOneZone: StackValidationPolicy = {
  name: "cdn-origin-groups-in-one-zone",
  description: "CloudFront origin groups never mix residency zones.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: { residencyZones: residencyZonesSchema } },
  validateStack: (args, reportViolation) => {
    const { residencyZones } = args.getConfig<ZonesConfig>();
    for (const distribution of args.resources.filter((r) => r.type === DISTRIBUTION)) {
      const origins: unknown[] = Array.isArray(distribution.props.origins) ? distribution.props.origins : [];
      const hostOf = new Map<string, string>();
      for (const origin of origins) {
        if (isRecord(origin) && typeof origin.originId === "string" && typeof origin.domainName === "string") {
          hostOf.set(origin.originId, origin.domainName);
        }
      }
      const groups: unknown[] = Array.isArray(distribution.props.originGroups) ? distribution.props.originGroups : [];
      for (const group of groups) {
        if (!isRecord(group)) continue;
        const members: unknown[] = Array.isArray(group.members) ? group.members : [];
        const placed = members
          .map((m) => (isRecord(m) ? String(m.originId) : ""))
          .map((originId) => {
            const host = hostOf.get(originId);
            // Latency records name one region each: an origin whose records span regions counts only if they agree.
            const regions = host === undefined ? [] : [...new Set(regionsOfHost(host, args.resources))];
            const region = regions.length === 1 ? regions[0] : undefined;
            return { originId, region, zone: zoneOf(region, residencyZones) };
          });
        const unknown = placed.filter((p) => p.zone === undefined);
        const zones = new Set(placed.map((p) => p.zone));
        if (unknown.length > 0) {
          reportViolation(
            `origin group ${String(group.originId)} of ${distribution.name}: the zone of origin(s) ${unknown.map((p) => p.originId).join(", ")} cannot be determined; use the origin's AWS host name (e.g. its load balancer's dnsName).`,
            distribution.urn,
          );
        } else if (zones.size > 1) {
          reportViolation(
            `origin group ${String(group.originId)} of ${distribution.name} mixes zones: ${placed.map((p) => `${p.originId} in ${p.region} (${p.zone})`).join(", ")}; fail over only between origins of one zone.`,
            distribution.urn,
          );
        }
      }
    }
  },
};
