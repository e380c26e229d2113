import { arn } from "../ids";
import { ec2Id, physicalName } from "./naming";
import { MockSet } from "./types";

interface SubnetSpecInput {
  readonly type: "Public" | "Private" | "Isolated";
  readonly name?: string;
  readonly cidrBlocks?: readonly string[];
}

/**
 * The VPC tier. `awsx:ec2:Vpc` is a remote component: offline, none of its children exist, so its
 * outputs are built from its inputs, one subnet per spec per AZ as awsx creates them.
 */
export const networkMocks: MockSet = {
  resources: {
    "awsx:ec2:Vpc": (ctx) => {
      const azs: readonly string[] = ctx.inputs.availabilityZoneNames ?? [];
      const specs: readonly SubnetSpecInput[] = ctx.inputs.subnetSpecs ?? [];
      const vpcId = ec2Id("vpc", ctx.urn);
      const idsOf = (type: SubnetSpecInput["type"]) =>
        specs.filter((s) => s.type === type).flatMap((spec) => azs.map((az) => ec2Id("subnet", `${ctx.urn}/${spec.name ?? type}/${az}`)));
      const subnetLayout = specs.map((spec) => ({ type: spec.type, name: spec.name, cidrBlocks: spec.cidrBlocks }));
      const natCount = ctx.inputs.natGateways?.strategy === "OnePerAz" ? azs.length : ctx.inputs.natGateways?.strategy === "Single" ? 1 : 0;
      return {
        id: "",
        outputs: {
          vpcId,
          publicSubnetIds: idsOf("Public"),
          privateSubnetIds: idsOf("Private"),
          isolatedSubnetIds: idsOf("Isolated"),
          subnetLayout,
          natGatewayCount: natCount,
        },
      };
    },
    "aws:ec2/flowLog:FlowLog": (ctx) => {
      const id = `fl-${ec2Id("x", ctx.urn).slice(2)}`;
      return { id, outputs: { arn: arn("ec2", ctx.region, `vpc-flow-log/${id}`, ctx.account) } };
    },
    "aws:ec2/securityGroup:SecurityGroup": (ctx) => {
      const id = ec2Id("sg", ctx.urn);
      return {
        id,
        outputs: { name: physicalName(ctx), arn: arn("ec2", ctx.region, `security-group/${id}`, ctx.account), ownerId: ctx.account },
      };
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (ctx) => {
      const id = ec2Id("sgr", ctx.urn);
      return { id, outputs: { securityGroupRuleId: id, arn: arn("ec2", ctx.region, `security-group-rule/${id}`, ctx.account) } };
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (ctx) => {
      const id = ec2Id("sgr", ctx.urn);
      return { id, outputs: { securityGroupRuleId: id, arn: arn("ec2", ctx.region, `security-group-rule/${id}`, ctx.account) } };
    },
  },
};
