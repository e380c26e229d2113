import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { channelValues, known, referenced, regionsOfHost } from "../../lib/channels";
import { residencyTypeOf } from "../../lib/residency-types";
import { declaredZoneOf, regionOf, zoneOf } from "../../lib/resources";

const PEERING = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
/** SNS protocols whose endpoint is an AWS ARN (references-in-residency-zone reads those) or a URL. */
const URL_PROTOCOLS = ["http", "https"];

interface Config extends ZonesConfig {
  readonly externalEndpointHosts: readonly string[];
}

/**
 * Destinations named as plain text stay in the zone: replica regions (Secrets Manager, DynamoDB
 * global tables), replication destinations (ECR), peer regions (VPC peering), regions a dashboard
 * reads, subscription endpoints by host name, and the peering connection a route or accepter
 * uses. The table in policies/lib/residency-types.ts lists which property of which type is one.
 */
export const destinationsInZone: StackValidationPolicy = {
  name: "destinations-in-zone",
  description:
    "Regions, hosts and connections a resource names as plain text (replicas, replication, peering, endpoints) are in its residency zone.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: {
    properties: {
      residencyZones: residencyZonesSchema,
      externalEndpointHosts: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Host names outside AWS that subscription endpoints may deliver to (each known to keep data in the zone it serves).",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { residencyZones, externalEndpointHosts } = args.getConfig<Config>();
    for (const resource of args.resources) {
      const zone = declaredZoneOf(resource);
      // No zone: region-in-residency-zone reports the resource itself.
      if (zone === undefined || residencyZones[zone] === undefined) continue;
      const controlled = residencyTypeOf(resource.type)?.configKey;
      const where = (path: string) => `${resource.name} ${path}${controlled ? ` (set by ${controlled})` : ""}`;
      const outside = (path: string, what: string, region: string | undefined) => {
        const target = zoneOf(region, residencyZones);
        if (target === zone) return;
        reportViolation(
          `${where(path)} ${what} ${region ?? "an unknown region"} (zone ${target ?? "none"}), outside its residency zone "${zone}"; ` +
            `keep it in ${residencyZones[zone].join(", ")}.`,
          resource.urn,
        );
      };
      for (const { channel, at } of channelValues(resource, "destinations-in-zone")) {
        if (channel.kind === "region" && typeof at.value === "string") outside(at.path, "names", at.value);
        if (channel.kind === "connection" && typeof at.value === "string") {
          const connection = referenced(resource, channel.path, [PEERING], args.resources, (r) => known(() => r.props.id) === at.value);
          if (connection === undefined) {
            reportViolation(
              `${where(at.path)} uses ${at.value}, which is not a peering connection of this stack, so its residency cannot be verified.`,
              resource.urn,
            );
            continue;
          }
          for (const side of peeringRegions(connection)) outside(at.path, `joins ${connection.name}, which reaches`, side);
        }
        if (channel.kind === "endpoint" && typeof at.value === "string") {
          const protocol = String(known(() => resource.props.protocol) ?? "");
          if (!URL_PROTOCOLS.includes(protocol)) continue;
          const host = hostOf(at.value);
          if (host !== undefined && externalEndpointHosts.includes(host)) continue;
          const regions = host === undefined ? [undefined] : regionsOfHost(host, args.resources);
          if (regions.includes(undefined)) {
            reportViolation(
              `${where(at.path)} delivers to ${at.value}, whose region cannot be determined; deliver to an AWS endpoint of zone "${zone}", or list ${host ?? "its host"} in destinations-in-zone.externalEndpointHosts if it keeps data in the zone.`,
              resource.urn,
            );
          } else for (const region of regions) outside(at.path, "delivers to", region);
        }
      }
    }
  },
};

/** Both ends of a peering connection: its own region and the peer's (its own when not cross-region). */
function peeringRegions(connection: PolicyResource): (string | undefined)[] {
  const own = regionOf(connection);
  const peer = known(() => connection.props.peerRegion);
  return [own, typeof peer === "string" && peer !== "" ? peer : own];
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
