import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterSettings } from "../config/tiers/cluster";
import { DeployerSettings, publicAccessCidrsOf } from "../config/tiers/deployer";
import { rotatingKey } from "../shared/kms";
import { serviceTrustPolicy } from "../shared/iam";
import { WorkloadIdentity } from "../workload/workload-identity";
import { createAddons } from "./addons";
import { Karpenter } from "./karpenter";
import { kubeconfigFor } from "./kubeconfig";
import { MetricsServer } from "./metrics-server";
import { SystemNodeGroup } from "./system-node-group";

/** Every control-plane log stream EKS offers; audit and authenticator answer "who did what". */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
const CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

export interface ClusterArgs {
  /** Physical EKS cluster name (unique per account and region); also names the control-plane log group. */
  readonly clusterName: string;
  /** AWS region of the cluster; must match the provider the component inherits. */
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** Private subnets for the control-plane ENIs and every node. */
  readonly privateSubnetIds: pulumi.Input<string[]>;
  readonly settings: ClusterSettings;
  /** Where `pulumi up` runs: its egress CIDRs are admitted on the public API endpoint. */
  readonly deployer: DeployerSettings;
  /** The application's identity: its security group goes on every node, its role is bound to the workload service account. */
  readonly workload: WorkloadIdentity;
  /** EKS deletion protection, a longer KMS deletion window and a protected key. @default false */
  readonly protect?: boolean;
  /**
   * The IAM principal `pulumi up` runs as (see deployerPrincipalArn). With no creator admin, it
   * gets its own explicit cluster-admin access entry, or the one of `settings.adminRoleArns` that
   * names it, so it can create the Kubernetes objects below.
   */
  readonly deployerArn: string;
  /** Tags for instances Karpenter launches (outside the provider's default tags). @default {} */
  readonly nodeTags?: Readonly<Record<string, string>>;
  /** What the NodePool waits for besides the controller (the EC2 Spot service-linked role). @default none */
  readonly nodePoolDependsOn?: pulumi.Resource[];
}

/**
 * One region's EKS cluster: the control plane (private subnets, KMS-encrypted secrets, every log
 * type, API access entries), managed add-ons, Pod Identity for the workload, a system node
 * group, Karpenter for node autoscaling and metrics-server for pod autoscaling.
 */
