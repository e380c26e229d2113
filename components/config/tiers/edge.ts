import { z } from "zod";
import { NO_CLOUDFRONT_LOG_DELIVERY, ZONE_COUNTRIES } from "../../edge/geo";
import { Environment, IssueReporter, flag, intBetween, nonEmptyString, oneOf } from "./common";
import { dns1035Label } from "./kubernetes-names";

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ACM_ARN = /^arn:aws:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;

const acmArn = z.string().regex(ACM_ARN, {
  error: (i) => `must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>), got ${JSON.stringify(i.input)}`,
});

/** The global CDN in front of the regions (one per stack), its certificates and DNS. */
export const edgeSettings = z.strictObject({
  priceClass: oneOf(["PriceClass_100", "PriceClass_200", "PriceClass_All"]),
  geoRestriction: z.strictObject({
    type: oneOf(["none", "whitelist", "blacklist"]),
    /** ISO 3166-1 alpha-2 country codes. */
    locations: z.array(
      z
        .string()
        .regex(/^[A-Z]{2}$/, { error: (i) => `must be an ISO 3166-1 alpha-2 country code such as "DE", got ${JSON.stringify(i.input)}` }),
    ),
  }),
  waf: z.strictObject({
    enabled: flag(),
    /** Requests per 5 minutes from one IP before the rate-based rule blocks it. */
    rateLimitPer5Minutes: intBetween(100, 2000000000),
  }),
  /** The domain the CDN serves (its alias) and under which origin hostnames live; absent: the CDN's default name only. */
  domain: z
    .string()
    .regex(DOMAIN, { error: (i) => `must be a lower-case DNS name such as "example.com", got ${JSON.stringify(i.input)}` })
    .optional(),
  /** Route 53 public hosted zone of `domain`: certificate validation, origin, zone and CDN records. */
  hostedZoneId: z
    .string()
    .regex(/^Z[A-Z0-9]{1,31}$/, {
      error: (i) => `must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ", got ${JSON.stringify(i.input)}`,
    })
    .optional(),
  certificate: z.strictObject({
    /**
     * none: no certificates (no domain); acm-dns: ACM certificates DNS-validated in `hostedZoneId`;
     * existing: issued ACM certificates given by ARN.
     */
    strategy: oneOf(["none", "acm-dns", "existing"]),
    /** strategy existing: the CDN's certificate (must be in us-east-1) covering `domain`. */
    cdnCertificateArn: acmArn.optional(),
    /** strategy existing: per region, a certificate covering origin.<region>.<domain> and origin.<zone>.<domain>. */
    originCertificateArns: z.record(z.string(), acmArn).optional(),
  }),
  /** Residency zone that receives the CDN's standard logs and serves the default path; default: the first region's zone. */
  logZone: z.string().optional(),
  /** Path pattern of a zone's API (all methods, never cached); `{zone}` is replaced by the zone name. */
  apiPathPattern: nonEmptyString("a CloudFront path pattern"),
  /** The application behind each regional ALB (a Kubernetes Service in the workload namespace). */
  origin: z.strictObject({
    serviceName: dns1035Label("a Kubernetes Service name"),
    servicePort: intBetween(1, 65535),
    /** Port the pods listen on; the ALB target group sends traffic there (IP targets). */
    targetPort: intBetween(1, 65535),
    healthCheckPath: z.string().regex(/^\/\S*$/, { error: (i) => `must be a path starting with "/", got ${JSON.stringify(i.input)}` }),
    /**
     * Whether the application (deployed separately, by its own chart) serves behind every regional
     * origin. Until it does, each origin has no healthy target by design: its alarm still steers
     * Route 53 but does not page (it stays out of the region-unhealthy composite). Set it to true
     * once the application runs in every region.
     */
    applicationDeployed: flag(),
  }),
  /** Helm chart version of the AWS Load Balancer Controller (https://aws.github.io/eks-charts). */
  loadBalancerControllerVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { error: (i) => `must be a chart version such as "1.13.4", got ${JSON.stringify(i.input)}` }),
  /** Days access logs (ALB and CDN) are kept. */
  logRetentionDays: intBetween(1, 3650),
  /**
   * The account's CloudFront quotas per distribution: 25 each by default, raised through Service
   * Quotas. A stack with many regions (one origin per region plus one per zone) needs more.
   */
  quotas: z.strictObject({
    originsPerDistribution: intBetween(25, 100),
    cacheBehaviorsPerDistribution: intBetween(25, 100),
  }),
});
export type EdgeSettings = z.infer<typeof edgeSettings>;

