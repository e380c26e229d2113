/** The edge: the CloudFront distribution and its CLOUDFRONT-scoped WAFv2 web ACL. */
import { alnum, arn, hex, uuidV4 } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { PRICING } from "../prices";
import { TAG_LIMITS, nameRule } from "../rules";
import { api, registry, tf, tfDocs } from "../sources";
import { TypeEntry, none } from "../types";
import { DISTRIBUTION_RULES } from "./cloudfront-rules";

export const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
export const WEB_ACL = "aws:wafv2/webAcl:WebAcl";

/** CloudFront's Route 53 zone id (the same for every distribution). */
const CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";
const WAF_NAME = /^[\w-]+$/;

export const EDGE_ENTRIES: readonly TypeEntry[] = [
  {
    type: DISTRIBUTION,
    mock: (ctx) => {
      const id = `E${alnum(ctx.urn, 13)}`;
      return {
        id,
        outputs: {
          arn: `arn:aws:cloudfront::${ctx.account}:distribution/${id}`,
          domainName: `d${alnum(ctx.urn + "/domain", 13, false)}.cloudfront.net`,
          hostedZoneId: CLOUDFRONT_ZONE_ID,
          status: "Deployed",
          etag: alnum(ctx.urn + "/etag", 14),
          callerReference: `terraform-${hex(ctx.urn, 20)}`,
          inProgressValidationBatches: 0,
          lastModifiedTime: "2026-11-24T00:00:00Z",
        },
      };
    },
    mockSources: [registry(DISTRIBUTION), "https://docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html"],
    validation: [...DISTRIBUTION_RULES, TAG_LIMITS],
    // The provider waits for "Deployed". The registry's "about 15 minutes" predates 2020: AWS then
    // cut propagation from 17-35 minutes to "reliably ... within 5 minutes".
    creation: {
      seconds: 300,
      source:
        "https://aws.amazon.com/blogs/networking-and-content-delivery/slashing-cloudfront-change-propagation-times-in-2020-recent-changes-and-looking-forward/",
    },
    price: none(`usage-priced only (requests, transfer), not part of the fixed floor: ${PRICING.cloudfront}`),
    replacement: none("holds no data (caches refill); no ForceNew properties of consequence are catalogued"),
    data: none("caches only: refilled from the origins"),
  },
  {
    type: WEB_ACL,
    mock: (ctx) => {
      const cloudfront = ctx.inputs.scope === "CLOUDFRONT";
      const name = physicalName(ctx);
      const id = uuidV4(ctx.urn);
      return {
        id,
        outputs: {
          name,
          arn: arn("wafv2", ctx.region, `${cloudfront ? "global" : "regional"}/webacl/${name}/${id}`, ctx.account),
          capacity: 1000,
          lockToken: uuidV4(ctx.urn + "/lock"),
        },
      };
    },
    mockSources: [registry(WEB_ACL)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 128,
        pattern: WAF_NAME,
        rule: "web ACL names are 1-128 letters, digits, hyphens or underscores",
        sources: [api("waf", "CreateWebACL")],
      }),
      {
        property: "scope",
        rule: "a CLOUDFRONT-scoped web ACL can only be created through us-east-1",
        sources: [api("waf", "CreateWebACL"), "https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html"],
        check: (ctx) => (ctx.inputs.scope === "CLOUDFRONT" && ctx.region !== "us-east-1" ? `CLOUDFRONT in ${ctx.region}` : undefined),
      },
      {
        property: "rules",
        rule: "rule names and priorities are unique; names and metric names are 1-128 characters ([\\w-] for names; [\\w#:.-/] for metric names)",
        sources: [api("waf", "Rule"), api("waf", "VisibilityConfig"), tf("wafv2/web_acl.go")],
        check: (ctx) => {
          const rules: any[] = ctx.inputs.rules ?? [];
          const problems: string[] = [];
          const names = rules.map((r) => r.name);
          const priorities = rules.map((r) => r.priority);
          if (new Set(names).size !== names.length) problems.push("duplicate rule names");
          if (new Set(priorities).size !== priorities.length) problems.push("duplicate rule priorities");
          for (const r of rules) {
            if (typeof r.name !== "string" || r.name.length > 128 || !WAF_NAME.test(r.name)) problems.push(`rule name "${r.name}"`);
            const metric = r.visibilityConfig?.metricName;
            if (typeof metric !== "string" || metric.length > 128 || !/^[\w#:.\-/]+$/.test(metric))
              problems.push(`metric name "${metric}"`);
          }
          return problems;
        },
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 30, source: tfDocs("wafv2_web_acl") },
    price: none(`priced per ACL, rule and request; not yet in the price book: ${PRICING.waf}`),
    replacement: { replaceOn: ["name", "scope"], sources: [tf("wafv2/web_acl.go"), registry(WEB_ACL)] },
    data: none("rules only: recreated from code"),
  },
];
