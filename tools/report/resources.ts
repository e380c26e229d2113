/**
 * Shared vocabulary of the reports: the AWS v7 type tokens they understand, and small readers over
 * the offline plan model (zones, ARNs, references). Pure functions; every type is optional in a plan.
 */
import { Plan, PlannedResource, STACK_TYPE, isProviderType } from "../engine/model";

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  awsxVpc: "awsx:ec2:Vpc",
  eksCluster: "aws:eks/cluster:Cluster",
  eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
  rdsInstance: "aws:rds/instance:Instance",
  rdsCluster: "aws:rds/cluster:Cluster",
  cacheGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  cacheCluster: "aws:elasticache/cluster:Cluster",
  cacheServerless: "aws:elasticache/serverlessCache:ServerlessCache",
  queue: "aws:sqs/queue:Queue",
  kmsKey: "aws:kms/key:Key",
  alb: "aws:lb/loadBalancer:LoadBalancer",
  distribution: "aws:cloudfront/distribution:Distribution",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  zone: "aws:route53/zone:Zone",
  record: "aws:route53/record:Record",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  certificate: "aws:acm/certificate:Certificate",
} as const;

/**
 * Edge services AWS runs globally (CloudFront, Route 53, a CLOUDFRONT-scoped WAF): reports show
 * them in the edge, not in the region their provider names (us-east-1).
 */
export function isGlobal(resource: PlannedResource): boolean {
  if (/^aws:(cloudfront|route53)\//.test(resource.type)) return true;
  return resource.type === T.webAcl && plain(resource.inputs.scope) === "CLOUDFRONT";
}

/** Custom resources and remote components: what AWS (or a provider plugin) actually creates. */
export function isDeployed(resource: PlannedResource): boolean {
  return (resource.custom || resource.remote) && !isProviderType(resource.type) && resource.type !== STACK_TYPE;
}

/** `arn:aws:rds:eu-west-1:111122223333:db:orders` -> `eu-west-1`; undefined for anything else. */
export function regionOfArn(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-[a-z]+)+-\d):/.exec(value);
  return match?.[1];
}

/** A plain value with secrets masked and references reduced to ids, as `JSON.stringify` shows them. */
export function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** The zone tag of the provider that serves global services (the CDN's us-east-1 provider). */
export const GLOBAL_ZONE = "global";

/**
 * Residency zone per region, read from the regional providers' default tags (`residency-zone`).
 * The CDN's provider also sits in us-east-1 but serves global services: a region's own provider
 * wins over it, whichever was registered first.
 */
export function zonesByRegion(plan: Plan): Map<string, string> {
  const zones = new Map<string, string>();
  for (const provider of plan.resources.filter((r) => r.type === "pulumi:providers:aws")) {
    const zone = defaultTag(provider, "residency-zone");
    if (!provider.region || !zone) continue;
    if (!zones.has(provider.region) || zones.get(provider.region) === GLOBAL_ZONE) zones.set(provider.region, zone);
  }
  return zones;
}

function defaultTag(provider: PlannedResource, key: string): string | undefined {
  let tags: unknown = plain(provider.inputs.defaultTags);
  // Provider inputs travel JSON-encoded.
  if (typeof tags === "string") {
    try {
      tags = JSON.parse(tags);
    } catch {
      return undefined;
    }
  }
  const value = (tags as { tags?: Record<string, unknown> } | undefined)?.tags?.[key];
  return typeof value === "string" ? value : undefined;
}

/** Regions with deployed resources, sorted by zone then name. */
export function regionsOf(plan: Plan): string[] {
  const zones = zonesByRegion(plan);
  const regions = new Set<string>(zones.keys());
  for (const r of plan.resources) if (isDeployed(r) && r.region && !isGlobal(r)) regions.add(r.region);
  return [...regions].sort((a, b) => (zones.get(a) ?? "~").localeCompare(zones.get(b) ?? "~") || a.localeCompare(b));
}

/** URNs a resource references through its inputs, per top-level property. */
export function referencesOf(resource: PlannedResource, property: string): readonly string[] {
  return resource.propertyDependencies[property] ?? [];
}

/** Every URN a resource waits for: its parent, explicit dependencies and property references. */
export function dependenciesOf(resource: PlannedResource): Set<string> {
  const all = new Set<string>(resource.dependencies);
  for (const urns of Object.values(resource.propertyDependencies)) for (const urn of urns) all.add(urn);
  if (resource.parent) all.add(resource.parent);
  all.delete(resource.urn);
  return all;
}

export function indexByUrn(plan: Plan): Map<string, PlannedResource> {
  return new Map(plan.resources.map((r) => [r.urn, r]));
}

/** Formats seconds as `1h 05m`, `12m 30s` or `45s`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}
