import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { EdgeSettings } from "../config/tiers/edge";
import { validatedCertificate } from "./certificate";
import {
  CACHED_METHODS,
  EdgePlan,
  FAILOVER_STATUS_CODES,
  MANAGED_POLICIES,
  PlannedBehaviour,
  checkEdgePlan,
  planEdge,
  zoneOriginHostname,
} from "./edge-plan";
import { LogBucket } from "./log-bucket";
import { ORIGIN_VERIFY_HEADER, RegionalOrigin } from "./regional-origin";
import { webAcl } from "./waf";

export interface CdnRegion {
  readonly region: string;
  readonly zone: string;
  readonly origin: RegionalOrigin;
  /** The region's provider (the CDN's log bucket uses the one of its log region). */
  readonly provider: pulumi.ProviderResource;
}

export interface CdnArgs {
  /** The stack's regions in stack order, each with its origin. */
  readonly regions: readonly CdnRegion[];
  readonly settings: EdgeSettings;
  /** Production: the log bucket refuses deletion while it holds logs. @default false */
  readonly protect?: boolean;
  /** Provider in us-east-1: CloudFront takes its certificate and web ACL from there. */
  readonly usEast1: aws.Provider;
}

/**
 * One CloudFront distribution in front of every region: an origin per regional ALB (and per zone
 * API hostname when Route 53 routes the zones), origin groups failing over only within a residency
 * zone, cached read paths through those groups, and uncached API paths sent to their own zone.
 */
export class Cdn extends pulumi.ComponentResource {
  public readonly plan: EdgePlan;
  public readonly distributionId: pulumi.Output<string>;
  public readonly domainName: pulumi.Output<string>;
  /** Route 53 zone id of CloudFront (for alias records). */
  public readonly hostedZoneId: pulumi.Output<string>;
  public readonly webAclArn?: pulumi.Output<string>;
  public readonly logBucket: pulumi.Output<string>;
  /**
   * The secret value of the `X-Origin-Verify` header on every origin request; the origins admit
   * only requests carrying it (see admitCdnAtOrigins in components/links).
   */
  public readonly originVerifyValue: pulumi.Output<string>;
  private readonly settings: EdgeSettings;

  constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:Cdn", name, {}, opts);
    const { settings } = args;
    this.settings = settings;
    const global = { parent: this, provider: args.usEast1 };

    this.plan = planEdge(args.regions, settings, { zoneHostnames: settings.hostedZoneId !== undefined && settings.domain !== undefined });
    const problems = checkEdgePlan(this.plan);
    if (problems.length > 0) throw new Error(`${name}: the CDN plan breaks CloudFront or residency rules:\n  ${problems.join("\n  ")}`);

    // The secret header every origin request carries; each ALB forwards only requests that have it.
    const verify = new random.RandomPassword(`${name}-origin-verify`, { length: 48, special: false }, { parent: this });
    // Explicitly secret: the engine marks `result` secret, but say so where it is used too.
    const secretValue = pulumi.secret(verify.result);
    this.originVerifyValue = secretValue;
    const verifyHeader = [{ name: ORIGIN_VERIFY_HEADER, value: secretValue }];

    const logs = new LogBucket(
      `${name}-logs`,
      {
        writer: "cloudfront",
        region: this.plan.logRegion,
        retentionDays: settings.logRetentionDays,
        protect: args.protect ?? false,
      },
      { parent: this, providers: { aws: args.regions.find((r) => r.region === this.plan.logRegion)!.provider } },
    );

    let certificateArn: pulumi.Input<string> | undefined;
    if (settings.domain !== undefined && settings.certificate.strategy === "acm-dns" && settings.hostedZoneId !== undefined) {
      certificateArn = validatedCertificate(`${name}`, { domainName: settings.domain, hostedZoneId: settings.hostedZoneId }, global).arn;
    } else if (settings.domain !== undefined) {
      certificateArn = settings.certificate.cdnCertificateArn;
    }
    const writePathPatterns = this.plan.orderedBehaviours
      .filter((b) => b.allowedMethods.some((m) => ["POST", "PUT", "PATCH"].includes(m)))
      .map((b) => b.pathPattern);
    const acl = settings.waf.enabled
      ? webAcl(`${name}-waf`, { ratePer5Minutes: settings.waf.rateLimitPer5Minutes, writePathPatterns }, global)
      : undefined;

