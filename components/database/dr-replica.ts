import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Database } from "./database";
import { metricAlarm } from "../observability/alarm";
import { exportLogGroups, instanceArgs } from "./instance-settings";
import { POSTGRES_PARAMETERS, instanceIdentifier, postgresFamily } from "./postgres-settings";

export interface DrReplicaArgs {
  /** The primary replicated; in another region of the same residency zone. */
  readonly source: Database;
  /**
   * The database of the region the replica lives in: its KMS key, subnet group, security group
   * and monitoring role are used (each is regional and cannot come from the source's region).
   */
  readonly target: Database;
  /**
   * Instance class of the replica.
   * @default the source's instance class, so a promoted replica carries the same load
   */
  readonly instanceClass?: string;
  /**
   * Production data: deletion protection and Pulumi `protect`, like the primary.
   * @default false
   */
  readonly protect?: boolean;
  /**
   * The replica's ReplicaLag alarm: the recovery point objective rests on this replica, so a lag
   * beyond `thresholdSeconds` pages `topicArn` (the target region's alert topic).
   */
  readonly lagAlarm: { readonly alarmName: string; readonly thresholdSeconds: number; readonly topicArn: pulumi.Input<string> };
}

/**
 * A cross-region disaster-recovery read replica of another region's primary. Declare it with the
 * TARGET Region as parent so it inherits that region's provider.
 */
export class DrReplica extends pulumi.ComponentResource {
  public readonly arn: pulumi.Output<string>;
  public readonly identifier: pulumi.Output<string>;
  /** `host:port` of the replica. */
  public readonly endpoint: pulumi.Output<string>;
  public readonly sourceRegion: string;
  public readonly regionName: string;
  /** The ReplicaLag alarm of the replica (in its own region). */
  public readonly lagAlarm: aws.cloudwatch.MetricAlarm;

  constructor(name: string, args: DrReplicaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:database:DrReplica", name, {}, opts);
    const { source, target } = args;
    if (source.regionName === target.regionName) {
      throw new Error(`${name}: a DR replica must be in another region than its source (${source.regionName})`);
    }
    const protect = args.protect ?? false;
    this.sourceRegion = source.regionName;
    this.regionName = target.regionName;

    // The target region's own parameter group may be of another major version: this one
    // follows the source, whose engine the replica runs.
    const parameterGroup = new aws.rds.ParameterGroup(
      `${name}-params`,
      {
        family: postgresFamily(source.settings.engineVersion),
        description: `DR replica of ${source.regionName}: TLS-only PostgreSQL`,
        parameters: POSTGRES_PARAMETERS.map((p) => ({ ...p })),
        tags: { Name: `${name}-params` },
      },
      { parent: this },
    );

    const identifier = instanceIdentifier(target.identifierPrefix, `dr-${source.regionName}`);
    const logs = exportLogGroups(`${name}-instance`, identifier, target.settings.logRetentionDays, this);
    const replica = new aws.rds.Instance(
      `${name}-instance`,
      {
        ...instanceArgs({
          instanceClass: args.instanceClass ?? source.settings.instanceClass,
          kmsKeyArn: target.kmsKeyArn,
          securityGroupId: target.securityGroupId,
          parameterGroupName: parameterGroup.name,
          maxAllocatedStorageGiB: source.settings.maxAllocatedStorageGiB,
          performanceInsightsRetentionDays: target.settings.performanceInsightsRetentionDays,
          monitoringIntervalSeconds: target.settings.monitoringIntervalSeconds,
          monitoringRoleArn: target.monitoringRoleArn,
          deletionProtection: protect || source.settings.deletionProtection,
          tags: { Name: `${name}-instance`, role: "dr-replica", "source-region": source.regionName },
        }),
        identifier,
        // An identifier only resolves inside its own region: a cross-region source is named by
        // ARN, and an encrypted one needs a KMS key of this region (the source's cannot be used).
        replicateSourceDb: source.primaryArn,
        dbSubnetGroupName: target.subnetGroupName,
        // Ready to be promoted: as highly available as the primary it would replace.
        multiAz: source.settings.multiAz,
        // Kept after promotion, when it becomes a primary with its own backups.
        backupRetentionPeriod: source.settings.backupRetentionDays,
        skipFinalSnapshot: true,
      },
      { parent: this, protect, dependsOn: logs, deleteBeforeReplace: true },
    );

    this.lagAlarm = metricAlarm(
      name,
      args.lagAlarm.alarmName,
      {
        role: "replica-lag",
        description: `DR replica of ${source.regionName} lags its primary by more than ${args.lagAlarm.thresholdSeconds} s: a failover now loses that much`,
        metric: {
          namespace: "AWS/RDS",
          metricName: "ReplicaLag",
          stat: "Maximum",
          dimensions: { DBInstanceIdentifier: replica.identifier },
        },
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: args.lagAlarm.thresholdSeconds,
        comparison: "GreaterThanThreshold",
      },
      [args.lagAlarm.topicArn],
      this,
    );

    this.arn = replica.arn;
    this.identifier = replica.identifier;
    this.endpoint = replica.endpoint;
    this.registerOutputs({ arn: this.arn, endpoint: this.endpoint });
  }
}
