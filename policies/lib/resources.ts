/**
 * What every rule needs to know about a resource as CrossGuard hands it over: its region, its
 * residency zone and its tags. Rules read what the program sets: under the CLI the analyzer sees
 * inputs after the provider's Check (defaults and auto-names added), but offline there is no
 * provider Check, so rules never depend on provider-computed values (`tagsAll`, defaults).
 */
import type { PolicyProviderResource, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { ResidencyZoneTable, regionOfArn, zoneOfRegion } from "../residency-zones";

/** The tag that names a provider's (and so its resources') residency zone. */
export const ZONE_TAG = "residency-zone";

/** What rules read of a resource: the same fields on resource and stack validation arguments. */
export type ResourceView = Pick<ResourceValidationArgs, "type" | "props" | "urn" | "name" | "provider">;

/** AWS resource types that hold or move data in a region; components and other packages are not checked. */
export function isAwsResource(type: string): boolean {
  return type.startsWith("aws:");
}

/** `defaultTags.tags` of an AWS provider. The Node SDK sends provider inputs as JSON text, so both forms are read. */
export function providerDefaultTags(provider: PolicyProviderResource | undefined): Record<string, string> {
  const raw = provider?.props.defaultTags;
  const parsed = typeof raw === "string" ? safeJson(raw) : raw;
  const tags = isRecord(parsed) ? parsed.tags : undefined;
  return isRecord(tags) ? stringValues(tags) : {};
}

/**
 * The tags a resource ends up with: the provider's default tags, then the resource's own `tags`
 * (AWS applies the resource's value when both set a key). Offline there is no `tagsAll`, so this
 * is computed from what the program set, the way the provider would.
 */
export function effectiveTags(resource: ResourceView): Record<string, string> {
  const own = isRecord(resource.props.tags) ? stringValues(resource.props.tags) : {};
  return { ...providerDefaultTags(resource.provider), ...own };
}

/** The region a resource is managed in: its own `region` input (aws v7), else its provider's. */
export function regionOf(resource: ResourceView): string | undefined {
  const own = resource.props.region;
  if (typeof own === "string" && own !== "") return own;
  const fromProvider = resource.provider?.props.region;
  return typeof fromProvider === "string" && fromProvider !== "" ? fromProvider : undefined;
}

/** The residency zone a resource must stay in: the `residency-zone` tag its provider (or itself) carries. */
export function declaredZoneOf(resource: ResourceView): string | undefined {
  return providerDefaultTags(resource.provider)[ZONE_TAG] ?? effectiveTags(resource)[ZONE_TAG];
}

/** Every string inside a value that is a regional ARN, with the dotted path where it sits. */
export function regionalArns(value: unknown, path = ""): { path: string; arn: string; region: string; service: string }[] {
  if (typeof value === "string") {
    // Policy documents (queue, key and bucket policies) are JSON text; their ARNs count too.
    if (/^\s*[{[]/.test(value)) {
      const parsed = safeJson(value);
      if (parsed !== undefined) return regionalArns(parsed, path);
    }
    const region = regionOfArn(value);
    return region === undefined ? [] : [{ path: path || "(value)", arn: value, region, service: value.split(":")[2] ?? "" }];
  }
  if (Array.isArray(value))
    return value.flatMap((_, i) =>
      regionalArns(
        knownOrUndefined(() => value[i]),
        `${path}[${i}]`,
      ),
    );
  if (isRecord(value))
    return Object.keys(value).flatMap((k) =>
      regionalArns(
        knownOrUndefined(() => value[k]),
        path ? `${path}.${k}` : k,
      ),
    );
  return [];
}

/**
 * A property read that skips values not known yet. The analyzer's props throw on an unknown
 * value; a scan over every input must not let one computed field (a new resource's ARN during a
 * preview) hide the known ARNs beside it, so it looks at what is known and leaves the rest to `up`.
 */
function knownOrUndefined(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function zoneOf(region: string | undefined, zones: ResidencyZoneTable): string | undefined {
  return region === undefined ? undefined : zoneOfRegion(region, zones);
}

/** The AWS region named in an endpoint such as `x.eu-west-1.elb.amazonaws.com` or `b.s3.us-east-2.amazonaws.com`. */
export function regionOfHostname(hostname: string): string | undefined {
  const match = /(?:^|[.-])((?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?[a-z]+-\d)\.(?:[a-z0-9-]+\.)*amazonaws\.com$/.exec(hostname);
  return match?.[1];
}

/** Resources of a stack grouped by parent URN, for walking a component's descendants. */
export function descendantsOf(root: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
  const children = new Map<string, PolicyResource[]>();
  for (const r of resources) {
    const parent = r.parent?.urn;
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const result: PolicyResource[] = [];
  const queue = [root.urn];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as string) ?? []) {
      result.push(child);
      queue.push(child.urn);
    }
  }
  return result;
}

export function isRecord(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A value as text for messages: strings bare, everything else as JSON. */
export function show(value: unknown): string {
  return value === undefined ? "unset" : typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (typeof value === "string") result[key] = value;
  }
  return result;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** S3 bucket types whose `bucket` output is the bucket name (v7 names both). */
export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/** The bucket resource of a stack named by a bucket name, an `arn:aws:s3:::name[/prefix]` ARN or a `name.s3[.region].amazonaws.com` host. */
export function findBucket(reference: string, resources: readonly PolicyResource[]): PolicyResource | undefined {
  const name = bucketNameOf(reference);
  return resources.find((r) => BUCKET_TYPES.includes(r.type) && (r.props.bucket === name || r.props.arn === `arn:aws:s3:::${name}`));
}

export function bucketNameOf(reference: string): string {
  if (reference.startsWith("arn:aws:s3:::")) return reference.slice("arn:aws:s3:::".length).split("/")[0];
  const host = /^([a-z0-9.-]+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/.exec(reference);
  return host ? host[1] : reference;
}

/** Resources a property of `resource` depends on (the engine's property dependencies), of the given types. */
export function dependenciesOf(resource: PolicyResource, property: string, types: readonly string[]): PolicyResource[] {
  return (resource.propertyDependencies[property] ?? []).filter((d) => types.includes(d.type));
}
