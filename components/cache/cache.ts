import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { CacheSettings } from "../config/tiers/cache";
import { AUTH_TOKEN_SPECIALS, CACHE_PORT, cacheFamily, nodeZones, supportsTransitEncryptionMode } from "./elasticache-rules";
import { Grant, readSecretsStatement } from "../shared/grants";
import { workloadOnlySecurityGroup } from "../shared/security-group";

export interface CacheArgs {
  /** AWS region of the cache; it must match the provider the component inherits. */
  readonly region: string;
  /** Engine, version, node type, replicas, Multi-AZ and snapshot retention from the stack config. */
  readonly settings: CacheSettings;
  /** VPC of the security group. */
  readonly vpcId: pulumi.Input<string>;
  /** The private subnets the cache subnet group spans. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** AZs of the region's subnets, in order; nodes are spread over them. */
  readonly availabilityZones: readonly string[];
  /** The region's data-tier KMS key: data at rest and the auth token secret. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The only security group admitted on the cache port (the region's workload). */
  readonly workloadSecurityGroupId: pulumi.Input<string>;
  /**
   * Production data: Pulumi `protect`, a final snapshot on delete, a 30-day secret recovery window.
   * @default false
   */
  readonly protect?: boolean;
}

/**
 * A region's cache: an ElastiCache (Valkey or Redis OSS) replication group, cluster mode off, in
 * the private subnets, encrypted at rest (KMS) and in transit (TLS required), with an AUTH token
 * generated here and kept in Secrets Manager under the region's key for the workload to read.
 */
export class Cache extends pulumi.ComponentResource {
  public readonly replicationGroupId: pulumi.Output<string>;
  /** `host:port` of the primary node (writes). */
  public readonly primaryEndpoint: pulumi.Output<string>;
  /** `host:port` spreading reads over the replicas. */
  public readonly readerEndpoint: pulumi.Output<string>;
  /** Secrets Manager secret holding the AUTH token (the ARN, never the value). */
  public readonly authTokenSecretArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly port: number = CACHE_PORT;

  constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cache:Cache", name, {}, opts);
    const { settings } = args;
    const protect = args.protect ?? false;
    // Automatic failover needs a replica; Multi-AZ needs failover (config checks the pair).
    const failover = settings.replicas >= 1;

    const securityGroup = workloadOnlySecurityGroup(
      name,
      {
        vpcId: args.vpcId,
        description: "Cache of this region: admits only the workload security group",
        port: CACHE_PORT,
        workloadSecurityGroupId: args.workloadSecurityGroupId,
        ruleDescription: `${settings.engine} (TLS) from the workload (nodes and pods)`,
      },
      this,
    );

    const subnetGroup = new aws.elasticache.SubnetGroup(
      `${name}-subnets`,
      { subnetIds: args.subnetIds, description: "Private subnets of the region", tags: { Name: `${name}-subnets` } },
      { parent: this },
    );
    const parameterGroup = new aws.elasticache.ParameterGroup(
      `${name}-params`,
      {
        family: cacheFamily(settings.engine, settings.engineVersion),
        description: "Hot-read cache: evict the least recently used keys when full",
        parameters: [{ name: "maxmemory-policy", value: "allkeys-lru" }],
        tags: { Name: `${name}-params` },
      },
      { parent: this },
    );

    const token = new random.RandomPassword(
      `${name}-auth-token`,
      { length: 64, special: true, overrideSpecial: AUTH_TOKEN_SPECIALS, minUpper: 4, minLower: 4, minNumeric: 4 },
      { parent: this },
    );
    const secret = new aws.secretsmanager.Secret(
      `${name}-auth-token`,
      {
        description: `AUTH token of the ${args.region} cache (${settings.engine})`,
        kmsKeyId: args.kmsKeyArn,
        recoveryWindowInDays: protect ? 30 : 0,
        tags: { Name: `${name}-auth-token` },
      },
      { parent: this, protect },
    );
    new aws.secretsmanager.SecretVersion(`${name}-auth-token`, { secretId: secret.id, secretString: token.result }, { parent: this });

    // Snapshot names are unique per account and region and outlive the group: a fixed name would
    // collide with the snapshot a previous deletion (destroy and re-create, another stack) left.
    const snapshotSuffix = protect ? new random.RandomId(`${name}-final-snapshot`, { byteLength: 4 }, { parent: this }) : undefined;
    const group = new aws.elasticache.ReplicationGroup(
      `${name}-rg`,
      {
        description: `${settings.engine} cache of ${args.region}`,
        engine: settings.engine,
        engineVersion: settings.engineVersion,
        nodeType: settings.nodeType,
        port: CACHE_PORT,
        numCacheClusters: 1 + settings.replicas,
        preferredCacheClusterAzs: nodeZones(args.availabilityZones, 1 + settings.replicas),
        automaticFailoverEnabled: failover,
        multiAzEnabled: settings.multiAz,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [securityGroup.id],
        parameterGroupName: parameterGroup.name,
        atRestEncryptionEnabled: true,
        kmsKeyId: args.kmsKeyArn,
        // AUTH needs TLS; "required" refuses plaintext clients outright. Redis OSS 6.x rejects the
        // mode parameter; TLS enabled at creation is required there anyway.
        transitEncryptionEnabled: true,
        transitEncryptionMode: supportsTransitEncryptionMode(settings.engine, settings.engineVersion) ? "required" : undefined,
        authToken: token.result,
        snapshotRetentionLimit: settings.snapshotRetentionDays,
        snapshotWindow: "02:00-03:00",
        maintenanceWindow: "sun:05:00-sun:06:00",
        finalSnapshotIdentifier: snapshotSuffix ? pulumi.interpolate`${name}-final-${snapshotSuffix.hex}` : undefined,
        autoMinorVersionUpgrade: true,
        applyImmediately: false,
        tags: { Name: `${name}-rg` },
      },
      { parent: this, protect, additionalSecretOutputs: ["authToken"] },
    );

    this.replicationGroupId = group.id;
    this.primaryEndpoint = pulumi.interpolate`${group.primaryEndpointAddress}:${CACHE_PORT}`;
    this.readerEndpoint = pulumi.interpolate`${group.readerEndpointAddress}:${CACHE_PORT}`;
    this.authTokenSecretArn = secret.arn;
    this.securityGroupId = securityGroup.id;
    this.registerOutputs({
      replicationGroupId: this.replicationGroupId,
      primaryEndpoint: this.primaryEndpoint,
      readerEndpoint: this.readerEndpoint,
      authTokenSecretArn: this.authTokenSecretArn,
    });
  }

  /** Reading the AUTH token secret (its key admits the reader through Secrets Manager, see DataKey). */
  public grantReadAuthToken(): Grant {
    return this.authTokenSecretArn.apply((arn) => [readSecretsStatement([arn])]);
  }
}
