/**
 * A CloudFront distribution as the residency rules read it: which zone each cache behaviour serves
 * (by its path, `/eu/...`, or else by the origins it targets) and where each origin is.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { known, regionsOfHost } from "./channels";
import { isRecord, zoneOf } from "./resources";

export const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

export const zonePathPrefixesSchema: PolicyConfigJSONSchema = {
  type: "array",
  items: { type: "string", pattern: "^/.*\\{zone\\}" },
  minItems: 1,
  description:
    'Path prefixes that mark a cache behaviour as serving one zone, with {zone} for the zone name (the program\'s paths: "/{zone}/api/*" from platform:edge.apiPathPattern and "/{zone}/*").',
  default: ["/{zone}/"],
};

export interface OriginPlace {
  readonly originId: string;
  readonly host?: string;
  readonly region?: string;
  readonly zone?: string;
}

export interface Behaviour {
  /** `defaultCacheBehavior` or `orderedCacheBehaviors[i]`. */
  readonly path: string;
  readonly pathPattern: string;
  /** The zone the path names, if any. */
  readonly pathZone?: string;
  readonly origins: readonly OriginPlace[];
  readonly realtimeLogConfigArn?: string;
}

/** Every behaviour of a distribution with the places of the origins it can send requests to. */
export function behavioursOf(
  distribution: PolicyResource,
  resources: readonly PolicyResource[],
  zones: Readonly<Record<string, readonly string[]>>,
  prefixes: readonly string[],
): Behaviour[] {
  const p = distribution.props;
  const hosts = new Map<string, string>();
  for (const origin of asList(known(() => p.origins))) {
    if (isRecord(origin) && typeof origin.originId === "string" && typeof origin.domainName === "string")
      hosts.set(origin.originId, origin.domainName);
  }
  const groups = new Map<string, string[]>();
  for (const group of asList(known(() => p.originGroups))) {
    if (!isRecord(group) || typeof group.originId !== "string") continue;
    groups.set(
      group.originId,
      asList(group.members).map((m) => (isRecord(m) ? String(m.originId) : "")),
    );
  }
  const place = (originId: string): OriginPlace[] => {
    const host = hosts.get(originId);
    if (host === undefined) return [{ originId }];
    return regionsOfHost(host, resources).map((region) => ({ originId, host, region, zone: zoneOf(region, zones) }));
  };
  const raw: { path: string; value: unknown }[] = [
    { path: "defaultCacheBehavior", value: known(() => p.defaultCacheBehavior) },
    ...asList(known(() => p.orderedCacheBehaviors)).map((value, i) => ({ path: `orderedCacheBehaviors[${i}]`, value })),
  ];
  return raw
    .filter((b): b is { path: string; value: Record<string, any> } => isRecord(b.value))
    .map(({ path, value }) => {
      const pathPattern = typeof value.pathPattern === "string" ? value.pathPattern : "*";
      const target = String(value.targetOriginId ?? "");
      const members = groups.get(target) ?? [target];
      return {
        path,
        pathPattern,
        pathZone: zoneOfPath(pathPattern, Object.keys(zones), prefixes),
        origins: members.flatMap(place),
        realtimeLogConfigArn:
          typeof value.realtimeLogConfigArn === "string" && value.realtimeLogConfigArn !== "" ? value.realtimeLogConfigArn : undefined,
      };
    });
}

/** The zones whose viewers a behaviour serves: the zone its path names, else the zones of its origins. */
export function viewerZones(behaviour: Behaviour): (string | undefined)[] {
  return behaviour.pathZone !== undefined ? [behaviour.pathZone] : [...new Set(behaviour.origins.map((o) => o.zone))];
}

function zoneOfPath(pathPattern: string, zoneNames: readonly string[], prefixes: readonly string[]): string | undefined {
  return zoneNames.find((zone) => prefixes.some((prefix) => pathPattern.startsWith(prefix.split("{zone}").join(zone))));
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
