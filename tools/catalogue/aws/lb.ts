/** Elastic Load Balancing v2: application load balancers, target groups, listeners and rules. */
import { alnum, arn, hex } from "../../engine/ids";
import { MockResourceContext } from "../../engine/mocks/types";
import { PRICING } from "../prices";
import { TAG_LIMITS, nameRule, rangeRule } from "../rules";
import { PULUMI_AWS_AUTONAMING, api, registry, tf, tfDocs } from "../sources";
import { InputRule, TypeEntry, none } from "../types";

export const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
export const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
export const LISTENER = "aws:lb/listener:Listener";
export const LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";

/** Canonical Route 53 zone ids of ALBs per region (AWS's published table); others: a stand-in. */
const ALB_ZONE_IDS: Readonly<Record<string, string>> = {
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-east-2": "Z3AADJGX6KTTL2",
  "us-west-1": "Z368ELLRRE2KJ0",
  "us-west-2": "Z1H1FL5HABSF5",
  "eu-west-1": "Z32O12XQLNTSW2",
  "eu-central-1": "Z215JYRZR1TBD5",
};
const ELB_API = (action: string) => `https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_${action}.html`;
const NO_TRIGGERS = none("holds no data; its ForceNew properties are not catalogued, so the diff shows its changes as updates");
const NO_DATA = none("routing configuration: recreated from code");
const FREE = none(`no charge of its own; the load balancer's hours and LCUs are priced (${PRICING.elb})`);

/** The given name, or the provider's auto-name `<logical name>-<7 random hex>` (Check refuses it beyond 32). */
function lbName(ctx: MockResourceContext): string {
  const given = ctx.inputs.name;
  return typeof given === "string" && given !== "" ? given : `${ctx.name}-${hex(ctx.urn, 7)}`;
}

const lbNameRule = (what: string, action: string, internal: boolean): InputRule =>
  nameRule({
    property: "name",
    min: 1,
    max: 32,
    pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
    forbidden: internal ? [[/^internal-/, 'starts with "internal-", which AWS reserves']] : [],
    rule: `${what} names are 1-32 letters, digits or hyphens, not starting or ending with a hyphen${internal ? ', nor starting with "internal-"' : ""} (the provider's auto-name fails beyond 32)`,
    sources: [ELB_API(action), PULUMI_AWS_AUTONAMING],
  });

const port = (property: string, sources: readonly string[]): InputRule => rangeRule(property, 1, 65535, "a port", sources);