const common = {
  certificate: { strategy: "none" as const },
  apiPathPattern: "/{zone}/api/*",
  origin: { serviceName: "app", servicePort: 80, targetPort: 8080, healthCheckPath: "/healthz", applicationDeployed: false },
  loadBalancerControllerVersion: "1.13.4",
  quotas: { originsPerDistribution: 25, cacheBehaviorsPerDistribution: 25 },
};

export const edgeDefaults: Record<Environment, EdgeSettings> = {
  dev: {
    priceClass: "PriceClass_100",
    geoRestriction: { type: "none", locations: [] },
    waf: { enabled: false, rateLimitPer5Minutes: 2000 },
    ...common,
    logRetentionDays: 14,
  },
  prod: {
    priceClass: "PriceClass_All",
    geoRestriction: { type: "none", locations: [] },
    waf: { enabled: true, rateLimitPer5Minutes: 2000 },
    ...common,
    logRetentionDays: 365,
  },
};

export interface EdgeContext {
  /** The stack's regions and their zones, in stack order. */
  readonly regions: readonly { readonly region: string; readonly zone: string }[];
}

/** Cross-field rules of the edge; paths are relative to `edge`. */
export function checkEdge(edge: EdgeSettings, context: EdgeContext, report: IssueReporter): void {
  const zones = [...new Set(context.regions.map((r) => r.zone))];
  checkGeo(edge, zones, context, report);

  const { strategy } = edge.certificate;
  if (edge.domain !== undefined && strategy === "none") {
    report(
      ["certificate", "strategy"],
      `domain "${edge.domain}" needs a certificate strategy: "acm-dns" (ACM certificates validated in hostedZoneId) or "existing" (cdnCertificateArn and originCertificateArns); got "none"`,
    );
  }
  if (edge.domain === undefined && strategy !== "none") {
    report(["certificate", "strategy"], `"${strategy}" needs edge.domain (the name the certificates cover); set a domain or use "none"`);
  }
  if (edge.domain === undefined && edge.hostedZoneId !== undefined) {
    report(["hostedZoneId"], "needs edge.domain (the domain of the hosted zone)");
  }
  if (strategy === "acm-dns" && edge.hostedZoneId === undefined) {
    report(
      ["hostedZoneId"],
      'is required when certificate.strategy is "acm-dns" (ACM validates the certificates through records in that zone)',
    );
  }
  if (strategy === "existing") checkExistingCertificates(edge, context, report);

  if (edge.logZone !== undefined && !zones.includes(edge.logZone)) {
    report(["logZone"], `must be a residency zone this stack serves (${zones.join(", ")}), got "${edge.logZone}"`);
  } else {
    const logZone = edge.logZone ?? zones[0];
    const candidates = context.regions.filter((r) => r.zone === logZone).map((r) => r.region);
    if (candidates.length > 0 && !candidates.some((r) => !NO_CLOUDFRONT_LOG_DELIVERY.includes(r))) {
      report(
        ["logZone"],
        `CloudFront cannot deliver standard logs to ${candidates.join(", ")} (zone "${logZone}"); choose a zone with another region`,
      );
    }
  }

  if (!edge.apiPathPattern.includes("{zone}") || !edge.apiPathPattern.startsWith("/")) {
    report(["apiPathPattern"], `must start with "/" and contain "{zone}" (e.g. "/{zone}/api/*"), got "${edge.apiPathPattern}"`);
  }
  const origins = context.regions.length + (edge.hostedZoneId !== undefined ? zones.length : 0);
  const { originsPerDistribution, cacheBehaviorsPerDistribution } = edge.quotas;
  if (origins > originsPerDistribution) {
    report(
      ["quotas", "originsPerDistribution"],
      `the stack needs ${origins} CloudFront origins, more than the quota of ${originsPerDistribution} per distribution; raise the quota in Service Quotas and set this to it`,
    );
  }
  if (zones.length * 2 > cacheBehaviorsPerDistribution) {
    report(
      ["quotas", "cacheBehaviorsPerDistribution"],
      `the stack needs ${zones.length * 2} cache behaviours, more than the quota of ${cacheBehaviorsPerDistribution} per distribution; raise the quota in Service Quotas and set this to it`,
    );
  }
}

