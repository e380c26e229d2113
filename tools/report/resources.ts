/**
 * Shared vocabulary of the reports: short names for the type tokens they read (spelled once, in
 * the resource-type catalogue), and small readers over the offline plan model (zones, ARNs,
 * references). Pure functions; every type is optional in a plan.
 */
import { DISTRIBUTION, WEB_ACL } from "../catalogue/aws/cloudfront";
import { CERTIFICATE, DNS_RECORD, HEALTH_CHECK, HOSTED_ZONE } from "../catalogue/aws/dns-certs";
import { AWSX_VPC, EC2_VPC } from "../catalogue/aws/ec2";
import { EKS_CLUSTER, EKS_NODE_GROUP } from "../catalogue/aws/eks";
import { CACHE_CLUSTER, CACHE_REPLICATION_GROUP, CACHE_SERVERLESS } from "../catalogue/aws/elasticache";
import { KMS_KEY } from "../catalogue/aws/kms";
import { LOAD_BALANCER } from "../catalogue/aws/lb";
import { RDS_CLUSTER, RDS_INSTANCE } from "../catalogue/aws/rds";
import { SQS_QUEUE } from "../catalogue/aws/sqs";
import { AWS_PROVIDER } from "../catalogue/other/providers";
import { Plan, PlannedResource, STACK_TYPE, isProviderType } from "../engine/model";
import { regionOfArn } from "../../policies/residency-zones";

export const T = {
  vpc: EC2_VPC,
  awsxVpc: AWSX_VPC,
  eksCluster: EKS_CLUSTER,
  eksNodeGroup: EKS_NODE_GROUP,
  rdsInstance: RDS_INSTANCE,
  rdsCluster: RDS_CLUSTER,
  cacheGroup: CACHE_REPLICATION_GROUP,
  cacheCluster: CACHE_CLUSTER,
  cacheServerless: CACHE_SERVERLESS,
  queue: SQS_QUEUE,
  kmsKey: KMS_KEY,
  alb: LOAD_BALANCER,
  distribution: DISTRIBUTION,
  webAcl: WEB_ACL,
  zone: HOSTED_ZONE,
  record: DNS_RECORD,
  healthCheck: HEALTH_CHECK,
  certificate: CERTIFICATE,
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

/** `arn:aws:rds:eu-west-1:111122223333:db:orders` -> `eu-west-1` (spelled once, in the pack). */
export { regionOfArn };

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
  for (const provider of plan.resources.filter((r) => r.type === AWS_PROVIDER)) {
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