export const LB_ENTRIES: readonly TypeEntry[] = [
  {
    type: LOAD_BALANCER,
    mock: (ctx) => {
      const name = lbName(ctx);
      const suffix = `app/${name}/${hex(ctx.urn, 16)}`;
      const lbArn = arn("elasticloadbalancing", ctx.region, `loadbalancer/${suffix}`, ctx.account);
      const digits = String(parseInt(hex(ctx.urn + "/dns", 8), 16))
        .padStart(10, "1")
        .slice(0, 10);
      return {
        id: lbArn,
        outputs: {
          name,
          arn: lbArn,
          arnSuffix: suffix,
          dnsName: `${name}-${digits}.${ctx.region}.elb.amazonaws.com`,
          zoneId: ALB_ZONE_IDS[ctx.region] ?? `Z${alnum(ctx.region, 13)}`,
          vpcId: `vpc-${hex(ctx.urn + "/vpc", 17)}`,
        },
      };
    },
    mockSources: [registry(LOAD_BALANCER), "https://docs.aws.amazon.com/general/latest/gr/elb.html"],
    validation: [
      lbNameRule("Load balancer", "CreateLoadBalancer", true),
      {
        property: "subnets",
        rule: "an application load balancer needs subnets in at least two availability zones",
        sources: [ELB_API("CreateLoadBalancer")],
        check: (ctx) => {
          const subnets = ctx.inputs.subnets ?? ctx.inputs.subnetMappings;
          return ctx.inputs.loadBalancerType !== "network" && Array.isArray(subnets) && subnets.length < 2
            ? `${subnets.length} subnet(s)`
            : undefined;
        },
      },
      rangeRule("idleTimeout", 1, 4000, "an idle timeout in seconds", [api("elasticloadbalancing", "LoadBalancerAttribute")]),
      TAG_LIMITS,
    ],
    // "provisioning" to "active" typically takes a few minutes; provider create timeout 10m.
    creation: {
      seconds: 180,
      source: `https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-application-load-balancer.html; ${tfDocs("lb")}#timeouts`,
    },
    price: {
      tier: "edge",
      sources: [PRICING.elb],
      monthly: ({ book }) => ({ usd: book.albHourly * book.hoursPerMonth, item: "ALB (1 LCU)" }),
    },
    replacement: {
      replaceOn: ["internal", "loadBalancerType", "name", "namePrefix"],
      sources: [tf("elbv2/load_balancer.go"), registry(LOAD_BALANCER)],
    },
    data: none("routes traffic, holds none (access logs go to S3)"),
  },
  {
    type: TARGET_GROUP,
    mock: (ctx) => {
      const name = lbName(ctx);
      const suffix = `targetgroup/${name}/${hex(ctx.urn, 16)}`;
      const tgArn = arn("elasticloadbalancing", ctx.region, suffix, ctx.account);
      return { id: tgArn, outputs: { name, arn: tgArn, arnSuffix: suffix } };
    },
    mockSources: [registry(TARGET_GROUP)],
    validation: [
      lbNameRule("Target group", "CreateTargetGroup", false),
      port("port", [ELB_API("CreateTargetGroup")]),
      {
        property: "healthCheck",
        rule: "a health-check path starts with / (at most 1024 characters); the matcher is HTTP codes 200-499 (single, list or range)",
        sources: [ELB_API("CreateTargetGroup"), api("elasticloadbalancing", "Matcher")],
        check: (ctx) => {
          const { path, matcher } = ctx.inputs.healthCheck ?? {};
          const problems: string[] = [];
          if (typeof path === "string" && (!path.startsWith("/") || path.length > 1024)) problems.push(`path "${path}"`);
          const codes = typeof matcher === "string" ? matcher.split(/[,-]/).map(Number) : [];
          if (codes.some((c) => !(c >= 200 && c <= 499))) problems.push(`matcher "${matcher}"`);
          return problems;
        },
      },
      rangeRule("deregistrationDelay", 0, 3600, "a deregistration delay in seconds", [api("elasticloadbalancing", "TargetGroupAttribute")]),
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("lb_target_group") },
    price: FREE,
    replacement: {
      replaceOn: ["name", "namePrefix", "port", "protocol", "targetType", "vpcId"],
      sources: [tf("elbv2/target_group.go"), registry(TARGET_GROUP)],
    },
    data: NO_DATA,
  },
  {
    type: LISTENER,
    mock: (ctx) => {
      const lb = String(ctx.inputs.loadBalancerArn ?? "");
      const lbPath = lb.split(":loadbalancer/")[1] ?? `app/unknown/${hex(lb, 16)}`;
      const listenerArn = arn("elasticloadbalancing", ctx.region, `listener/${lbPath}/${hex(ctx.urn, 16)}`, ctx.account);
      return { id: listenerArn, outputs: { arn: listenerArn } };
    },
    mockSources: [registry(LISTENER)],
    validation: [
      port("port", [ELB_API("CreateListener")]),
      {
        property: "certificateArn",
        rule: "an HTTPS listener needs a certificate of the load balancer's region",
        sources: [ELB_API("CreateListener")],
        check: (ctx) => {
          const { protocol, certificateArn } = ctx.inputs;
          if (protocol !== "HTTPS") return undefined;
          if (certificateArn === undefined) return "an HTTPS listener without a certificate";
          const region = typeof certificateArn === "string" ? certificateArn.split(":")[3] : undefined;
          return region !== undefined && region !== ctx.region ? `${certificateArn} is in ${region}` : undefined;
        },
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: `${tfDocs("lb_listener")}#timeouts` },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: LISTENER_RULE,
    mock: (ctx) => {
      const listener = String(ctx.inputs.listenerArn ?? "");
      const path = listener.split(":listener/")[1] ?? `app/unknown/${hex(listener, 16)}/${hex(listener + "/l", 16)}`;
      const ruleArn = arn("elasticloadbalancing", ctx.region, `listener-rule/${path}/${hex(ctx.urn, 16)}`, ctx.account);
      return { id: ruleArn, outputs: { arn: ruleArn } };
    },
    mockSources: [registry(LISTENER_RULE)],
    validation: [
      rangeRule("priority", 1, 50000, "a rule priority", [ELB_API("CreateRule")]),
      {
        property: "conditions",
        rule: "at most 5 condition values per rule; an HTTP header name of at most 40 characters, each value at most 128",
        sources: [
          api("elasticloadbalancing", "RuleCondition"),
          "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html",
        ],
        check: (ctx) => {
          const conditions: any[] = Array.isArray(ctx.inputs.conditions) ? ctx.inputs.conditions : [];
          const problems: string[] = [];
          let values = 0;
          for (const c of conditions) {
            const header = c.httpHeader;
            if (header) {
              if (String(header.httpHeaderName).length > 40) problems.push(`header name "${header.httpHeaderName}"`);
              for (const v of header.values ?? [])
                if (String(v).length > 128) problems.push(`a header value of ${String(v).length} characters`);
            }
            for (const key of ["httpHeader", "pathPattern", "hostHeader", "httpRequestMethod", "sourceIp", "queryStrings"])
              values += Array.isArray(c[key]?.values) ? c[key].values.length : Array.isArray(c[key]) ? c[key].length : 0;
          }
          if (values > 5) problems.push(`${values} condition values`);
          return problems;
        },
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("lb_listener_rule") },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
];
