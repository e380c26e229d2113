import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Cache } from "../cache/cache";
import { Cluster } from "../cluster/cluster";
import { RegionConfig } from "../config";
import { pickAvailabilityZones } from "../config/aws-regions";
import { DeployerSettings } from "../config/tiers/deployer";
import { ObservabilitySettings } from "../config/tiers/observability";
import { DataKey } from "../database/data-key";
import { Database } from "../database/database";
import { DrReplica } from "../database/dr-replica";
import { Network } from "../network/network";
import { Observability } from "../observability/observability";
import { BackupVault } from "../recovery/backup-vault";
import { Queues } from "../queues/queues";
import { RegionalOrigin, RegionalOriginSettings } from "../edge/regional-origin";
import { ValidationRecords } from "../edge/validation-records";
import { WorkloadAccess } from "../workload/workload-access";
import { WorkloadIdentity } from "../workload/workload-identity";
import { scaledQueues } from "../config/tiers/queues";
import { Keda } from "../cluster/keda";
import { QueueScalers } from "../queues/queue-scalers";

export interface RegionArgs {
  /** The region's own config: name, zone, CIDR, AZs and the settings of every regional tier. */
  readonly region: RegionConfig;
  /**
   * `<project>-<stack>`: the cluster's name and the prefix of every physical name the region
   * declares (data key alias, queues, alarms, backup vault), unique per stack in an account.
   */
  readonly namePrefix: string;
  /** Where `pulumi up` runs from (the cluster admits it on its public endpoint). */
  readonly deployer: DeployerSettings;
  /** The stack's edge settings the region's origin reads. */
  readonly edge: RegionalOriginSettings;
  /** Alert routing, SLOs and the budget's settings the region's observability reads. */
  readonly observability: ObservabilitySettings;
  /** The provider's default tags, for instances Karpenter launches (which the provider does not tag). */
  readonly nodeTags: Readonly<Record<string, string>>;
  /**
   * Production: Pulumi `protect` and deletion protection on everything that holds data or keys,
   * ALB deletion protection, log buckets that refuse deletion while holding logs.
   * @default false
   */
  readonly protect?: boolean;
  /** The region's provider; every child reaches AWS through it. */
  readonly provider: aws.Provider;
  /** AZ names of this account to span, `region.azCount` of them (see eksAvailabilityZones). */
  readonly availabilityZones: readonly string[];
  /** Owner of ACM validation records shared with other regions (see RegionalOrigin). @default none */
  readonly validationRecords?: ValidationRecords;
  /** The IAM principal `pulumi up` runs as: the cluster's explicit admin access entry for the deployer. */
  readonly deployerArn: string;
  /** Account-level resources Karpenter's NodePool waits for (the EC2 Spot service-linked role). @default none */
  readonly nodePoolDependsOn?: pulumi.Resource[];
}

/** Everything the platform runs in one AWS region, wired together. */
export class Region extends pulumi.ComponentResource {
  public readonly regionName: string;
  public readonly zone: string;
  /** The region's provider (every child inherits it; cross-region links declared under this Region too). */
  public readonly provider: aws.Provider;
  public readonly network: Network;
  public readonly workload: WorkloadIdentity;
  public readonly cluster: Cluster;
  public readonly workloadAccess: WorkloadAccess;
  /** The data tier's KMS key (rotation on); DR replicas placed in this region use it. */
  public readonly dataKey: DataKey;
  public readonly database: Database;
  public readonly cache: Cache;
  public readonly queues: Queues;
  /** KEDA, when a queue of the region scales its consumer on depth (queues[].scaling.enabled). */
  public readonly keda?: Keda;
  /** The ALB the CDN reaches this region through. */
  public readonly origin: RegionalOrigin;
  /** Alert topic, alarms, SLO burn-rate alerts and the dashboard of the region. */
  public readonly observability: Observability;
  /** AWS Backup vault: this region's recovery points and its zone sibling's copies (plans: components/links). */
  public readonly backupVault: BackupVault;
  /** The account the region deploys into (backup plans and replications in components/links use it). */
  public readonly accountId: pulumi.Output<string>;

