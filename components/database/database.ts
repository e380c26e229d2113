import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DatabaseSettings } from "../config/tiers/database";
import { exportLogGroups, instanceArgs, monitoringRole } from "./instance-settings";
import {
  POSTGRES_PARAMETERS,
  POSTGRES_PORT,
  RDS_MAINTENANCE_WINDOW,
  finalSnapshotName,
  instanceIdentifier,
  postgresFamily,
  replicaZones,
} from "./postgres-settings";
import { Grant, readSecretsStatement } from "../shared/grants";
import { workloadOnlySecurityGroup } from "../shared/security-group";

export interface DatabaseArgs {
  /** AWS region of the database; it must match the provider the component inherits. */
  readonly region: string;
  /** Prefix of the instance identifiers, unique per account and region, e.g. `platform-prod`. */
  readonly identifierPrefix: string;
  /** Engine, sizes, replica count, backups and monitoring, validated by the stack config. */
  readonly settings: DatabaseSettings;
  /** VPC of the security group. */
  readonly vpcId: pulumi.Input<string>;
  /** The isolated subnets (no route to the internet) the DB subnet group spans. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** AZs of the region's subnets, in order; read replicas are spread over them. */
  readonly availabilityZones: readonly string[];
  /** The region's data-tier KMS key: storage, Performance Insights and the master secret. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The only security group admitted on the PostgreSQL port (the region's workload). */
  readonly workloadSecurityGroupId: pulumi.Input<string>;
  /** Account id, for the monitoring role's confused-deputy condition. */
  readonly accountId: pulumi.Input<string>;
  /**
   * Production data: Pulumi `protect` on the instances, a final snapshot on delete, automated
   * backups kept after deletion.
   * @default false
   */
  readonly protect?: boolean;
}

/**
 * A region's PostgreSQL: an RDS primary in the isolated subnets with its master password managed
 * by RDS in Secrets Manager, and N in-region read replicas spread over the AZs. A cross-region
 * DR replica of it is a separate `DrReplica`, declared in the other region.
 */
export class Database extends pulumi.ComponentResource {
  public readonly regionName: string;
  /** The settings the primary was built from (a DR replica mirrors them). */
  public readonly settings: DatabaseSettings;
  public readonly primaryArn: pulumi.Output<string>;
  public readonly primaryIdentifier: pulumi.Output<string>;
  /** `host:port` of the primary. */
  public readonly primaryEndpoint: pulumi.Output<string>;
  public readonly primaryAddress: pulumi.Output<string>;
  /** `host:port` of each in-region read replica. */
  public readonly replicaEndpoints: pulumi.Output<string[]>;
  /** DB instance identifier of each in-region read replica (the `DBInstanceIdentifier` of its metrics). */
  public readonly replicaIdentifiers: pulumi.Output<string>[];
  /** ARN of the RDS-managed secret holding the master credentials (never the value). */
  public readonly masterSecretArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly subnetGroupName: pulumi.Output<string>;
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Prefix of this region's instance identifiers; DR replicas placed here use it too. */
  public readonly identifierPrefix: string;
  /** The enhanced-monitoring role, when monitoring is on; DR replicas in this region use it too. */
  public readonly monitoringRoleArn?: pulumi.Output<string>;
  public readonly port: number = POSTGRES_PORT;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:database:Database", name, {}, opts);
    const { settings } = args;
    const protect = args.protect ?? false;
    this.regionName = args.region;
    this.settings = settings;
    this.identifierPrefix = args.identifierPrefix;
    this.kmsKeyArn = pulumi.output(args.kmsKeyArn);

