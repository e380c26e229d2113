import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";

/**
 * ElastiCache replication groups encrypt at rest and in transit, with TLS required (not merely
 * `preferred`). A secondary of a global datastore inherits both settings from the datastore's
 * primary, which this policy checks.
 */
export const cacheEncrypted: ResourceValidationPolicy = {
  name: "cache-encrypted",
  description: "ElastiCache encrypts data at rest and requires TLS in transit.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.elasticache.ReplicationGroup, (group, args, reportViolation) => {
    if (group.globalReplicationGroupId !== undefined) return;
    if (group.atRestEncryptionEnabled !== true) reportViolation(`${args.name}: set atRestEncryptionEnabled: true.`);
    if (group.transitEncryptionEnabled !== true) reportViolation(`${args.name}: set transitEncryptionEnabled: true.`);
    else if (group.transitEncryptionMode === "preferred")
      reportViolation(`${args.name}: set transitEncryptionMode: "required" (it is "preferred", which admits plaintext clients).`);
  }),
};
