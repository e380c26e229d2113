import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { clusterArnOf, podIdentityTrustPolicy } from "../shared/iam";

export interface WorkloadIdentityArgs {
  /** VPC the workload security group belongs to. */
  readonly vpcId: pulumi.Input<string>;
  /** Account id, for the role's confused-deputy condition. */
  readonly accountId: pulumi.Input<string>;
  /**
   * Where the application runs: the regional cluster (created after this role, so named here, not
   * referenced) and its service account. Only those pods can assume the role.
   */
  readonly cluster: { readonly region: string; readonly name: string; readonly namespace: string; readonly serviceAccount: string };
}

/**
 * Who the application is, in one region: the security group its nodes and pods carry (the only
 * source the database and cache admit) and the IAM role its pods assume through EKS Pod Identity
 * (the only principal the queues admit). Created before the cluster and the data tier so that
 * each can reference it without a cycle; the cluster attaches both, the data tier admits both.
 */
export class WorkloadIdentity extends pulumi.ComponentResource {
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  public readonly roleName: pulumi.Output<string>;

  constructor(name: string, args: WorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:workload:WorkloadIdentity", name, {}, opts);

    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: "Nodes and pods of the regional cluster; the only source the data tier admits",
        tags: { Name: `${name}-sg` },
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-from-self`,
      {
        securityGroupId: securityGroup.id,
        referencedSecurityGroupId: securityGroup.id,
        ipProtocol: "-1",
        description: "Node-to-node and pod-to-pod traffic",
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-egress`,
      {
        securityGroupId: securityGroup.id,
        cidrIpv4: "0.0.0.0/0",
        ipProtocol: "-1",
        description: "Outbound through the NAT gateways and VPC endpoints",
      },
      { parent: this },
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: "Application pods (EKS Pod Identity): this region's queues and data-tier secrets only",
        assumeRolePolicy: pulumi.output(args.accountId).apply((accountId) =>
          podIdentityTrustPolicy({
            accountId,
            clusterArn: clusterArnOf(args.cluster.region, accountId, args.cluster.name),
            namespace: args.cluster.namespace,
            serviceAccount: args.cluster.serviceAccount,
          }),
        ),
      },
      { parent: this },
    );

    this.securityGroupId = securityGroup.id;
    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ securityGroupId: this.securityGroupId, roleArn: this.roleArn });
  }
}
