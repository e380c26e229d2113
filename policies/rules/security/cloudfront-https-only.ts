import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { MIRRORED_POLICIES } from "../../lib/settings";
import { inStackFile } from "../../lib/stack-keys";

/** CloudFront security policies, weakest first. */
export const TLS_POLICIES: readonly string[] =
  MIRRORED_POLICIES["cloudfront-https-only"].configSchema.properties.minimumProtocolVersion.enum;
const VIEWER_HTTPS = ["https-only", "redirect-to-https"];

interface Config {
  readonly minimumProtocolVersion: string;
  readonly requireHttpsToOrigin: boolean;
  readonly allowDefaultCertificate: boolean;
}

/**
 * Viewers reach the CDN over HTTPS only (every cache behavior redirects or refuses HTTP), with a
 * certificate whose security policy is at least `minimumProtocolVersion` (CloudFront's default
 * certificate allows TLSv1, so it never qualifies), and CloudFront reaches custom origins over
 * HTTPS with TLS 1.2.
 */
export const cloudfrontHttpsOnly: ResourceValidationPolicy = {
  name: "cloudfront-https-only",
  description: "CloudFront serves HTTPS only with a modern minimum TLS version, and reaches origins over HTTPS.",
  ...MIRRORED_POLICIES["cloudfront-https-only"],
  severity: "high",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (cdn, args, reportViolation) => {
    const { minimumProtocolVersion, requireHttpsToOrigin, allowDefaultCertificate } = args.getConfig<Config>();
    const behaviors = [
      { where: "defaultCacheBehavior", policy: cdn.defaultCacheBehavior.viewerProtocolPolicy },
      ...(cdn.orderedCacheBehaviors ?? []).map((b, i) => ({
        where: `orderedCacheBehaviors[${i}] (${b.pathPattern})`,
        policy: b.viewerProtocolPolicy,
      })),
    ];
    for (const behavior of behaviors) {
      if (!VIEWER_HTTPS.includes(behavior.policy)) {
        reportViolation(
          `${args.name} ${behavior.where}: set viewerProtocolPolicy to "redirect-to-https" or "https-only" (it is "${behavior.policy}").`,
        );
      }
    }
    const certificate = cdn.viewerCertificate;
    if (certificate.cloudfrontDefaultCertificate === true && allowDefaultCertificate) {
      // Accepted by config (a stack without a domain): AWS fixes that certificate's TLS floor.
    } else if (certificate.cloudfrontDefaultCertificate === true || certificate.acmCertificateArn === undefined) {
      reportViolation(
        `${args.name}: set viewerCertificate.acmCertificateArn (a us-east-1 ACM certificate); CloudFront's default certificate accepts TLSv1. In the stack file: platform:edge.domain, with platform:edge.certificate.strategy acm-dns or existing.`,
      );
    } else if (TLS_POLICIES.indexOf(certificate.minimumProtocolVersion ?? "TLSv1") < TLS_POLICIES.indexOf(minimumProtocolVersion)) {
      reportViolation(
        `${args.name}: set viewerCertificate.minimumProtocolVersion to ${minimumProtocolVersion} or newer (it is ${certificate.minimumProtocolVersion ?? "unset, i.e. TLSv1"}).`,
      );
    }
    if (!requireHttpsToOrigin) return;
    for (const origin of cdn.origins) {
      const custom = origin.customOriginConfig;
      if (custom === undefined) continue;
      if (custom.originProtocolPolicy !== "https-only") {
        reportViolation(
          `${args.name} origin ${origin.originId}: set customOriginConfig.originProtocolPolicy: "https-only" (it is "${custom.originProtocolPolicy}"); origins use HTTPS when the stack has a domain.${inStackFile("edge.domain")}`,
        );
      }
      const weak = custom.originSslProtocols.filter((p) => p !== "TLSv1.2");
      if (weak.length > 0)
        reportViolation(
          `${args.name} origin ${origin.originId}: set customOriginConfig.originSslProtocols: ["TLSv1.2"] (drop ${weak.join(", ")}).`,
        );
    }
  }),
};
