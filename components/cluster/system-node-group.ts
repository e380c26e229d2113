import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ClusterSettings, architectureOf } from "../config/tiers/cluster";
import { nodeRole } from "./node-role";

export interface SystemNodeGroupArgs {
  readonly clusterName: pulumi.Input<string>;
  /** Private subnets the nodes run in. */
  readonly subnetIds: pulumi.Input<string[]>;
  /**
   * Security groups every node carries: the EKS cluster security group (control plane <-> node)
   * and the workload security group (the only source the data tier admits). A launch template
   * with its own groups replaces the ones EKS would add, so both are listed explicitly.
   */
  readonly securityGroupIds: pulumi.Input<string>[];
  readonly settings: ClusterSettings["systemNodeGroup"];
  /** Resources the nodes must wait for (the networking add-ons, so nodes become Ready). @default [] */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * IMDSv2 only; hop limit 1 keeps pods (which get credentials from Pod Identity) off the node role.
 * How each in-cluster AWS client copes without IMDS: IMDS_FREE_COMPONENTS (instance-metadata.ts).
 */
export const NODE_METADATA_OPTIONS = {
  httpEndpoint: "enabled",
  httpTokens: "required",
  httpPutResponseHopLimit: 1,
  instanceMetadataTags: "disabled",
} as const;

/**
 * The managed node group for cluster-critical pods (CoreDNS, Karpenter, metrics-server, the
 * add-on controllers): tainted CriticalAddonsOnly, so application pods land on Karpenter's nodes.
 */
export class SystemNodeGroup extends pulumi.ComponentResource {
  public readonly nodeGroupName: pulumi.Output<string>;
  public readonly nodeGroupArn: pulumi.Output<string>;
  public readonly nodeRoleArn: pulumi.Output<string>;
  public readonly launchTemplateId: pulumi.Output<string>;

  constructor(name: string, args: SystemNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:SystemNodeGroup", name, {}, opts);
    const { settings } = args;
    const arm = architectureOf(settings.instanceTypes[0]) === "arm64";

    const { role, attachments } = nodeRole(`${name}-node`, "EKS system node group nodes", this);

    const launchTemplate = new aws.ec2.LaunchTemplate(
      `${name}-lt`,
      {
        description: "EKS system nodes: IMDSv2 only, encrypted gp3 root volume",
        metadataOptions: NODE_METADATA_OPTIONS,
        blockDeviceMappings: [
          {
            // The root device of the EKS-optimized AL2023 AMIs.
            deviceName: "/dev/xvda",
            ebs: { volumeSize: settings.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
          },
        ],
        vpcSecurityGroupIds: args.securityGroupIds,
        updateDefaultVersion: true,
        tagSpecifications: [
          { resourceType: "instance", tags: { Name: `${name}-node` } },
          { resourceType: "volume", tags: { Name: `${name}-node` } },
        ],
        tags: { Name: `${name}-lt` },
      },
      { parent: this },
    );

    const nodeGroup = new aws.eks.NodeGroup(
      `${name}-ng`,
      {
        clusterName: args.clusterName,
        nodeRoleArn: role.arn,
        subnetIds: args.subnetIds,
        amiType: arm ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
        capacityType: "ON_DEMAND",
        instanceTypes: [...settings.instanceTypes],
        // Disk size and security groups live in the launch template (EKS rejects both places).
        launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply((v) => String(v)) },
        scalingConfig: { minSize: settings.minSize, desiredSize: settings.desiredSize, maxSize: settings.maxSize },
        updateConfig: { maxUnavailable: 1 },
        labels: { "platform.io/pool": "system" },
        taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }],
        tags: { Name: `${name}-ng` },
      },
      {
        parent: this,
        dependsOn: [...attachments, ...(args.dependsOn ?? [])],
        // The desired size is only the starting point: afterwards the autoscaler (and operators
        // during incidents) own it, and re-applying the config value would undo their scaling.
        // terraform-aws-modules/eks does the same (lifecycle ignore_changes on desired_size).
        ignoreChanges: ["scalingConfig.desiredSize"],
      },
    );

    this.nodeGroupName = nodeGroup.nodeGroupName;
    this.nodeGroupArn = nodeGroup.arn;
    this.nodeRoleArn = role.arn;
    this.launchTemplateId = launchTemplate.id;
    this.registerOutputs({ nodeGroupArn: this.nodeGroupArn, nodeRoleArn: this.nodeRoleArn });
  }
}