    const byId = new Map(args.regions.map((r) => [`region-${r.region}`, r.origin]));
    const origins = this.plan.origins.map((planned): aws.types.input.cloudfront.DistributionOrigin => {
      const regional = planned.region !== undefined ? byId.get(`region-${planned.region}`) : undefined;
      const https = regional === undefined || regional.protocol === "https";
      return {
        originId: planned.id,
        domainName: regional !== undefined ? regional.hostname : zoneOriginHostname(planned.zone, settings.domain!),
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: https ? "https-only" : "http-only",
          originSslProtocols: ["TLSv1.2"],
          originKeepaliveTimeout: 5,
          originReadTimeout: 30,
        },
        customHeaders: verifyHeader,
      };
    });
    const originGroups = this.plan.originGroups.map((group) => ({
      originId: group.id,
      failoverCriteria: { statusCodes: [...FAILOVER_STATUS_CODES] },
      members: group.members.map((originId) => ({ originId })),
    }));

    const distribution = new aws.cloudfront.Distribution(
      `${name}-distribution`,
      {
        enabled: true,
        comment: `platform edge: ${this.plan.zones.join(", ")}`,
        aliases: settings.domain !== undefined ? [settings.domain] : undefined,
        httpVersion: "http2and3",
        isIpv6Enabled: true,
        priceClass: settings.priceClass,
        origins,
        originGroups,
        defaultCacheBehavior: behaviourArgs(this.plan.defaultBehaviour),
        orderedCacheBehaviors: this.plan.orderedBehaviours.map((b) => ({ pathPattern: b.pathPattern, ...behaviourArgs(b) })),
        restrictions: {
          geoRestriction: { restrictionType: settings.geoRestriction.type, locations: [...settings.geoRestriction.locations] },
        },
        viewerCertificate:
          certificateArn !== undefined
            ? { acmCertificateArn: certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
            : // CloudFront's own certificate: AWS fixes the TLS floor of *.cloudfront.net (see notices).
              { cloudfrontDefaultCertificate: true },
        loggingConfig: { bucket: logs.bucketDomainName, prefix: "cloudfront/", includeCookies: false },
        webAclId: acl?.arn,
        tags: { Name: `${name}-distribution` },
      },
      { ...global, dependsOn: logs.ready },
    );

    this.distributionId = distribution.id;
    this.domainName = distribution.domainName;
    this.hostedZoneId = distribution.hostedZoneId;
    this.webAclArn = acl?.arn;
    this.logBucket = logs.bucketName;
    this.registerOutputs({ distributionId: this.distributionId, domainName: this.domainName });
  }

  /** What the stack exports for the edge. */
  public exports(): Record<string, pulumi.Input<unknown>> {
    const { domain } = this.settings;
    return {
      distributionId: this.distributionId,
      domainName: this.domainName,
      url: domain !== undefined ? `https://${domain}` : pulumi.interpolate`https://${this.domainName}`,
      homeZone: this.plan.homeZone,
      logBucket: this.logBucket,
      webAclArn: this.webAclArn,
    };
  }
}

function behaviourArgs(behaviour: PlannedBehaviour) {
  return {
    targetOriginId: behaviour.target,
    viewerProtocolPolicy: "redirect-to-https",
    allowedMethods: [...behaviour.allowedMethods],
    cachedMethods: [...CACHED_METHODS],
    compress: true,
    cachePolicyId: behaviour.cachePolicyId,
    originRequestPolicyId: behaviour.originRequestPolicyId,
    responseHeadersPolicyId: MANAGED_POLICIES.securityHeaders,
  };
}