function checkGeo(edge: EdgeSettings, zones: readonly string[], context: EdgeContext, report: IssueReporter): void {
  const { type, locations } = edge.geoRestriction;
  if (type === "none") {
    if (locations.length > 0) report(["geoRestriction", "locations"], `must be empty when type is "none", got ${locations.join(", ")}`);
    return;
  }
  if (locations.length === 0) {
    report(["geoRestriction", "locations"], `must list at least one country when type is "${type}"`);
    return;
  }
  const regionsOf = (zone: string) =>
    context.regions
      .filter((r) => r.zone === zone)
      .map((r) => r.region)
      .join(", ");
  if (type === "blacklist") {
    locations.forEach((country, index) => {
      const zone = zones.find((z) => ZONE_COUNTRIES[z]?.includes(country));
      if (zone !== undefined) {
        report(
          ["geoRestriction", "locations", index],
          `"${country}" is a country of residency zone "${zone}", which this stack serves (${regionsOf(zone)}); blocking it locks the zone's own users out`,
        );
      }
    });
  } else {
    for (const zone of zones) {
      const countries = ZONE_COUNTRIES[zone] ?? [];
      if (countries.length > 0 && !countries.some((c) => locations.includes(c))) {
        report(
          ["geoRestriction", "locations"],
          `allows none of the countries of residency zone "${zone}" (${countries.join(", ")}), which this stack serves (${regionsOf(zone)})`,
        );
      }
    }
  }
}

function checkExistingCertificates(edge: EdgeSettings, context: EdgeContext, report: IssueReporter): void {
  const { cdnCertificateArn, originCertificateArns = {} } = edge.certificate;
  if (cdnCertificateArn === undefined) {
    report(["certificate", "cdnCertificateArn"], 'is required when certificate.strategy is "existing" (an ACM certificate in us-east-1)');
  } else if (ACM_ARN.exec(cdnCertificateArn)?.[1] !== "us-east-1") {
    report(
      ["certificate", "cdnCertificateArn"],
      `must be in us-east-1 (CloudFront only uses certificates from there), got ${cdnCertificateArn}`,
    );
  }
  const regions = context.regions.map((r) => r.region);
  for (const { region } of context.regions) {
    const certificateArn = originCertificateArns[region];
    if (certificateArn === undefined) {
      report(["certificate", "originCertificateArns"], `must give a certificate for ${region} (covering origin.${region}.${edge.domain})`);
    } else if (ACM_ARN.exec(certificateArn)?.[1] !== region) {
      report(
        ["certificate", "originCertificateArns", region],
        `must be a certificate in ${region} (an ALB uses its own region's), got ${certificateArn}`,
      );
    }
  }
  for (const region of Object.keys(originCertificateArns)) {
    if (!regions.includes(region)) {
      report(["certificate", "originCertificateArns", region], `is not a region of this stack (${regions.join(", ")})`);
    }
  }
}
