import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { MIRRORED_POLICIES } from "../../lib/settings";
import { regionOf } from "../../lib/resources";
import { inStackFile } from "../../lib/stack-keys";

/**
 * Primaries survive the loss of an availability zone: RDS primaries are Multi-AZ; ElastiCache
 * groups have Multi-AZ, automatic failover and a replica to fail over to. Dev switches this
 * policy off in its policy config file (cost), prod keeps it mandatory.
 */
export const multiAz: ResourceValidationPolicy = {
  name: "multi-az",
  description: "Databases and caches are Multi-AZ with automatic failover.",
  enforcementLevel: MIRRORED_POLICIES["multi-az"].enforcementLevel,
  severity: "high",
  validateResource: [
    validateResourceOfType(aws.rds.Instance, (db, args, reportViolation) => {
      if (db.replicateSourceDb === undefined && db.multiAz !== true)
        reportViolation(`${args.name}: set multiAz: true.${inStackFile("regions[].database.multiAz", regionOf(args))}`);
    }),
    validateResourceOfType(aws.elasticache.ReplicationGroup, (group, args, reportViolation) => {
      const key = inStackFile("regions[].cache.multiAz", regionOf(args));
      if (group.multiAzEnabled !== true) reportViolation(`${args.name}: set multiAzEnabled: true.${key}`);
      if (group.automaticFailoverEnabled !== true) reportViolation(`${args.name}: set automaticFailoverEnabled: true.${key}`);
      const nodes = group.numCacheClusters ?? (group.replicasPerNodeGroup === undefined ? undefined : group.replicasPerNodeGroup + 1);
      if (nodes !== undefined && nodes < 2)
        reportViolation(
          `${args.name}: set numCacheClusters to at least 2 (a primary and a replica in another AZ), it is ${nodes}.${inStackFile("regions[].cache.replicas", regionOf(args))}`,
        );
    }),
  ],
};
