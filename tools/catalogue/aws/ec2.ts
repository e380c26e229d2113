/** EC2 networking: the awsx VPC (a remote component), flow logs, security groups and rules, launch templates. */
import { arn } from "../../engine/ids";
import { ec2Id, physicalName } from "../../engine/mocks/naming";
import { PRICING } from "../prices";
import { TAG_LIMITS, nameRule } from "../rules";
import { api, registry, tf, tfDocs } from "../sources";
import { InputRule, TypeEntry, none } from "../types";
import { parseCidr } from "../../../policies/lib/cidr";

export const AWSX_VPC = "awsx:ec2:Vpc";
export const EC2_VPC = "aws:ec2/vpc:Vpc";
export const EC2_SUBNET = "aws:ec2/subnet:Subnet";
export const EC2_NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
export const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const SG_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const SG_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

const NOT_DECLARED = none("not declared by the program: add a mock (and its validation) before declaring it");
const NO_TRIGGERS = none("holds no data; its ForceNew properties are not catalogued, so the diff shows its changes as updates");
const NO_DATA = none("network configuration: recreated from code");
const FREE = none(`no charge of its own (${PRICING.vpc})`);

interface SubnetSpecInput {
  readonly type: "Public" | "Private" | "Isolated";
  readonly name?: string;
  readonly cidrBlocks?: readonly string[];
}

/** Security group names and descriptions: ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*. */
const SG_TEXT = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

const description = (sources: readonly string[]): InputRule => ({
  property: "description",
  rule: "at most 255 ASCII letters, digits, spaces or ._-:/()#,@[]+=&;{}!$* characters",
  sources,
  check: (ctx) => {
    const text = ctx.inputs.description;
    return typeof text === "string" && (text.length > 255 || !SG_TEXT.test(text)) ? `"${text}"` : undefined;
  },
});

/** The project's one CIDR parser: strict as the provider's validators (Go net.ParseCIDR: no leading zeros; network address). */
const isCidr = (value: unknown, v6: boolean): boolean => typeof parseCidr(value, v6 ? 6 : 4) !== "string";

const RULE_SOURCES = [api("AWSEC2", "AuthorizeSecurityGroupIngress"), tf("ec2/vpc_security_group_ingress_rule.go")];
const SG_RULE_RULES: readonly InputRule[] = [
  {
    property: "cidrIpv4",
    rule: "exactly one of cidrIpv4, cidrIpv6, prefixListId or referencedSecurityGroupId, and a valid CIDR",
    sources: RULE_SOURCES,
    check: (ctx) => {
      const peers = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"].filter((k) => ctx.inputs[k] !== undefined);
      if (peers.length !== 1) return `${peers.length} peers set (${peers.join(", ") || "none"})`;
      if (ctx.inputs.cidrIpv4 !== undefined && !isCidr(ctx.inputs.cidrIpv4, false)) return `"${ctx.inputs.cidrIpv4}" is not an IPv4 CIDR`;
      if (ctx.inputs.cidrIpv6 !== undefined && !isCidr(ctx.inputs.cidrIpv6, true)) return `"${ctx.inputs.cidrIpv6}" is not an IPv6 CIDR`;
      return undefined;
    },
  },
  {
    property: "fromPort",
    rule: "for tcp and udp, fromPort and toPort are 0-65535 with fromPort <= toPort",
    sources: RULE_SOURCES,
    check: (ctx) => {
      const { ipProtocol, fromPort, toPort } = ctx.inputs;
      if (!["tcp", "udp", "6", "17"].includes(String(ipProtocol))) return undefined;
      const ok = [fromPort, toPort].every((p) => typeof p === "number" && p >= 0 && p <= 65535) && fromPort <= toPort;
      return ok ? undefined : `${ipProtocol} ports ${fromPort}-${toPort}`;
    },
  },
  description(RULE_SOURCES),
  TAG_LIMITS,
];

const sgRule = (type: string, doc: string): TypeEntry => ({
  type,
  mock: (ctx) => {
    const id = ec2Id("sgr", ctx.urn);
    return { id, outputs: { securityGroupRuleId: id, arn: arn("ec2", ctx.region, `security-group-rule/${id}`, ctx.account) } };
  },
  mockSources: [registry(type)],
  validation: SG_RULE_RULES,
  creation: { seconds: 3, source: tfDocs(doc) },
  price: FREE,
  replacement: NO_TRIGGERS,
  data: NO_DATA,
});

