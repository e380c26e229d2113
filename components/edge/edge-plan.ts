/**
 * Pure planning of the CDN: which origins, origin groups and cache behaviours exist for a set of
 * regions and residency zones. The Cdn component only turns this plan into a distribution, so the
 * residency rules are checked (and tested) here, without mocks.
 */
import { EdgeSettings } from "../config/tiers/edge";
import { NO_CLOUDFRONT_LOG_DELIVERY } from "./geo";

export interface EdgeRegion {
  readonly region: string;
  readonly zone: string;
}

/** The only methods CloudFront allows on a behaviour that targets an origin group. */
export const READ_METHODS = ["GET", "HEAD", "OPTIONS"] as const;
export const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"] as const;
export const CACHED_METHODS = ["GET", "HEAD"] as const;

/** AWS managed CloudFront policies (ids are global and fixed). */
export const MANAGED_POLICIES = {
  cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  /** Origin request: every viewer header, cookie and query string except Host (the origin has its own name). */
  allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
  /** Response headers: HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy, XSS protection. */
  securityHeaders: "67f7725c-6f97-4210-82d7-5512b31e9d03",
} as const;

/** Status codes from the primary that make an origin group retry on its secondary. */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504] as const;

export interface PlannedOrigin {
  readonly id: string;
  readonly kind: "region" | "zone-api";
  readonly zone: string;
  /** For `region` origins: the region whose ALB this is. */
  readonly region?: string;
}

export interface PlannedOriginGroup {
  readonly id: string;
  readonly zone: string;
  /** Origin ids, primary first. */
  readonly members: readonly [string, string];
}

export interface PlannedBehaviour {
  /** `*` for the default behaviour. */
  readonly pathPattern: string;
  readonly kind: "static" | "api";
  readonly zone: string;
  /** An origin id or an origin group id. */
  readonly target: string;
  readonly allowedMethods: readonly string[];
  readonly cachePolicyId: string;
  readonly originRequestPolicyId?: string;
}

export interface EdgePlan {
  readonly zones: readonly string[];
  /** Zone of the default behaviour and of the CDN's logs. */
  readonly homeZone: string;
  /** Region of the CDN's log bucket (in the home zone). */
  readonly logRegion: string;
  readonly origins: readonly PlannedOrigin[];
  readonly originGroups: readonly PlannedOriginGroup[];
  /** Ordered behaviours, most specific first. */
  readonly orderedBehaviours: readonly PlannedBehaviour[];
  readonly defaultBehaviour: PlannedBehaviour;
}

export const regionOriginId = (region: string) => `region-${region}`;
export const zoneApiOriginId = (zone: string) => `api-${zone}`;
export const failoverGroupId = (zone: string) => `failover-${zone}`;

/** Hostnames under the stack's domain. */
export const originHostname = (region: string, domain: string) => `origin.${region}.${domain}`;
export const zoneOriginHostname = (zone: string, domain: string) => `origin.${zone}.${domain}`;

export interface EdgePlanOptions {
  /** Whether each zone has a latency-routed, health-checked Route 53 hostname for its API. */
  readonly zoneHostnames: boolean;
}

export function planEdge(regions: readonly EdgeRegion[], settings: EdgeSettings, options: EdgePlanOptions): EdgePlan {
  if (regions.length === 0) throw new Error("the edge needs at least one region");
  const zones = [...new Set(regions.map((r) => r.zone))];
  const homeZone = settings.logZone ?? zones[0];
  const regionsOf = (zone: string) => regions.filter((r) => r.zone === zone).map((r) => r.region);
  const logRegion = regionsOf(homeZone).find((r) => !NO_CLOUDFRONT_LOG_DELIVERY.includes(r)) ?? regionsOf(homeZone)[0];

  const origins: PlannedOrigin[] = regions.map((r) => ({ id: regionOriginId(r.region), kind: "region", zone: r.zone, region: r.region }));
  if (options.zoneHostnames) origins.push(...zones.map((zone) => ({ id: zoneApiOriginId(zone), kind: "zone-api" as const, zone })));

  // One failover group per zone with a second region: primary the zone's first region, secondary
  // its second. Members always come from the same zone, so failover never moves a request out.
  const originGroups: PlannedOriginGroup[] = [];
  const staticTarget = new Map<string, string>();
  for (const zone of zones) {
    const members = regionsOf(zone);
    if (members.length >= 2) {
      originGroups.push({ id: failoverGroupId(zone), zone, members: [regionOriginId(members[0]), regionOriginId(members[1])] });
      staticTarget.set(zone, failoverGroupId(zone));
    } else {
      staticTarget.set(zone, regionOriginId(members[0]));
    }
  }

  const staticBehaviour = (zone: string, pathPattern: string): PlannedBehaviour => ({
    pathPattern,
    kind: "static",
    zone,
    target: staticTarget.get(zone)!,
    allowedMethods: [...READ_METHODS],
    cachePolicyId: MANAGED_POLICIES.cachingOptimized,
  });
  const orderedBehaviours: PlannedBehaviour[] = [];
  // API behaviours first: `/eu/api/*` must win over `/eu/*`.
  for (const zone of zones) {
    orderedBehaviours.push({
      pathPattern: apiPathOf(settings.apiPathPattern, zone),
      kind: "api",
      zone,
      // Writes cannot use an origin group: the zone's latency hostname fails over through Route 53
      // health checks instead; without one, the zone's first region takes all its API traffic.
      target: options.zoneHostnames ? zoneApiOriginId(zone) : regionOriginId(regionsOf(zone)[0]),
      allowedMethods: [...ALL_METHODS],
      cachePolicyId: MANAGED_POLICIES.cachingDisabled,
      originRequestPolicyId: MANAGED_POLICIES.allViewerExceptHostHeader,
    });
  }
  for (const zone of zones) orderedBehaviours.push(staticBehaviour(zone, `/${zone}/*`));

  return {
    zones,
    homeZone,
    logRegion,
    origins,
    originGroups,
    orderedBehaviours,
    defaultBehaviour: staticBehaviour(homeZone, "*"),
  };
}

