import type { ResourceValidationPolicy } from "@pulumi/policy";
import { PROTECTED_TYPES } from "../../lib/protected-types";
import { regionOfArn } from "../../residency-zones";
import { MIRRORED_POLICIES } from "../../lib/settings";
import { regionOf } from "../../lib/resources";
import { inStackFile } from "../../lib/stack-keys";

interface Config {
  readonly protectedTypes: readonly string[];
}

/**
 * Data is not deleted by accident: RDS primaries and DR (cross-region) replicas set
 * `deletionProtection` and keep a final snapshot, ElastiCache groups take a final snapshot, and
 * every data store and key (config `protectedTypes`; a lost KMS key loses what it encrypted)
 * carries Pulumi's `protect` option; S3 buckets never `forceDestroy` (S3 then refuses to delete a
 * bucket that holds objects). Queues hold messages only for their retention period and are not
 * protected. In-region read replicas are disposable copies. Dev disables this policy in its config file.
 */
export const deletionProtection: ResourceValidationPolicy = {
  name: "deletion-protection",
  description: "Stateful resources are protected from deletion and keep final snapshots.",
  enforcementLevel: MIRRORED_POLICIES["deletion-protection"].enforcementLevel,
  severity: "critical",
  configSchema: {
    properties: {
      protectedTypes: {
        type: "array",
        items: { type: "string" },
        description: "Resource types that must carry Pulumi's protect option.",
        default: [...PROTECTED_TYPES],
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const { protectedTypes } = args.getConfig<Config>();
    const p = args.props;
    if (args.type === "aws:rds/instance:Instance") {
      const inRegionReplica = typeof p.replicateSourceDb === "string" && regionOfArn(p.replicateSourceDb) === undefined;
      if (!inRegionReplica && p.deletionProtection !== true)
        reportViolation(
          `${args.name}: set deletionProtection: true.${inStackFile("regions[].database.deletionProtection", regionOf(args))}`,
        );
      if (p.replicateSourceDb === undefined && (p.skipFinalSnapshot === true || p.finalSnapshotIdentifier === undefined)) {
        reportViolation(`${args.name}: set skipFinalSnapshot: false and a finalSnapshotIdentifier.`);
      }
    }
    if (args.type === "aws:rds/cluster:Cluster" && p.deletionProtection !== true)
      reportViolation(`${args.name}: set deletionProtection: true.`);
    if (
      args.type === "aws:elasticache/replicationGroup:ReplicationGroup" &&
      p.globalReplicationGroupId === undefined &&
      p.finalSnapshotIdentifier === undefined
    ) {
      reportViolation(`${args.name}: set finalSnapshotIdentifier so deleting the group keeps its data.`);
    }
    if ((args.type === "aws:s3/bucket:Bucket" || args.type === "aws:s3/bucketV2:BucketV2") && p.forceDestroy === true) {
      reportViolation(`${args.name}: set forceDestroy: false so deleting the bucket cannot discard its objects.`);
    }
    if (protectedTypes.includes(args.type) && !args.opts.protect) {
      reportViolation(
        `${args.name}: set the resource option protect: true (a ${args.type.split(":").pop()} holds data). The program protects data stores when platform:environment is prod.`,
      );
    }
  },
};
