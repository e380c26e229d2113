import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";

interface Config {
  readonly minimumDays: number;
  readonly cacheMinimumDays: number;
}

/**
 * Data can be restored: RDS primaries and clusters keep automated backups for at least
 * `minimumDays`, ElastiCache groups keep snapshots for at least `cacheMinimumDays`. Replicas are
 * exempt (their source's backups are the restore point). The days differ per environment
 * through the policy config file, never through stack names.
 */
export const backupRetention: ResourceValidationPolicy = {
  name: "backup-retention",
  description: "Databases and caches keep backups for at least the configured number of days.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      minimumDays: {
        type: "integer",
        minimum: 1,
        maximum: 35,
        default: 7,
        description: "Minimum RDS automated backup retention, in days.",
      },
      cacheMinimumDays: {
        type: "integer",
        minimum: 0,
        maximum: 35,
        default: 1,
        description: "Minimum ElastiCache snapshot retention, in days.",
      },
    },
  },
  validateResource: [
    validateResourceOfType(aws.rds.Instance, (db, args, reportViolation) => {
      const { minimumDays } = args.getConfig<Config>();
      if (db.replicateSourceDb !== undefined) return;
      if ((db.backupRetentionPeriod ?? 0) < minimumDays) {
        reportViolation(
          `${args.name}: set backupRetentionPeriod to at least ${minimumDays} days (it is ${db.backupRetentionPeriod ?? "unset"}).`,
        );
      }
    }),
    validateResourceOfType(aws.rds.Cluster, (cluster, args, reportViolation) => {
      const { minimumDays } = args.getConfig<Config>();
      if ((cluster.backupRetentionPeriod ?? 1) < minimumDays) {
        reportViolation(
          `${args.name}: set backupRetentionPeriod to at least ${minimumDays} days (it is ${cluster.backupRetentionPeriod ?? "unset, i.e. 1"}).`,
        );
      }
    }),
    validateResourceOfType(aws.elasticache.ReplicationGroup, (group, args, reportViolation) => {
      const { cacheMinimumDays } = args.getConfig<Config>();
      if (group.globalReplicationGroupId !== undefined) return;
      if ((group.snapshotRetentionLimit ?? 0) < cacheMinimumDays) {
        reportViolation(
          `${args.name}: set snapshotRetentionLimit to at least ${cacheMinimumDays} days (it is ${group.snapshotRetentionLimit ?? "unset, i.e. 0"}).`,
        );
      }
    }),
  ],
};
