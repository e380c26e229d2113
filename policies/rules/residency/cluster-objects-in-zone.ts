import type { StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { channelValues } from "../../lib/channels";
import { clusterPlacementOf } from "../../lib/kubernetes";
import { residencyTypeOf } from "../../lib/residency-types";
import { regionOfHostname, regionalArns, zoneOf } from "../../lib/resources";

const NAME = "cluster-objects-in-zone";

/**
 * A Kubernetes object that makes its cluster reach AWS (a KEDA ScaledObject polling a queue, a
 * TriggerAuthentication) names only regions of its cluster's residency zone: the region, queue
 * URL and ARNs it carries, read through the channels of policies/lib/residency-types.ts. A scaler
 * in the EU cluster reading a US queue would move that queue's metadata (and the consumer's
 * access) across zones. The cluster is the EKS cluster the object's Kubernetes provider targets.
 */
export const clusterObjectsInZone: StackValidationPolicy = {
  name: NAME,
  description:
    "Kubernetes objects that reach AWS from a cluster (KEDA scalers and their authentication) name only regions, queue URLs and ARNs of the cluster's residency zone.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: { residencyZones: residencyZonesSchema } },
  validateStack: (args, reportViolation) => {
    const { residencyZones } = args.getConfig<ZonesConfig>();
    for (const resource of args.resources) {
      const type = residencyTypeOf(resource.type);
      if (type?.placement !== "cluster") continue;
      const values = channelValues(resource, NAME);
      if (values.length === 0) continue;
      const placement = clusterPlacementOf(resource, args.resources, residencyZones);
      const controlled = type.configKey ? ` (set by ${type.configKey})` : "";
      if (placement?.zone === undefined || residencyZones[placement.zone] === undefined) {
        reportViolation(
          `${resource.name} names AWS regions or resources${controlled}, but the residency zone of its cluster cannot be determined${placement ? ` (${placement.source} is in ${placement.region ?? "no known region"})` : ""}; create it through the Kubernetes provider of a regional cluster of this stack.`,
          resource.urn,
        );
        continue;
      }
      const zone = placement.zone;
      const outside = (path: string, what: string, region: string | undefined) => {
        const target = zoneOf(region, residencyZones);
        if (target === zone) return;
        reportViolation(
          `${resource.name} ${path}${controlled} ${what} ${region ?? "an unknown region"} (zone ${target ?? "none"}), but it runs in ${placement.source} in residency zone "${zone}"; keep it in ${residencyZones[zone].join(", ")}.`,
          resource.urn,
        );
      };
      for (const { channel, at } of values) {
        if (typeof at.value !== "string") continue;
        if (channel.kind === "region") outside(at.path, "names", at.value);
        if (channel.kind === "url") outside(at.path, "points at", urlRegion(at.value));
        if (channel.kind === "arn")
          for (const ref of regionalArns(at.value, at.path)) outside(ref.path, `references ${ref.arn} in`, ref.region);
      }
    }
  },
};

/** The region of an AWS URL's host (`https://sqs.eu-west-1.amazonaws.com/...`), or an ARN's region when given one. */
function urlRegion(value: string): string | undefined {
  const arn = regionalArns(value)[0];
  if (arn !== undefined) return arn.region;
  try {
    return regionOfHostname(new URL(value).hostname);
  } catch {
    return undefined;
  }
}