    const securityGroup = workloadOnlySecurityGroup(
      name,
      {
        vpcId: args.vpcId,
        description: "PostgreSQL of this region: admits only the workload security group",
        port: POSTGRES_PORT,
        workloadSecurityGroupId: args.workloadSecurityGroupId,
        ruleDescription: "PostgreSQL from the workload (nodes and pods)",
      },
      this,
    );

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { subnetIds: args.subnetIds, description: "Isolated subnets of the region", tags: { Name: `${name}-subnets` } },
      { parent: this },
    );
    const parameterGroup = new aws.rds.ParameterGroup(
      `${name}-params`,
      {
        family: postgresFamily(settings.engineVersion),
        description: "TLS-only PostgreSQL with connection and slow-statement logging",
        parameters: POSTGRES_PARAMETERS.map((p) => ({ ...p })),
        tags: { Name: `${name}-params` },
      },
      { parent: this },
    );
    const monitoring = settings.monitoringIntervalSeconds > 0 ? monitoringRole(`${name}-monitoring`, args.accountId, this) : undefined;
    this.monitoringRoleArn = monitoring?.arn;

    const base = {
      instanceClass: settings.instanceClass,
      kmsKeyArn: args.kmsKeyArn,
      securityGroupId: securityGroup.id,
      parameterGroupName: parameterGroup.name,
      maxAllocatedStorageGiB: settings.maxAllocatedStorageGiB,
      performanceInsightsRetentionDays: settings.performanceInsightsRetentionDays,
      monitoringIntervalSeconds: settings.monitoringIntervalSeconds,
      monitoringRoleArn: monitoring?.arn,
      deletionProtection: settings.deletionProtection,
    };

    // A fixed final-snapshot name would collide with the snapshot a previous deletion left behind.
    const snapshotSuffix = protect ? new random.RandomId(`${name}-final-snapshot`, { byteLength: 4 }, { parent: this }) : undefined;
    const primaryId = instanceIdentifier(args.identifierPrefix, "primary");
    const primaryLogs = exportLogGroups(`${name}-primary`, primaryId, settings.logRetentionDays, this);
    const primary = new aws.rds.Instance(
      `${name}-primary`,
      {
        ...instanceArgs({ ...base, tags: { Name: `${name}-primary`, role: "primary" } }),
        identifier: primaryId,
        engine: settings.engine,
        engineVersion: settings.engineVersion,
        allocatedStorage: settings.allocatedStorageGiB,
        dbSubnetGroupName: subnetGroup.name,
        multiAz: settings.multiAz,
        dbName: "app",
        username: "app_admin",
        // RDS generates the password into Secrets Manager (encrypted with our key) and rotates
        // it; no plaintext ever passes through the program or the state.
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: args.kmsKeyArn,
        // Replicas need the source to keep automated backups (config enforces at least 1 day).
        backupRetentionPeriod: settings.backupRetentionDays,
        backupWindow: settings.backupWindow,
        maintenanceWindow: RDS_MAINTENANCE_WINDOW,
        skipFinalSnapshot: !protect,
        finalSnapshotIdentifier: snapshotSuffix?.hex.apply((suffix) => finalSnapshotName(`${name}-primary`, suffix)),
        deleteAutomatedBackups: !protect,
        allowMajorVersionUpgrade: false,
      },
      // An explicit identifier cannot be created beside the old one: replace by deleting first.
      { parent: this, protect, dependsOn: primaryLogs, deleteBeforeReplace: true },
    );

    // Same-region replicas name their source by identifier and inherit its subnet group
    // (giving a subnet group would require the source's ARN instead) and its storage key.
    const replicas = replicaZones(args.availabilityZones, settings.readReplicas).map((zone, index) => {
      const replicaName = `${name}-replica-${index + 1}`;
      const replicaId = instanceIdentifier(args.identifierPrefix, `replica-${index + 1}`);
      const logs = exportLogGroups(replicaName, replicaId, settings.logRetentionDays, this);
      return new aws.rds.Instance(
        replicaName,
        {
          ...instanceArgs({ ...base, storageKeyFromSource: true, tags: { Name: replicaName, role: "replica" } }),
          identifier: replicaId,
          replicateSourceDb: primary.identifier,
          availabilityZone: zone,
          multiAz: false,
          // A read replica has no final snapshot (RDS rejects one); its data lives in the source.
          skipFinalSnapshot: true,
        },
        { parent: this, protect, dependsOn: logs, deleteBeforeReplace: true },
      );
    });

    this.primaryArn = primary.arn;
    this.primaryIdentifier = primary.identifier;
    this.primaryEndpoint = primary.endpoint;
    this.primaryAddress = primary.address;
    this.replicaEndpoints = pulumi.all(replicas.map((r) => r.endpoint));
    this.replicaIdentifiers = replicas.map((r) => r.identifier);
    this.masterSecretArn = primary.masterUserSecrets.apply((secrets) => {
      const secret = secrets?.[0];
      if (secret === undefined) throw new Error(`${name}: RDS reported no managed master secret`);
      return secret.secretArn;
    });
    this.securityGroupId = securityGroup.id;
    this.subnetGroupName = subnetGroup.name;

    this.registerOutputs({
      primaryArn: this.primaryArn,
      primaryEndpoint: this.primaryEndpoint,
      replicaEndpoints: this.replicaEndpoints,
      masterSecretArn: this.masterSecretArn,
      securityGroupId: this.securityGroupId,
    });
  }

  /**
   * Reading the master credentials (the RDS-managed secret). Decrypting it needs the data key's
   * key policy too, which admits the workload through Secrets Manager (see DataKey).
   */
  public grantReadMasterSecret(): Grant {
    return this.masterSecretArn.apply((arn) => [readSecretsStatement([arn])]);
  }
}
