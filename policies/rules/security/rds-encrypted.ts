import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { regionOfArn } from "../../residency-zones";

/**
 * RDS storage is encrypted at rest. A primary sets `storageEncrypted`; an in-region read replica
 * inherits its source's encryption; a cross-region replica (sourced by ARN) must name a KMS key
 * of its own region, because the source's key does not exist there.
 */
export const rdsEncrypted: ResourceValidationPolicy = {
  name: "rds-encrypted",
  description: "RDS instances and clusters encrypt their storage at rest.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: [
    validateResourceOfType(aws.rds.Instance, (db, args, reportViolation) => {
      const source = db.replicateSourceDb;
      if (source === undefined) {
        if (db.storageEncrypted !== true)
          reportViolation(`${args.name}: set storageEncrypted: true (it is ${String(db.storageEncrypted ?? "unset")}).`);
      } else if (regionOfArn(source) !== undefined && db.kmsKeyId === undefined) {
        reportViolation(
          `${args.name} is a cross-region replica of ${source}: set kmsKeyId to a key of the replica's region so its storage is encrypted.`,
        );
      }
    }),
    validateResourceOfType(aws.rds.Cluster, (cluster, args, reportViolation) => {
      if (cluster.storageEncrypted !== true)
        reportViolation(`${args.name}: set storageEncrypted: true (it is ${String(cluster.storageEncrypted ?? "unset")}).`);
    }),
  ],
};
