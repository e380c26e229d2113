/**
 * Reading the channels of policies/lib/residency-types.ts out of a resource: the values at a
 * channel's path, and the region a bucket, host or stack resource they name lives in.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Channel, channelsFor } from "./residency-types";
import { ResourceView, isRecord, regionOf, regionOfHostname } from "./resources";

export interface ChannelValue {
  /** Where the value sits, with list indexes: `replicas[1].region`. */
  readonly path: string;
  readonly value: unknown;
}

/**
 * Every value at a channel path. `[]` walks each element of a list; `#` parses JSON text (a policy
 * or dashboard document) before going on. Values not known yet (a preview's computed outputs) are
 * skipped: the analyzer's props throw on them, and `pulumi up` sees them known.
 */
export function valuesAt(props: unknown, path: string): ChannelValue[] {
  let current: ChannelValue[] = [{ path: "", value: props }];
  const [head, ...jsonParts] = path.split("#");
  const walk = (segments: string, parseFirst: boolean) => {
    if (parseFirst) current = current.map((c) => ({ path: c.path, value: typeof c.value === "string" ? safeJson(c.value) : c.value }));
    for (const segment of segments.split(".").filter((s) => s !== "")) {
      const many = segment.endsWith("[]");
      const name = many ? segment.slice(0, -2) : segment;
      current = current.flatMap((c) => {
        const value = name === "" ? c.value : isRecord(c.value) ? known(() => (c.value as Record<string, unknown>)[name]) : undefined;
        const at = name === "" ? c.path : c.path ? `${c.path}.${name}` : name;
        if (!many) return value === undefined ? [] : [{ path: at, value }];
        return Array.isArray(value) ? value.map((_, i) => ({ path: `${at}[${i}]`, value: known(() => value[i]) })) : [];
      });
    }
  };
  walk(head, false);
  for (const part of jsonParts) walk(part, true);
  return current.filter((c) => c.value !== undefined && c.value !== null && c.value !== "");
}

/** Each channel a rule checks on a resource, with the values found at its path. */
export function channelValues(resource: ResourceView, rule: string): { channel: Channel; at: ChannelValue }[] {
  return channelsFor(resource.type, rule)
    .filter((channel) => channel.when === undefined || channel.when(resource.props))
    .flatMap((channel) => valuesAt(resource.props, channel.path).map((at) => ({ channel, at })));
}

/**
 * The region of an AWS host name: the region it names (`x.eu-west-1.elb.amazonaws.com`), else the
 * region of the stack resource that exports it (a load balancer's `dnsName`, a Route 53 record
 * aliasing one, a bucket's regional domain name). Every record of a name counts (latency records).
 */
export function regionsOfHost(host: string, resources: readonly PolicyResource[], seen = new Set<string>()): (string | undefined)[] {
  const direct = regionOfHostname(host);
  if (direct !== undefined) return [direct];
  if (seen.has(host)) return [undefined];
  seen.add(host);
  const exporters = hostIndex(resources).get(host) ?? [];
  if (exporters.length === 0) return [undefined];
  return exporters.flatMap((exporter) => {
    if (exporter.type !== "aws:route53/record:Record") return [regionOf(exporter)];
    const aliases: unknown = known(() => exporter.props.aliases);
    const alias: unknown = Array.isArray(aliases) ? aliases[0] : undefined;
    return isRecord(alias) && typeof alias.name === "string" ? regionsOfHost(alias.name, resources, seen) : [undefined];
  });
}

/** The stack resource a property of `resource` references: its property dependency of a type, else one whose output matches. */
export function referenced(
  resource: PolicyResource,
  property: string,
  types: readonly string[],
  resources: readonly PolicyResource[],
  matches: (candidate: PolicyResource) => boolean,
): PolicyResource | undefined {
  const linked = (resource.propertyDependencies[property] ?? []).find((d) => types.includes(d.type));
  return linked ?? resources.find((r) => types.includes(r.type) && matches(r));
}

const HOST_KEYS = ["dnsName", "domainName", "bucketRegionalDomainName", "fqdn"];
const hostIndexes = new WeakMap<readonly PolicyResource[], Map<string, PolicyResource[]>>();

/** The stack's resources by the host names they export, built once per stack. */
function hostIndex(resources: readonly PolicyResource[]): Map<string, PolicyResource[]> {
  let index = hostIndexes.get(resources);
  if (index === undefined) {
    index = new Map();
    for (const r of resources) {
      if (r.type === "aws:cloudfront/distribution:Distribution") continue;
      for (const key of HOST_KEYS) {
        const host = known(() => r.props[key]);
        if (typeof host === "string" && host !== "") index.set(host, [...(index.get(host) ?? []), r]);
      }
    }
    hostIndexes.set(resources, index);
  }
  return index;
}

/** A property read that yields undefined for values not known yet instead of throwing. */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
