import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterSettings } from "../config/tiers/cluster";
import { InterruptionQueue } from "./interruption-queue";
import { NODE_CLASS_NAME, NODE_POOL_NAME, ec2NodeClassSpec, nodePoolSpec } from "./karpenter-manifests";
import { nodeRole } from "./node-role";
import { podIdentityTrustPolicy } from "../shared/iam";
import { karpenterControllerPolicy } from "./iam-documents";

/** Where the controller runs; its Pod Identity association names this service account. */
export const KARPENTER_NAMESPACE = "kube-system";
export const KARPENTER_SERVICE_ACCOUNT = "karpenter";
const KARPENTER_CHART = "oci://public.ecr.aws/karpenter/karpenter";

export interface KarpenterArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly clusterArn: pulumi.Input<string>;
  readonly clusterEndpoint: pulumi.Input<string>;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** Private subnets Karpenter launches nodes into. */
  readonly subnetIds: pulumi.Input<string[]>;
  /** The EKS cluster security group and the workload security group; every node carries both. */
  readonly securityGroupIds: pulumi.Input<string>[];
  readonly settings: ClusterSettings["karpenter"];
  /** Root volume size of Karpenter's nodes. */
  readonly volumeSizeGiB: number;
  /** Tags on the instances and volumes Karpenter launches (the provider's default tags do not reach them). @default {} */
  readonly nodeTags?: Readonly<Record<string, string>>;
  readonly kubernetesProvider: k8s.Provider;
  /** What the controller needs running first (system nodes, CoreDNS, the Pod Identity agent). @default [] */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
  /** What the NodePool needs first besides the controller (the EC2 Spot service-linked role). @default none */
  readonly nodePoolDependsOn?: pulumi.Resource[];
}

/**
 * Node autoscaling: Karpenter's controller (Helm, Pod Identity role), the role its nodes run as
 * (with an instance profile and an EKS access entry), its interruption queue, and the default
 * NodePool and EC2NodeClass.
 */
export class Karpenter extends pulumi.ComponentResource {
  public readonly controllerRoleArn: pulumi.Output<string>;
  public readonly nodeRoleArn: pulumi.Output<string>;
  public readonly interruptionQueueArn: pulumi.Output<string>;
  public readonly releaseStatus: pulumi.Output<string>;

  constructor(name: string, args: KarpenterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:Karpenter", name, {}, opts);
    const k8sOpts = { parent: this, provider: args.kubernetesProvider };

    const queue = new InterruptionQueue(`${name}-interruption`, { clusterName: args.clusterName }, { parent: this });

    const { role: node, attachments } = nodeRole(`${name}-node`, "Nodes launched by Karpenter", this);
    const instanceProfile = new aws.iam.InstanceProfile(`${name}-node`, { role: node.name }, { parent: this, dependsOn: [...attachments] });
    // Lets nodes with this role join the cluster (API authentication mode: no aws-auth ConfigMap).
    const accessEntry = new aws.eks.AccessEntry(
      `${name}-node`,
      { clusterName: args.clusterName, principalArn: node.arn, type: "EC2_LINUX" },
      { parent: this },
    );

    const controller = new aws.iam.Role(
      `${name}-controller`,
      {
        description: "Karpenter controller (EKS Pod Identity)",
        assumeRolePolicy: pulumi
          .all([args.accountId, args.clusterArn])
          .apply(([accountId, clusterArn]) =>
            podIdentityTrustPolicy({ accountId, clusterArn, namespace: KARPENTER_NAMESPACE, serviceAccount: KARPENTER_SERVICE_ACCOUNT }),
          ),
      },
      { parent: this },
    );
    const controllerPolicy = new aws.iam.RolePolicy(
      `${name}-controller`,
      {
        role: controller.name,
        policy: pulumi
          .all([args.accountId, args.clusterName, args.clusterArn, queue.queueArn, node.arn, instanceProfile.arn])
          .apply(([accountId, clusterName, clusterArn, queueArn, nodeRoleArn, instanceProfileArn]) =>
            karpenterControllerPolicy({
              region: args.region,
              accountId,
              clusterName,
              clusterArn,
              queueArn,
              nodeRoleArn,
              instanceProfileArn,
            }),
          ),
      },
      { parent: this },
    );
    const association = new aws.eks.PodIdentityAssociation(
      `${name}-controller`,
      { clusterName: args.clusterName, namespace: KARPENTER_NAMESPACE, serviceAccount: KARPENTER_SERVICE_ACCOUNT, roleArn: controller.arn },
      { parent: this },
    );

    const release = new k8s.helm.v3.Release(
      `${name}-release`,
      {
        name: "karpenter",
        chart: KARPENTER_CHART,
        version: args.settings.version,
        namespace: KARPENTER_NAMESPACE,
        cleanupOnFail: true,
        maxHistory: 10,
        values: {
          replicas: args.settings.replicas,
          serviceAccount: { create: true, name: KARPENTER_SERVICE_ACCOUNT },
          settings: { clusterName: args.clusterName, clusterEndpoint: args.clusterEndpoint, interruptionQueue: queue.queueName },
          controller: {
            // Nodes keep IMDS from pods (hop limit 1), so the region comes from here.
            env: [{ name: "AWS_REGION", value: args.region }],
            resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
      { ...k8sOpts, dependsOn: [association, controllerPolicy, ...(args.dependsOn ?? [])] },
    );

    const nodeClass = new k8s.apiextensions.CustomResource(
      `${name}-node-class`,
      {
        apiVersion: "karpenter.k8s.aws/v1",
        kind: "EC2NodeClass",
        metadata: { name: NODE_CLASS_NAME },
        spec: pulumi
          .all([instanceProfile.name, args.subnetIds, pulumi.all(args.securityGroupIds)])
          .apply(([profile, subnetIds, securityGroupIds]) =>
            ec2NodeClassSpec({
              instanceProfile: profile,
              subnetIds,
              securityGroupIds,
              volumeSizeGiB: args.volumeSizeGiB,
              tags: args.nodeTags ?? {},
            }),
          ),
      },
      // The CRDs come with the chart.
      { ...k8sOpts, dependsOn: [release, accessEntry] },
    );
    new k8s.apiextensions.CustomResource(
      `${name}-node-pool`,
      { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: NODE_POOL_NAME }, spec: nodePoolSpec(args.settings) },
      { ...k8sOpts, dependsOn: [release, nodeClass, ...(args.nodePoolDependsOn ?? [])] },
    );

    this.controllerRoleArn = controller.arn;
    this.nodeRoleArn = node.arn;
    this.interruptionQueueArn = queue.queueArn;
    this.releaseStatus = release.status.status;
    this.registerOutputs({ controllerRoleArn: this.controllerRoleArn, nodeRoleArn: this.nodeRoleArn, releaseStatus: this.releaseStatus });
  }
}
