/** What CloudFront's API refuses in a distribution: behaviours, methods, origins, origin groups, certificates. */
import { InputRule, ValidationContext } from "../types";

const GUIDE = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesCacheBehavior.html";
const API = (shape: string) => `https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_${shape}.html`;
const FAILOVER = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html";

const READ_METHODS = ["GET", "HEAD", "OPTIONS"];
const ALLOWED_SETS = [["GET", "HEAD"], READ_METHODS, ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]];
const CACHED_SETS = [["GET", "HEAD"], READ_METHODS];
const FAILOVER_CODES = [400, 403, 404, 416, 500, 502, 503, 504];

interface Behaviour {
  readonly pathPattern?: string;
  readonly targetOriginId?: string;
  readonly allowedMethods?: string[];
  readonly cachedMethods?: string[];
  readonly cachePolicyId?: string;
  readonly forwardedValues?: unknown;
}

const behavioursOf = (ctx: ValidationContext): Behaviour[] => [
  ctx.inputs.defaultCacheBehavior ?? {},
  ...(ctx.inputs.orderedCacheBehaviors ?? []),
];
const label = (b: Behaviour) => (b.pathPattern === undefined ? "the default behaviour" : `behaviour ${b.pathPattern}`);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((m, i) => m === [...b].sort()[i]);
const originIds = (ctx: ValidationContext): string[] => (ctx.inputs.origins ?? []).map((o: { originId: string }) => o.originId);
const groupIds = (ctx: ValidationContext): string[] => (ctx.inputs.originGroups ?? []).map((g: { originId: string }) => g.originId);