export const EC2_ENTRIES: readonly TypeEntry[] = [
  {
    type: AWSX_VPC,
    // A remote component: offline none of its children exist, so its outputs are built from its
    // inputs, one subnet per spec per AZ as awsx creates them.
    mock: (ctx) => {
      const azs: readonly string[] = ctx.inputs.availabilityZoneNames ?? [];
      const specs: readonly SubnetSpecInput[] = ctx.inputs.subnetSpecs ?? [];
      const idsOf = (type: SubnetSpecInput["type"]) =>
        specs.filter((s) => s.type === type).flatMap((spec) => azs.map((az) => ec2Id("subnet", `${ctx.urn}/${spec.name ?? type}/${az}`)));
      const natCount = ctx.inputs.natGateways?.strategy === "OnePerAz" ? azs.length : ctx.inputs.natGateways?.strategy === "Single" ? 1 : 0;
      return {
        id: "",
        outputs: {
          vpcId: ec2Id("vpc", ctx.urn),
          publicSubnetIds: idsOf("Public"),
          privateSubnetIds: idsOf("Private"),
          isolatedSubnetIds: idsOf("Isolated"),
          subnetLayout: specs.map((spec) => ({ type: spec.type, name: spec.name, cidrBlocks: spec.cidrBlocks })),
          natGatewayCount: natCount,
        },
      };
    },
    mockSources: ["https://www.pulumi.com/registry/packages/awsx/api-docs/ec2/vpc/"],
    validation: [
      {
        property: "cidrBlock",
        rule: "a VPC's IPv4 block is a /16 to /28",
        sources: [api("AWSEC2", "CreateVpc")],
        check: (ctx) => {
          const cidr = ctx.inputs.cidrBlock;
          if (typeof cidr !== "string") return undefined;
          const prefix = Number(cidr.split("/")[1]);
          return !isCidr(cidr, false) || prefix < 16 || prefix > 28 ? `"${cidr}"` : undefined;
        },
      },
      {
        property: "availabilityZoneNames",
        rule: "availability zones of the VPC's own region",
        sources: [api("AWSEC2", "CreateSubnet")],
        check: (ctx) => {
          const azs: unknown = ctx.inputs.availabilityZoneNames;
          if (!Array.isArray(azs)) return undefined;
          const foreign = azs.filter((az) => typeof az === "string" && !new RegExp(`^${ctx.region}[a-z]$`).test(az));
          return foreign.length > 0 ? `${foreign.join(", ")} not in ${ctx.region}` : undefined;
        },
      },
      TAG_LIMITS,
    ],
    // VPC, subnets, route tables and NAT gateways; the NAT gateways dominate ("pending" to
    // "available" takes a few minutes; provider create timeout 10m).
    creation: {
      seconds: 180,
      source: `https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html; ${tfDocs("nat_gateway")}#timeouts`,
    },
    price: {
      tier: "network",
      sources: [PRICING.vpc],
      monthly: ({ outputs, book }) => {
        const n = Number(outputs.natGatewayCount ?? 0);
        return { usd: n * book.natGatewayHourly * book.hoursPerMonth, item: `${n} NAT gateway(s)` };
      },
    },
    // Its VPC takes cidrBlock/IPAM args (ForceNew there), and the AZ and subnet args derive each
    // subnet's `cidrBlock`/`availabilityZone`, both ForceNew on aws_subnet.
    replacement: {
      replaceOn: [
        "availabilityZoneCidrMask",
        "availabilityZoneNames",
        "cidrBlock",
        "ipv4IpamPoolId",
        "ipv4NetmaskLength",
        "numberOfAvailabilityZones",
        "subnetSpecs",
        "subnetStrategy",
      ],
      sources: [tf("ec2/vpc_.go"), tf("ec2/vpc_subnet.go"), "https://www.pulumi.com/registry/packages/awsx/api-docs/ec2/vpc/"],
    },
    data: {
      kind: "network",
      protectedInProd: false,
      why: "holds no data itself, but replacing it replaces every subnet and everything in them",
      sources: [tf("ec2/vpc_subnet.go")],
    },
  },
  {
    type: EC2_VPC,
    mock: NOT_DECLARED,
    mockSources: [registry(EC2_VPC)],
    validation: NOT_DECLARED,
    creation: { seconds: 15, source: tfDocs("vpc") },
    price: NOT_DECLARED,
    replacement: { replaceOn: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"], sources: [tf("ec2/vpc_.go"), registry(EC2_VPC)] },
    data: { kind: "network", protectedInProd: false, why: "replacing it replaces everything in it", sources: [tf("ec2/vpc_.go")] },
  },
  {
    type: EC2_SUBNET,
    mock: NOT_DECLARED,
    mockSources: [registry(EC2_SUBNET)],
    validation: NOT_DECLARED,
    creation: { seconds: 10, source: `${tfDocs("subnet")}#timeouts` },
    price: NOT_DECLARED,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: EC2_NAT_GATEWAY,
    mock: NOT_DECLARED,
    mockSources: [registry(EC2_NAT_GATEWAY)],
    validation: NOT_DECLARED,
    creation: { seconds: 150, source: `${tfDocs("nat_gateway")}#timeouts` },
    price: NOT_DECLARED,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: FLOW_LOG,
    mock: (ctx) => {
      const id = `fl-${ec2Id("x", ctx.urn).slice(2)}`;
      return { id, outputs: { arn: arn("ec2", ctx.region, `vpc-flow-log/${id}`, ctx.account) } };
    },
    mockSources: [registry(FLOW_LOG)],
    validation: [
      {
        property: "trafficType",
        rule: "ACCEPT, REJECT or ALL; maxAggregationInterval 60 or 600 seconds",
        sources: [api("AWSEC2", "CreateFlowLogs")],
        check: (ctx) => {
          const { trafficType, maxAggregationInterval } = ctx.inputs;
          if (trafficType !== undefined && !["ACCEPT", "REJECT", "ALL"].includes(trafficType)) return `"${trafficType}"`;
          return maxAggregationInterval !== undefined && ![60, 600].includes(maxAggregationInterval)
            ? `interval ${maxAggregationInterval}`
            : undefined;
        },
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("flow_log") },
    price: none(`usage-priced only (logs delivered), not part of the fixed floor: ${PRICING.vpc}`),
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: SECURITY_GROUP,
    mock: (ctx) => {
      const id = ec2Id("sg", ctx.urn);
      return {
        id,
        outputs: { name: physicalName(ctx), arn: arn("ec2", ctx.region, `security-group/${id}`, ctx.account), ownerId: ctx.account },
      };
    },
    mockSources: [registry(SECURITY_GROUP)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 255,
        pattern: SG_TEXT,
        forbidden: [[/^sg-/, "starts with sg-, which AWS reserves for group ids"]],
        rule: "security group names are 1-255 ASCII letters, digits, spaces or ._-:/()#,@[]+=&;{}!$* characters and never start with sg-",
        sources: [api("AWSEC2", "CreateSecurityGroup")],
      }),
      description([api("AWSEC2", "CreateSecurityGroup")]),
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: `${tfDocs("security_group")}#timeouts` },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  sgRule(SG_INGRESS_RULE, "vpc_security_group_ingress_rule"),
  sgRule(SG_EGRESS_RULE, "vpc_security_group_egress_rule"),
  {
    type: LAUNCH_TEMPLATE,
    mock: (ctx) => {
      const id = ec2Id("lt", ctx.urn);
      return {
        id,
        outputs: {
          name: physicalName(ctx),
          arn: arn("ec2", ctx.region, `launch-template/${id}`, ctx.account),
          latestVersion: 1,
          defaultVersion: 1,
        },
      };
    },
    mockSources: [registry(LAUNCH_TEMPLATE)],
    validation: [
      nameRule({
        property: "name",
        min: 3,
        max: 128,
        pattern: /^[a-zA-Z0-9().\-/_]+$/,
        rule: "launch template names are 3-128 letters, digits or ().-/_ characters",
        sources: [api("AWSEC2", "CreateLaunchTemplate"), tf("ec2/ec2_launch_template.go")],
      }),
      {
        property: "metadataOptions",
        rule: "httpPutResponseHopLimit is 1-64",
        sources: [api("AWSEC2", "CreateLaunchTemplate")],
        check: (ctx) => {
          const hops = ctx.inputs.metadataOptions?.httpPutResponseHopLimit;
          return typeof hops === "number" && (hops < 1 || hops > 64) ? `hop limit ${hops}` : undefined;
        },
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("launch_template") },
    price: none(`no charge of its own; its instances are priced by the node group (${PRICING.ec2})`),
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
];
