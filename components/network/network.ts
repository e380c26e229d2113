import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { NetworkSettings } from "../config/tiers/network";
import { serviceTrustPolicy } from "../shared/iam";
import { SubnetPlan, planSubnets } from "./subnet-plan";

export interface NetworkArgs {
  /** AWS region of the VPC; must match the provider the component inherits. */
  readonly region: string;
  /** The VPC's IPv4 block (validated and allocated by the stack config). */
  readonly cidr: string;
  /** AZ names to spread the subnets over, in order. */
  readonly availabilityZones: readonly string[];
  readonly settings: NetworkSettings;
  /** Account that owns the flow-log role, for its confused-deputy condition. */
  readonly accountId: pulumi.Input<string>;
}

/**
 * A VPC over several AZs with public, private and isolated subnet tiers (awsx), NAT gateways by
 * environment, an S3 gateway endpoint (image layers and backups bypass NAT), and VPC flow logs.
 */
export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly cidrBlock: string;
  public readonly availabilityZones: readonly string[];
  public readonly publicSubnetIds: pulumi.Output<string[]>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  public readonly isolatedSubnetIds: pulumi.Output<string[]>;
  /** The subnet CIDRs handed to awsx, per tier and AZ. */
  public readonly subnetPlan: SubnetPlan;
  public readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:Network", name, {}, opts);

    const plan = planSubnets(args.cidr, args.availabilityZones);
    if (plan === undefined) throw new Error(`subnets for ${args.availabilityZones.length} AZs do not fit in ${args.cidr}`);
    this.subnetPlan = plan;
    this.cidrBlock = args.cidr;
    this.availabilityZones = args.availabilityZones;

    // awsx is a remote component: the SDK sends it only the providers passed to it explicitly,
    // not the ones inherited from parents, so without this it would deploy with the default
    // provider (the ambient aws:region) instead of this region's.
    const regional = this.getProvider("aws:ec2/vpc:Vpc");
    if (regional === undefined) throw new Error(`${name}: no AWS provider inherited; create the Network under a Region`);

    const vpc = new awsx.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.cidr,
        availabilityZoneNames: [...args.availabilityZones],
        enableDnsHostnames: true,
        enableDnsSupport: true,
        subnetStrategy: "Auto",
        subnetSpecs: [
          {
            type: "Private",
            name: "private",
            cidrBlocks: [...plan.private],
            tags: { tier: "private", "kubernetes.io/role/internal-elb": "1" },
          },
          { type: "Public", name: "public", cidrBlocks: [...plan.public], tags: { tier: "public", "kubernetes.io/role/elb": "1" } },
          { type: "Isolated", name: "isolated", cidrBlocks: [...plan.isolated], tags: { tier: "isolated" } },
        ],
        natGateways: { strategy: args.settings.natGateways === "perAz" ? "OnePerAz" : "Single" },
        // "Auto" attaches the gateway endpoint to every route table awsx creates.
        vpcEndpointStrategy: "Auto",
        vpcEndpointSpecs: [{ serviceName: `com.amazonaws.${args.region}.s3`, vpcEndpointType: "Gateway" }],
        tags: { Name: `${name}-vpc` },
      },
      { parent: this, providers: { aws: regional } },
    );
    this.vpcId = vpc.vpcId;
    this.publicSubnetIds = vpc.publicSubnetIds;
    this.privateSubnetIds = vpc.privateSubnetIds;
    this.isolatedSubnetIds = vpc.isolatedSubnetIds;

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      { retentionInDays: args.settings.flowLogs.retentionDays, tags: { Name: `${name}-flow-logs` } },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${name}-flow-logs`,
      {
        description: `VPC flow logs of ${name} delivered to CloudWatch Logs`,
        assumeRolePolicy: pulumi.output(args.accountId).apply((account) => serviceTrustPolicy("vpc-flow-logs.amazonaws.com", account)),
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs`,
      {
        role: role.name,
        policy: logGroup.arn.apply((arn) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [arn, `${arn}:*`],
              },
              {
                // Listed in AWS's reference policy for flow-log delivery; a list action on no resource.
                Effect: "Allow",
                Action: "logs:DescribeLogGroups",
                Resource: "*",
              },
            ],
          }),
        ),
      },
      { parent: this },
    );
    new aws.ec2.FlowLog(
      `${name}-flow-logs`,
      {
        vpcId: vpc.vpcId,
        trafficType: args.settings.flowLogs.trafficType,
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: { Name: `${name}-flow-logs` },
      },
      { parent: this },
    );
    this.flowLogGroupName = logGroup.name;

    this.registerOutputs({
      vpcId: this.vpcId,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      isolatedSubnetIds: this.isolatedSubnetIds,
    });
  }
}