export const DISTRIBUTION_RULES: readonly InputRule[] = [
  {
    property: "orderedCacheBehaviors.targetOriginId",
    rule: "every behaviour targets an origin or origin group of the distribution",
    sources: [API("CacheBehavior"), GUIDE],
    check: (ctx) => {
      const known = new Set([...originIds(ctx), ...groupIds(ctx)]);
      return behavioursOf(ctx)
        .filter((b) => !known.has(String(b.targetOriginId)))
        .map((b) => `${label(b)} targets unknown origin ${b.targetOriginId}`);
    },
  },
  {
    property: "orderedCacheBehaviors.allowedMethods",
    rule: "allowed methods are GET,HEAD or GET,HEAD,OPTIONS or all seven; cached methods GET,HEAD or GET,HEAD,OPTIONS and within the allowed ones",
    sources: [API("AllowedMethods"), API("CachedMethods")],
    check: (ctx) =>
      behavioursOf(ctx).flatMap((b) => {
        const problems: string[] = [];
        const allowed = b.allowedMethods ?? [];
        const cached = b.cachedMethods ?? [];
        if (!ALLOWED_SETS.some((s) => sameSet(s, allowed))) problems.push(`${label(b)} allows ${allowed.join(",")}`);
        if (!CACHED_SETS.some((s) => sameSet(s, cached)) || cached.some((m) => !allowed.includes(m)))
          problems.push(`${label(b)} caches ${cached.join(",")}`);
        return problems;
      }),
  },
  {
    property: "orderedCacheBehaviors.allowedMethods",
    rule: "a behaviour whose target is an origin group may only allow GET, HEAD and OPTIONS (CloudFront fails over only those)",
    sources: [FAILOVER],
    check: (ctx) => {
      const groups = new Set(groupIds(ctx));
      return behavioursOf(ctx)
        .filter((b) => groups.has(String(b.targetOriginId)) && (b.allowedMethods ?? []).some((m) => !READ_METHODS.includes(m)))
        .map((b) => `${label(b)} targets origin group ${b.targetOriginId} with ${b.allowedMethods?.join(",")}`);
    },
  },
  {
    property: "orderedCacheBehaviors.pathPattern",
    rule: "path patterns are 1-255 characters of A-Z a-z 0-9 _ - . * $ / ~ \" ' @ : + &, and unique within the distribution",
    sources: [`${GUIDE}#DownloadDistValuesPathPattern`, API("CacheBehavior")],
    check: (ctx) => {
      const patterns: unknown[] = (ctx.inputs.orderedCacheBehaviors ?? []).map((b: Behaviour) => b.pathPattern);
      const problems = patterns
        .filter((p) => typeof p !== "string" || p.length < 1 || p.length > 255 || !/^[A-Za-z0-9_\-.*$/~"'@:+&]+$/.test(p))
        .map((p) => `"${p}"`);
      const dupes = patterns.filter((p, i) => patterns.indexOf(p) !== i);
      if (dupes.length > 0) problems.push(`${dupes.join(", ")} used twice`);
      return problems;
    },
  },
  {
    property: "orderedCacheBehaviors.cachePolicyId",
    rule: "every behaviour names a cache policy or legacy forwardedValues",
    sources: [API("CacheBehavior"), API("DefaultCacheBehavior")],
    check: (ctx) =>
      behavioursOf(ctx)
        .filter((b) => b.cachePolicyId === undefined && b.forwardedValues === undefined)
        .map((b) => `${label(b)} has neither`),
  },
  {
    property: "origins",
    rule: "origin ids are unique, and an origin group id is not also an origin id",
    sources: [API("Origin"), API("OriginGroup")],
    check: (ctx) => {
      const ids = [...originIds(ctx), ...groupIds(ctx)];
      return ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `id ${id} is used twice`);
    },
  },
  {
    property: "originGroups",
    rule: "an origin group has exactly two members, both origins (not groups) of the distribution, and fails over only on 400, 403, 404, 416, 500, 502, 503 or 504",
    sources: [API("OriginGroupMembers"), API("OriginGroupFailoverCriteria"), FAILOVER],
    check: (ctx) => {
      const origins = new Set(originIds(ctx));
      return (ctx.inputs.originGroups ?? []).flatMap((g: any) => {
        const problems: string[] = [];
        const members: string[] = (g.members ?? []).map((m: { originId: string }) => m.originId);
        if (members.length !== 2) problems.push(`group ${g.originId} has ${members.length} members`);
        for (const m of members) if (!origins.has(m)) problems.push(`group ${g.originId} member ${m} is not an origin`);
        const codes: number[] = g.failoverCriteria?.statusCodes ?? [];
        if (codes.length === 0 || codes.some((c) => !FAILOVER_CODES.includes(c)))
          problems.push(`group ${g.originId} fails over on ${codes.join(",") || "nothing"}`);
        return problems;
      });
    },
  },
  {
    property: "viewerCertificate",
    rule: "a viewer certificate from ACM in us-east-1; aliases need a certificate of their own (not the default *.cloudfront.net one)",
    sources: [API("ViewerCertificate"), "https://docs.aws.amazon.com/acm/latest/userguide/acm-services.html"],
    check: (ctx) => {
      const cert = ctx.inputs.viewerCertificate ?? {};
      const problems: string[] = [];
      if (typeof cert.acmCertificateArn === "string" && cert.acmCertificateArn.split(":")[3] !== "us-east-1")
        problems.push(`${cert.acmCertificateArn} is not in us-east-1`);
      const aliases: unknown[] = ctx.inputs.aliases ?? [];
      if (aliases.length > 0 && cert.cloudfrontDefaultCertificate === true)
        problems.push(`aliases ${aliases.join(", ")} with the default certificate`);
      return problems;
    },
  },
  {
    property: "webAclId",
    rule: "a distribution's web ACL is a WAFv2 ACL of scope CLOUDFRONT (its ARN is in us-east-1, under global/)",
    sources: [API("DistributionConfig"), "https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html"],
    check: (ctx) => {
      const acl = ctx.inputs.webAclId;
      return typeof acl === "string" && !/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\//.test(acl)
        ? `${acl} is not a global (CLOUDFRONT-scoped) WAFv2 ACL`
        : undefined;
    },
  },
  {
    property: "comment",
    rule: "a comment of at most 128 characters",
    sources: [API("DistributionConfig")],
    check: (ctx) =>
      typeof ctx.inputs.comment === "string" && ctx.inputs.comment.length > 128 ? `${ctx.inputs.comment.length} characters` : undefined,
  },
  {
    property: "restrictions.geoRestriction",
    rule: "restriction type none takes no locations; whitelist and blacklist take at least one ISO 3166-1 alpha-2 code",
    sources: [API("GeoRestriction")],
    check: (ctx) => {
      const geo = ctx.inputs.restrictions?.geoRestriction;
      if (!geo) return undefined;
      const locations: unknown[] = geo.locations ?? [];
      if (geo.restrictionType === "none") return locations.length > 0 ? `none with ${locations.length} locations` : undefined;
      if (locations.length === 0) return `${geo.restrictionType} without locations`;
      const bad = locations.filter((l) => typeof l !== "string" || !/^[A-Z]{2}$/.test(l));
      return bad.length > 0 ? `locations ${bad.join(", ")}` : undefined;
    },
  },
  {
    property: "loggingConfig.bucket",
    rule: "standard logs go to an S3 bucket given by its domain name (<bucket>.s3.amazonaws.com)",
    sources: [API("LoggingConfig")],
    check: (ctx) => {
      const bucket = ctx.inputs.loggingConfig?.bucket;
      return typeof bucket === "string" && !/\.s3(\.[a-z0-9-]+)?\.amazonaws\.com$/.test(bucket) ? `"${bucket}"` : undefined;
    },
  },
];
