import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../shared/iam";
import { POSTGRES_LOG_EXPORTS, POSTGRES_PORT, rdsLogGroupName } from "./postgres-settings";

/** What every PostgreSQL instance of the platform shares, primary or replica, in any region. */
export interface InstanceBase {
  readonly instanceClass: string;
  /** KMS key of the instance's own region (a cross-region replica cannot use the source's). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * A read replica in its source's region: storage is encrypted with the source's key and RDS
   * refuses `KmsKeyId` (see replicaKeyProblem); `kmsKeyArn` then serves Performance Insights only.
   * @default false
   */
  readonly storageKeyFromSource?: boolean;
  readonly securityGroupId: pulumi.Input<string>;
  readonly parameterGroupName: pulumi.Input<string>;
  readonly maxAllocatedStorageGiB: number;
  readonly performanceInsightsRetentionDays: number;
  /** 0 turns enhanced monitoring off (then no role is given). */
  readonly monitoringIntervalSeconds: number;
  /** The enhanced-monitoring role. @default none: enhanced monitoring off, whatever the interval */
  readonly monitoringRoleArn?: pulumi.Input<string>;
  readonly deletionProtection: boolean;
  readonly tags: Record<string, string>;
}

/** The `aws.rds.Instance` arguments common to primaries and replicas: encryption, TLS, insights. */
export function instanceArgs(base: InstanceBase): aws.rds.InstanceArgs {
  const monitoring = base.monitoringIntervalSeconds > 0 && base.monitoringRoleArn !== undefined;
  return {
    instanceClass: base.instanceClass,
    port: POSTGRES_PORT,
    storageType: "gp3",
    storageEncrypted: true,
    ...(base.storageKeyFromSource ? {} : { kmsKeyId: base.kmsKeyArn }),
    maxAllocatedStorage: base.maxAllocatedStorageGiB,
    vpcSecurityGroupIds: [base.securityGroupId],
    parameterGroupName: base.parameterGroupName,
    publiclyAccessible: false,
    iamDatabaseAuthenticationEnabled: true,
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: base.kmsKeyArn,
    performanceInsightsRetentionPeriod: base.performanceInsightsRetentionDays,
    monitoringInterval: monitoring ? base.monitoringIntervalSeconds : 0,
    monitoringRoleArn: monitoring ? base.monitoringRoleArn : undefined,
    enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
    caCertIdentifier: "rds-ca-rsa2048-g1",
    autoMinorVersionUpgrade: true,
    copyTagsToSnapshot: true,
    deletionProtection: base.deletionProtection,
    applyImmediately: false,
    tags: base.tags,
  };
}

/** The enhanced-monitoring role RDS assumes to publish OS metrics (one per region). */
export function monitoringRole(name: string, accountId: pulumi.Input<string>, parent: pulumi.Resource): aws.iam.Role {
  const role = new aws.iam.Role(
    name,
    {
      description: "RDS enhanced monitoring: publishes OS metrics to CloudWatch Logs",
      assumeRolePolicy: pulumi.output(accountId).apply((account) => serviceTrustPolicy("monitoring.rds.amazonaws.com", account)),
    },
    { parent },
  );
  new aws.iam.RolePolicyAttachment(
    name,
    { role: role.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" },
    { parent },
  );
  return role;
}

/**
 * The log groups an instance exports to, created before it with a retention: RDS would create
 * them on the first export without one, and then the platform could no longer create them.
 */
export function exportLogGroups(
  name: string,
  identifier: string,
  retentionInDays: number,
  parent: pulumi.Resource,
): aws.cloudwatch.LogGroup[] {
  return POSTGRES_LOG_EXPORTS.map(
    (logType) =>
      new aws.cloudwatch.LogGroup(
        `${name}-${logType}-logs`,
        { name: rdsLogGroupName(identifier, logType), retentionInDays, tags: { Name: `${name}-${logType}-logs` } },
        { parent },
      ),
  );
}
