import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** AWS managed rule groups the CDN's web ACL evaluates, in priority order. */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
] as const;

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/**
 * The CDN's WAF web ACL (scope CLOUDFRONT, so it must be created in us-east-1: pass that
 * provider): AWS managed rule groups, then a per-IP rate limit over 5 minutes.
 */
export function webAcl(name: string, ratePer5Minutes: number, opts: pulumi.CustomResourceOptions): aws.wafv2.WebAcl {
  const managed = MANAGED_RULE_GROUPS.map((group, index) => ({
    name: group,
    priority: index + 1,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
    visibilityConfig: visibility(group),
  }));
  return new aws.wafv2.WebAcl(
    name,
    {
      scope: "CLOUDFRONT",
      description: "Platform CDN: AWS managed rule groups and a per-IP rate limit",
      defaultAction: { allow: {} },
      rules: [
        ...managed,
        {
          name: "rate-limit-per-ip",
          priority: managed.length + 1,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: ratePer5Minutes, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
          visibilityConfig: visibility("rate-limit-per-ip"),
        },
      ],
      visibilityConfig: visibility(name),
      tags: { Name: name },
    },
    opts,
  );
}