export function apiPathOf(pattern: string, zone: string): string {
  return pattern.split("{zone}").join(zone);
}

/**
 * What AWS or our residency rules would reject in a plan; empty when the plan is sound. The Cdn
 * component refuses to declare a distribution from a plan with problems.
 */
export function checkEdgePlan(plan: EdgePlan): string[] {
  const problems: string[] = [];
  const origins = new Map(plan.origins.map((o) => [o.id, o]));
  const groups = new Map(plan.originGroups.map((g) => [g.id, g]));
  for (const group of plan.originGroups) {
    const zonesOfMembers = group.members.map((m) => origins.get(m)?.zone);
    if (zonesOfMembers.some((zone) => zone !== group.zone)) {
      problems.push(
        `origin group ${group.id} mixes residency zones (${group.members.join(", ")}); failover must stay within zone ${group.zone}`,
      );
    }
    if (group.members.some((m) => origins.get(m)?.kind !== "region")) {
      problems.push(`origin group ${group.id} must contain regional origins only`);
    }
    if (new Set(group.members).size !== 2) problems.push(`origin group ${group.id} needs two different origins`);
  }
  for (const behaviour of [...plan.orderedBehaviours, plan.defaultBehaviour]) {
    const group = groups.get(behaviour.target);
    const origin = origins.get(behaviour.target);
    if (group === undefined && origin === undefined) {
      problems.push(`behaviour ${behaviour.pathPattern} targets unknown origin ${behaviour.target}`);
      continue;
    }
    const writes = behaviour.allowedMethods.filter((m) => !(READ_METHODS as readonly string[]).includes(m));
    if (group !== undefined && writes.length > 0) {
      problems.push(
        `behaviour ${behaviour.pathPattern} allows ${writes.join(", ")} but targets origin group ${group.id}; CloudFront allows only GET, HEAD, OPTIONS there`,
      );
    }
    const zone = group?.zone ?? origin?.zone;
    if (zone !== behaviour.zone) {
      problems.push(`behaviour ${behaviour.pathPattern} of zone ${behaviour.zone} targets ${behaviour.target} in zone ${zone}`);
    }
  }
  const patterns = plan.orderedBehaviours.map((b) => b.pathPattern);
  const duplicate = patterns.find((p, i) => patterns.indexOf(p) !== i);
  if (duplicate !== undefined) problems.push(`path pattern ${duplicate} is used by two behaviours`);
  return problems;
}

/** Plain statements of what the edge configuration leaves weaker, for the stack's `notices`. */
/**
 * CloudFront standard logging writes every viewer's requests to one bucket, so a CDN serving several
 * zones keeps the other zones' viewer logs (IP addresses, URIs) in its log zone: a residency
 * exemption the pack refuses unless its config allows that zone (cdn-logs-in-viewer-zone.exemptLogZones),
 * printed by every plan so nobody relies on it unknowingly.
 */
export function cdnLogNotices(plan: EdgePlan, settings: EdgeSettings): string[] {
  const others = plan.zones.filter((z) => z !== plan.homeZone);
  if (others.length === 0) return [];
  const chosen =
    settings.logZone !== undefined
      ? `platform:edge.logZone is "${settings.logZone}"`
      : `platform:edge.logZone is not set, so the first region's zone is used; set it to make the exemption explicit`;
  return [
    `edge: residency exemption - CloudFront standard logs of viewers of zone(s) ${others.join(", ")} (IP addresses, URIs) are written to the log bucket in ${plan.logRegion}, zone ${plan.homeZone} (${chosen}). ` +
      `The pack allows this only where policies/config/<environment>.json lists "${plan.homeZone}" in cdn-logs-in-viewer-zone.exemptLogZones.`,
  ];
}

export function edgeNotices(settings: EdgeSettings): string[] {
  const notices: string[] = [];
  if (settings.domain === undefined) {
    notices.push(
      "edge: no domain is configured, so the CDN serves only its *.cloudfront.net name with CloudFront's default certificate, " +
        "whose minimum TLS version AWS fixes (TLSv1.2_2021 applies only with our own certificate), " +
        "and CloudFront reaches the regional ALBs over plain HTTP (port 80): there is no origin certificate to verify, so origin traffic is unencrypted. " +
        "The ALBs still admit only CloudFront's origin-facing addresses and requests carrying the CDN's secret origin header.",
    );
  }
  if (settings.hostedZoneId === undefined) {
    notices.push(
      "edge: no Route 53 hosted zone is configured, so there are no per-zone latency hostnames or health checks: " +
        "each zone's API paths go to the zone's first region only and fail over for nobody (reads still fail over through origin groups)." +
        (settings.domain !== undefined ? " The origin.<region> DNS names and the CDN alias must be created outside this stack." : ""),
    );
  }
  if (!settings.waf.enabled) notices.push("edge: no WAF web ACL protects the CDN (edge.waf.enabled is false).");
  return notices;
}
