import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { regionOfArn } from "../../residency-zones";

/**
 * Databases and caches are never reachable from the internet: RDS instances are not publicly
 * accessible, and every database or cache names its subnet group (without one it lands in the
 * default VPC, whose subnets are public). In-region read replicas share their source's group.
 */
export const noPublicDatastores: ResourceValidationPolicy = {
  name: "no-public-datastores",
  description: "Databases and caches are private: not publicly accessible, placed in the platform's own subnets.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: [
    validateResourceOfType(aws.rds.Instance, (db, args, reportViolation) => {
      if (db.publiclyAccessible === true) reportViolation(`${args.name}: set publiclyAccessible: false.`);
      const inRegionReplica = db.replicateSourceDb !== undefined && regionOfArn(db.replicateSourceDb) === undefined;
      if (!inRegionReplica && db.dbSubnetGroupName === undefined) {
        reportViolation(`${args.name}: set dbSubnetGroupName to the region's isolated subnets (unset, RDS uses the default VPC).`);
      }
    }),
    validateResourceOfType(aws.rds.ClusterInstance, (db, args, reportViolation) => {
      if (db.publiclyAccessible === true) reportViolation(`${args.name}: set publiclyAccessible: false.`);
    }),
    validateResourceOfType(aws.elasticache.ReplicationGroup, (group, args, reportViolation) => {
      if (group.subnetGroupName === undefined) {
        reportViolation(`${args.name}: set subnetGroupName to the region's isolated subnets (unset, ElastiCache uses the default VPC).`);
      }
    }),
  ],
};
