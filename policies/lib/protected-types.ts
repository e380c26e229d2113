/**
 * Resource types that hold data a deletion would lose, so production requires Pulumi's `protect`
 * on them (the deletion-protection policy's `protectedTypes` default). The pack is published on
 * its own, so it keeps this list itself; the offline tools' resource-type catalogue marks the same
 * types `protectedInProd`, and a test checks the two agree.
 */
export const PROTECTED_TYPES: readonly string[] = [
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
  "aws:kms/key:Key",
];