export class Cluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  public readonly clusterArn: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  /** Base64 PEM of the cluster CA. */
  public readonly certificateAuthority: pulumi.Output<string>;
  /** The security group EKS creates for control plane <-> node traffic. */
  public readonly clusterSecurityGroupId: pulumi.Output<string>;
  public readonly oidcIssuerUrl: pulumi.Output<string>;
  /** Kubeconfig using `aws eks get-token`; a secret. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** Explicit provider for everything installed into this cluster. */
  public readonly kubernetesProvider: k8s.Provider;
  /** The workload's namespace (created here); depend on it to deploy into the namespace after it exists. */
  public readonly workloadNamespace: pulumi.Output<string>;
  /** Role of the system node group's nodes. */
  public readonly nodeRoleArn: pulumi.Output<string>;
  /**
   * What in-cluster add-ons wait for: the system nodes (tainted CriticalAddonsOnly), CoreDNS, the
   * EBS CSI driver and the Pod Identity agent. A Helm release that waits for its pods needs them.
   */
  public readonly addonsReady: readonly pulumi.Resource[];
  public readonly systemNodeGroup: SystemNodeGroup;
  public readonly karpenter: Karpenter;
  public readonly metricsServer: MetricsServer;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:Cluster", name, {}, opts);
    const { settings } = args;
    const protect = args.protect ?? false;

    // Envelope encryption of Kubernetes secrets. Losing this key makes them unreadable: protected in prod.
    const key = rotatingKey(
      `${name}-secrets`,
      { description: `Envelope encryption of Kubernetes secrets in EKS cluster ${args.clusterName}`, protect },
      { parent: this },
    );
    new aws.kms.Alias(`${name}-secrets`, { name: `alias/${args.clusterName}-eks-secrets`, targetKeyId: key.keyId }, { parent: this });

    // Created before the cluster: otherwise EKS creates it without a retention period.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/eks/${args.clusterName}/cluster`, retentionInDays: settings.logRetentionDays, tags: { Name: `${name}-logs` } },
      { parent: this },
    );

    const role = new aws.iam.Role(
      `${name}-control-plane`,
      { description: `EKS control plane of ${args.clusterName}`, assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com") },
      { parent: this },
    );
    const rolePolicy = new aws.iam.RolePolicyAttachment(
      `${name}-control-plane`,
      { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" },
      { parent: this },
    );

    const cluster = new aws.eks.Cluster(
      `${name}-eks`,
      {
        name: args.clusterName,
        version: settings.version,
        roleArn: role.arn,
        vpcConfig: {
          subnetIds: args.privateSubnetIds,
          // Nodes reach the API inside the VPC; the deployer (which installs the Helm releases and
          // objects right after creation, from outside the VPC) and the listed networks through
          // the public endpoint, which admits nothing else.
          endpointPrivateAccess: true,
          endpointPublicAccess: true,
          publicAccessCidrs: publicAccessCidrsOf(args.deployer, settings.publicAccessCidrs),
        },
        accessConfig: {
          authenticationMode: "API",
          // No implicit admin for whoever creates the cluster: admins are the explicit access entries
          // below (adminRoleArns and the deployer's own), which the stack's state holds and shows.
          bootstrapClusterCreatorAdminPermissions: false,
        },
        encryptionConfig: { provider: { keyArn: key.arn }, resources: ["secrets"] },
        enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
        // Managed add-ons below replace the self-managed ones EKS would otherwise install.
        bootstrapSelfManagedAddons: false,
        deletionProtection: protect,
        tags: { Name: args.clusterName },
      },
      { parent: this, dependsOn: [logGroup, rolePolicy] },
    );

    const admin = (logicalName: string, principalArn: string) => {
      const entry = new aws.eks.AccessEntry(logicalName, { clusterName: cluster.name, principalArn, type: "STANDARD" }, { parent: this });
      return new aws.eks.AccessPolicyAssociation(
        logicalName,
        { clusterName: cluster.name, principalArn, policyArn: CLUSTER_ADMIN_POLICY, accessScope: { type: "cluster" } },
        { parent: this, dependsOn: [entry] },
      );
    };
    const admins = new Map(settings.adminRoleArns.map((arn) => [arn, admin(`${name}-admin-${arn.split("/").pop()}`, arn)]));
    // One access entry per principal: EKS refuses a second (ResourceInUseException), so a deployer
    // listed in adminRoleArns uses that entry.
    const deployerAccess = admins.get(args.deployerArn) ?? admin(`${name}-deployer`, args.deployerArn);

    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    this.endpoint = cluster.endpoint;
    this.certificateAuthority = cluster.certificateAuthority.data;
    this.clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
    this.oidcIssuerUrl = cluster.identities.apply((ids) => ids[0]?.oidcs[0]?.issuer ?? "");
    this.kubeconfig = pulumi.secret(
      pulumi
        .all([cluster.name, cluster.endpoint, this.certificateAuthority])
        .apply(([clusterName, endpoint, certificateAuthorityData]) =>
          kubeconfigFor({ clusterName, region: args.region, endpoint, certificateAuthorityData }),
        ),
    );
    this.kubernetesProvider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      // Every Kubernetes object waits until the deployer may use the API.
      { parent: this, dependsOn: [deployerAccess] },
    );

    const addons = createAddons(
      `${name}-addon`,
      {
        clusterName: cluster.name,
        clusterArn: cluster.arn,
        accountId: args.accountId,
        versions: settings.addons,
        containerInsights: settings.containerInsights,
        logRetentionDays: settings.logRetentionDays,
      },
      this,
    );
    const nodeSecurityGroupIds = [this.clusterSecurityGroupId, args.workload.securityGroupId];

    this.systemNodeGroup = new SystemNodeGroup(
      `${name}-system`,
      {
        clusterName: cluster.name,
        subnetIds: args.privateSubnetIds,
        securityGroupIds: nodeSecurityGroupIds,
        settings: settings.systemNodeGroup,
        dependsOn: addons.beforeNodes,
      },
      { parent: this },
    );
    const afterNodes = addons.afterNodes(this.systemNodeGroup);
    // In-cluster software waits for nodes, DNS and the Pod Identity agent (not for Container Insights).
    const platformReady = [this.systemNodeGroup, ...afterNodes.ready, addons.podIdentityAgent];
    this.addonsReady = platformReady;

    this.workloadNamespace = this.bindWorkload(name, cluster.name, args, platformReady);

    this.karpenter = new Karpenter(
      `${name}-karpenter`,
      {
        clusterName: cluster.name,
        clusterArn: cluster.arn,
        clusterEndpoint: cluster.endpoint,
        region: args.region,
        accountId: args.accountId,
        subnetIds: args.privateSubnetIds,
        securityGroupIds: nodeSecurityGroupIds,
        settings: settings.karpenter,
        volumeSizeGiB: settings.systemNodeGroup.diskSizeGiB,
        nodeTags: args.nodeTags,
        kubernetesProvider: this.kubernetesProvider,
        dependsOn: platformReady,
        nodePoolDependsOn: args.nodePoolDependsOn,
      },
      { parent: this },
    );
    this.metricsServer = new MetricsServer(
      `${name}-metrics-server`,
      {
        version: settings.metricsServer.version,
        replicas: settings.metricsServer.replicas,
        kubernetesProvider: this.kubernetesProvider,
        dependsOn: platformReady,
      },
      { parent: this },
    );
    this.nodeRoleArn = this.systemNodeGroup.nodeRoleArn;

    this.registerOutputs({
      clusterName: this.clusterName,
      clusterArn: this.clusterArn,
      endpoint: this.endpoint,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      kubeconfig: this.kubeconfig,
      nodeRoleArn: this.nodeRoleArn,
    });
  }

  /** The workload's namespace and service account, bound to the workload role by Pod Identity. */
  private bindWorkload(
    name: string,
    clusterName: pulumi.Output<string>,
    args: ClusterArgs,
    dependsOn: pulumi.Resource[],
  ): pulumi.Output<string> {
    const { namespace, serviceAccount } = args.settings.workload;
    const k8sOpts = { parent: this, provider: this.kubernetesProvider };
    const ns = new k8s.core.v1.Namespace(`${name}-workload-ns`, { metadata: { name: namespace } }, { ...k8sOpts, dependsOn });
    new k8s.core.v1.ServiceAccount(
      `${name}-workload-sa`,
      { metadata: { name: serviceAccount, namespace: ns.metadata.name } },
      { ...k8sOpts, dependsOn: [ns] },
    );
    new aws.eks.PodIdentityAssociation(
      `${name}-workload`,
      { clusterName, namespace, serviceAccount, roleArn: args.workload.roleArn },
      { parent: this },
    );
    return ns.metadata.name;
  }
}