  constructor(name: string, args: RegionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:region:Region", name, {}, { ...opts, providers: { ...(opts?.providers as object), aws: args.provider } });
    const { region } = args;
    this.regionName = region.region;
    this.zone = region.zone;
    this.provider = args.provider;

    const caller = aws.getCallerIdentityOutput({}, { parent: this, provider: args.provider });

    this.network = new Network(
      `${name}-network`,
      {
        region: region.region,
        cidr: region.cidr,
        availabilityZones: args.availabilityZones,
        settings: region.network,
        accountId: caller.accountId,
      },
      { parent: this },
    );

    // Created before the cluster and the data tier: both reference it (see WorkloadIdentity).
    const clusterName = args.namePrefix;
    this.workload = new WorkloadIdentity(
      `${name}-workload`,
      {
        vpcId: this.network.vpcId,
        accountId: caller.accountId,
        cluster: { region: region.region, name: clusterName, ...region.cluster.workload },
      },
      { parent: this },
    );

    // Section: compute (Cluster) - attaches the workload SG to nodes and pods.
    this.cluster = new Cluster(
      `${name}-cluster`,
      {
        clusterName,
        region: region.region,
        accountId: caller.accountId,
        deployerArn: args.deployerArn,
        privateSubnetIds: this.network.privateSubnetIds,
        settings: region.cluster,
        deployer: args.deployer,
        workload: this.workload,
        protect: args.protect ?? false,
        nodeTags: args.nodeTags,
        nodePoolDependsOn: args.nodePoolDependsOn,
      },
      { parent: this },
    );

    // Section: data tier (Database, Cache, Queues) - admits only the workload SG / role.
    const protectData = args.protect ?? false;
    this.dataKey = new DataKey(
      `${name}-data`,
      {
        region: region.region,
        aliasName: `alias/${args.namePrefix}-data`,
        accountId: caller.accountId,
        workloadRoleArn: this.workload.roleArn,
        protect: protectData,
      },
      { parent: this },
    );
    this.database = new Database(
      `${name}-database`,
      {
        region: region.region,
        identifierPrefix: args.namePrefix,
        settings: region.database,
        vpcId: this.network.vpcId,
        subnetIds: this.network.isolatedSubnetIds,
        availabilityZones: args.availabilityZones,
        kmsKeyArn: this.dataKey.arn,
        workloadSecurityGroupId: this.workload.securityGroupId,
        accountId: caller.accountId,
        protect: protectData,
      },
      { parent: this },
    );
    this.cache = new Cache(
      `${name}-cache`,
      {
        region: region.region,
        settings: region.cache,
        vpcId: this.network.vpcId,
        subnetIds: this.network.privateSubnetIds,
        availabilityZones: args.availabilityZones,
        kmsKeyArn: this.dataKey.arn,
        workloadSecurityGroupId: this.workload.securityGroupId,
        protect: protectData,
      },
      { parent: this },
    );
    this.queues = new Queues(
      `${name}-queues`,
      {
        queues: region.queues,
        namePrefix: `${args.namePrefix}-`,
        workloadRoleArn: this.workload.roleArn,
        protect: protectData,
      },
      { parent: this },
    );

    // Section: queue-depth autoscaling (KEDA and a ScaledObject per scaled queue), only when a queue opts in.
    const scaled = scaledQueues(region.queues);
    if (scaled.length > 0) {
      this.keda = new Keda(
        `${name}-keda`,
        {
          clusterName: this.cluster.clusterName,
          clusterArn: this.cluster.clusterArn,
          accountId: caller.accountId,
          queueGrant: this.queues.grantReadAttributes(scaled.map((q) => q.name)),
          operatorReplicas: args.protect ? 2 : 1,
          kubernetesProvider: this.cluster.kubernetesProvider,
          dependsOn: [...this.cluster.addonsReady],
        },
        { parent: this },
      );
      new QueueScalers(
        `${name}-queue-scalers`,
        {
          queues: scaled,
          queueUrls: this.queues.queueUrls,
          region: region.region,
          namespace: this.cluster.workloadNamespace,
          kubernetesProvider: this.cluster.kubernetesProvider,
          keda: this.keda.release,
        },
        { parent: this },
      );
    }

    // Section: workload access (what this region's queues, database and cache grant the workload role).
    this.workloadAccess = new WorkloadAccess(
      `${name}-workload-access`,
      {
        roleName: this.workload.roleName,
        grants: [this.queues.grantUse(), this.database.grantReadMasterSecret(), this.cache.grantReadAuthToken()],
      },
      { parent: this },
    );

    // Section: regional origin (ALB in front of the cluster, for the CDN).
    this.origin = new RegionalOrigin(
      `${name}-origin`,
      {
        region: region.region,
        zone: region.zone,
        vpcId: this.network.vpcId,
        publicSubnetIds: this.network.publicSubnetIds,
        workloadSecurityGroupId: this.workload.securityGroupId,
        accountId: caller.accountId,
        settings: args.edge,
        protect: args.protect ?? false,
        cluster: {
          clusterName: this.cluster.clusterName,
          clusterArn: this.cluster.clusterArn,
          kubernetesProvider: this.cluster.kubernetesProvider,
          namespace: this.cluster.workloadNamespace,
          addonsReady: this.cluster.addonsReady,
        },
        validationRecords: args.validationRecords,
      },
      { parent: this },
    );

    // Section: observability (alarms, dashboard, backups).
    this.accountId = caller.accountId;
    const opsPrefix = `${args.namePrefix}-${region.region}`;
    this.observability = new Observability(
      `${name}-observability`,
      {
        region: region.region,
        namePrefix: opsPrefix,
        accountId: caller.accountId,
        alarms: region.alarms,
        settings: args.observability,
        loadBalancer: { arn: this.origin.loadBalancerArn, targetGroupArn: this.origin.targetGroupArn },
        database: {
          primaryIdentifier: this.database.primaryIdentifier,
          replicaIdentifiers: this.database.replicaIdentifiers,
        },
        cache: { replicationGroupId: this.cache.replicationGroupId, nodes: region.cache.replicas + 1 },
        queues: region.queues.map((q) => ({
          name: q.name,
          queueUrl: this.queues.queueUrls[q.name],
          dlqUrl: this.queues.dlqUrls[q.name],
          scaling: q.scaling.enabled ? { maxReplicas: q.scaling.maxReplicas, messagesPerReplica: q.scaling.messagesPerReplica } : undefined,
        })),
        // Its metric comes from Container Insights: without the add-on the alarm would never get data.
        karpenter: region.cluster.containerInsights
          ? { clusterName: this.cluster.clusterName, cpuLimit: region.cluster.karpenter.cpuLimit }
          : undefined,
        // Before the application exists every origin is unhealthy by design: only page once it serves.
        extraUnhealthyAlarmNames: args.edge.origin.applicationDeployed ? [this.origin.healthAlarmName] : [],
        protect: protectData,
      },
      { parent: this },
    );
    this.backupVault = new BackupVault(
      `${name}-backup`,
      { region: region.region, accountId: caller.accountId, vaultName: opsPrefix, protect: protectData },
      { parent: this },
    );

    this.registerOutputs({ vpcId: this.network.vpcId });
  }

