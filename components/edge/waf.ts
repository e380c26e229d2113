import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** AWS managed rule groups the CDN's web ACL evaluates, in priority order. */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
] as const;

/**
 * The core rule set's body-size rule and the label it adds to a matching request (AWS WAF
 * Developer Guide, "Baseline rule groups", Core rule set: SizeRestrictions_BODY blocks bodies over
 * 8 KB). API writes carry larger JSON bodies, so the rule only counts and a rule of ours blocks on
 * its label everywhere except the API paths.
 */
export const BODY_SIZE_RULE = "SizeRestrictions_BODY";
export const BODY_SIZE_LABEL = "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body";

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/** The URI prefix of a CloudFront path pattern (`/eu/api/*` -> `/eu/api/`). */
export function pathPrefixOf(pathPattern: string): string {
  return pathPattern.replace(/\*+$/, "");
}

export interface WebAclArgs {
  readonly ratePer5Minutes: number;
  /** Path patterns of the behaviours that accept writes (POST/PUT/PATCH) with bodies, e.g. `/eu/api/*`. */
  readonly writePathPatterns: readonly string[];
}

/**
 * The CDN's WAF web ACL (scope CLOUDFRONT, so it must be created in us-east-1: pass that
 * provider): AWS managed rule groups, the body-size block outside the write paths, then a per-IP
 * rate limit over 5 minutes.
 */
export function webAcl(name: string, args: WebAclArgs, opts: pulumi.CustomResourceOptions): aws.wafv2.WebAcl {
  const managed = MANAGED_RULE_GROUPS.map((group, index): aws.types.input.wafv2.WebAclRule => ({
    name: group,
    priority: index + 1,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: "AWS",
        name: group,
        ...(group === "AWSManagedRulesCommonRuleSet" && args.writePathPatterns.length > 0
          ? { ruleActionOverrides: [{ name: BODY_SIZE_RULE, actionToUse: { count: {} } }] }
          : {}),
      },
    },
    visibilityConfig: visibility(group),
  }));
  // One regex over the URI path keeps the rule two statements deep (the provider's typed schema
  // nests at most three levels; deeper needs ruleJson, which has no drift detection).
  const writePaths = `^(${args.writePathPatterns.map((p) => pathPrefixOf(p).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`;
  const bodySize: aws.types.input.wafv2.WebAclRule[] =
    args.writePathPatterns.length === 0
      ? []
      : [
          {
            name: "oversized-body-outside-api",
            priority: managed.length + 1,
            action: { block: {} },
            statement: {
              andStatement: {
                statements: [
                  { labelMatchStatement: { scope: "LABEL", key: BODY_SIZE_LABEL } },
                  {
                    notStatement: {
                      statement: {
                        regexMatchStatement: {
                          fieldToMatch: { uriPath: {} },
                          regexString: writePaths,
                          textTransformations: [{ priority: 0, type: "NONE" }],
                        },
                      },
                    },
                  },
                ],
              },
            },
            visibilityConfig: visibility("oversized-body-outside-api"),
          },
        ];
  return new aws.wafv2.WebAcl(
    name,
    {
      scope: "CLOUDFRONT",
      description: "Platform CDN: AWS managed rule groups and a per-IP rate limit",
      defaultAction: { allow: {} },
      rules: [
        ...managed,
        ...bodySize,
        {
          name: "rate-limit-per-ip",
          priority: managed.length + bodySize.length + 1,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: args.ratePer5Minutes, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
          visibilityConfig: visibility("rate-limit-per-ip"),
        },
      ],
      visibilityConfig: visibility(name),
      tags: { Name: name },
    },
    opts,
  );
}
