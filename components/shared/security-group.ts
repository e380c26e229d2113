import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface WorkloadOnlyGroupArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The group's description (AWS cannot change it later without replacing the group). */
  readonly description: string;
  /** The one TCP port admitted. */
  readonly port: number;
  /** The only source admitted: the region's workload security group. */
  readonly workloadSecurityGroupId: pulumi.Input<string>;
  /** What the rule admits, shown in the console. */
  readonly ruleDescription: string;
}

/**
 * A data store's security group that admits one port from the workload security group and nothing
 * else. No egress rule: data stores initiate no connections (the provider drops AWS's default).
 * Children are `${name}-sg` and `${name}-from-workload`, parented to `parent`.
 */
export function workloadOnlySecurityGroup(name: string, args: WorkloadOnlyGroupArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
  const securityGroup = new aws.ec2.SecurityGroup(
    `${name}-sg`,
    { vpcId: args.vpcId, description: args.description, tags: { Name: `${name}-sg` } },
    { parent },
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-from-workload`,
    {
      securityGroupId: securityGroup.id,
      referencedSecurityGroupId: args.workloadSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: args.port,
      toPort: args.port,
      description: args.ruleDescription,
    },
    { parent },
  );
  return securityGroup;
}