  /** What the stack exports for this region, with the DR replicas placed here (components/links). */
  public exports(drReplicas: readonly DrReplica[]): Record<string, pulumi.Input<unknown>> {
    return {
      zone: this.zone,
      vpcId: this.network.vpcId,
      vpcCidr: this.network.cidrBlock,
      clusterName: this.cluster.clusterName,
      clusterEndpoint: this.cluster.endpoint,
      kubeconfig: this.cluster.kubeconfig,
      // Data tier: endpoints and secret ARNs only, never a secret's value.
      database: {
        primaryEndpoint: this.database.primaryEndpoint,
        replicaEndpoints: this.database.replicaEndpoints,
        masterSecretArn: this.database.masterSecretArn,
        drReplicas: drReplicas.map((dr) => ({ sourceRegion: dr.sourceRegion, endpoint: dr.endpoint })),
      },
      cache: {
        primaryEndpoint: this.cache.primaryEndpoint,
        readerEndpoint: this.cache.readerEndpoint,
        authTokenSecretArn: this.cache.authTokenSecretArn,
      },
      queueUrls: this.queues.queueUrls,
      origin: {
        hostname: this.origin.hostname,
        loadBalancerDnsName: this.origin.loadBalancerDnsName,
        targetGroupArn: this.origin.targetGroupArn,
      },
      operations: {
        alertTopicArn: this.observability.topicArn,
        dashboardName: this.observability.dashboardName,
        unhealthyAlarmName: this.observability.unhealthyAlarmName,
        backupVaultArn: this.backupVault.vaultArn,
      },
    };
  }
}

/**
 * The AZ names a region spans in this account: `aws.getAvailabilityZones` (available zones that
 * need no opt-in, with their zone IDs), zones EKS refuses dropped by ID, ordered by ID.
 */
export async function eksAvailabilityZones(region: RegionConfig, provider: aws.Provider): Promise<string[]> {
  const zones = await aws.getAvailabilityZones(
    { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
    { provider },
  );
  return pickAvailabilityZones(region.region, zones.names, zones.zoneIds, region.azCount);
}
