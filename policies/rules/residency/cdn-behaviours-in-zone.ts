import type { StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { DISTRIBUTION, behavioursOf, zonePathPrefixesSchema } from "../../lib/cdn";

interface Config extends ZonesConfig {
  readonly zonePathPrefixes: readonly string[];
}

/**
 * A cache behaviour for one zone's paths (`/eu/api/*`, `/eu/*`) sends its requests (bodies,
 * cookies, tokens) only to origins of that zone: retargeting `/eu/api/*` to a US origin would
 * move EU users' data to the US at the edge, whatever the regions' own resources say.
 */
export const cdnBehavioursInZone: StackValidationPolicy = {
  name: "cdn-behaviours-in-zone",
  description: "CloudFront behaviours for a zone's paths target only origins of that zone.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: { residencyZones: residencyZonesSchema, zonePathPrefixes: zonePathPrefixesSchema } },
  validateStack: (args, reportViolation) => {
    const { residencyZones, zonePathPrefixes } = args.getConfig<Config>();
    for (const distribution of args.resources.filter((r) => r.type === DISTRIBUTION)) {
      for (const behaviour of behavioursOf(distribution, args.resources, residencyZones, zonePathPrefixes)) {
        if (behaviour.pathZone === undefined) continue;
        const outside = behaviour.origins.filter((o) => o.zone !== behaviour.pathZone);
        if (outside.length === 0) continue;
        reportViolation(
          `${distribution.name} ${behaviour.path} serves ${behaviour.pathPattern} (zone ${behaviour.pathZone}) from ` +
            outside.map((o) => `${o.originId} in ${o.region ?? "an undeterminable region"} (zone ${o.zone ?? "none"})`).join(", ") +
            `; target only origins of zone ${behaviour.pathZone} (the program plans these from platform:edge and platform:regions).`,
          distribution.urn,
        );
      }
    }
  },
};
