import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { MIRRORED_POLICIES } from "../../lib/settings";
import { regionOf } from "../../lib/resources";
import { inStackFile } from "../../lib/stack-keys";

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
  ...MIRRORED_POLICIES["backup-retention"],
  severity: "high",
  validateResource: [
    validateResourceOfType(aws.rds.Instance, (db, args, reportViolation) => {
      const { minimumDays } = args.getConfig<Config>();
      if (db.replicateSourceDb !== undefined) return;
      if ((db.backupRetentionPeriod ?? 0) < minimumDays) {
        reportViolation(
          `${args.name}: set backupRetentionPeriod to at least ${minimumDays} days (it is ${db.backupRetentionPeriod ?? "unset"}).${inStackFile("regions[].database.backupRetentionDays", regionOf(args))}`,
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
          `${args.name}: set snapshotRetentionLimit to at least ${cacheMinimumDays} days (it is ${group.snapshotRetentionLimit ?? "unset, i.e. 0"}).${inStackFile("regions[].cache.snapshotRetentionDays", regionOf(args))}`,
        );
      }
    }),
  ],
};
