/**
 * Stateful resource types and the input properties whose change makes the provider replace the
 * resource (delete + create: data lost unless restored). The Pulumi AWS provider is generated from
 * the Terraform AWS provider, so its `ForceNew` schema fields are the replacement triggers; each row
 * links that schema and the Pulumi registry page. Pulumi's own triggers apply to every type: a
 * changed `region` (aws v7 per-resource region), a different provider, `replaceOnChanges`.
 */

export interface StatefulType {
  /** What a reviewer calls it. */
  readonly kind: "database" | "cache" | "queue" | "key" | "network" | "cluster" | "storage" | "secret";
  /** Top-level input properties (Pulumi names) whose change forces a replacement. */
  readonly replaceOn: readonly string[];
  readonly sources: readonly string[];
}

const TF = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service";
const REGISTRY = "https://www.pulumi.com/registry/packages/aws/api-docs";

export const STATEFUL_TYPES: Readonly<Record<string, StatefulType>> = {
  "aws:rds/instance:Instance": {
    kind: "database",
    replaceOn: [
      "identifier",
      "identifierPrefix",
      "engine",
      "dbName",
      "username",
      "availabilityZone",
      "storageEncrypted",
      "kmsKeyId",
      "characterSetName",
      "ncharCharacterSetName",
      "timezone",
      "snapshotIdentifier",
      "restoreToPointInTime",
      "s3Import",
      "customIamInstanceProfile",
    ],
    sources: [`${TF}/rds/instance.go`, `${REGISTRY}/rds/instance/`],
  },
  "aws:rds/cluster:Cluster": {
    kind: "database",
    replaceOn: [
      "clusterIdentifier",
      "clusterIdentifierPrefix",
      "engine",
      "databaseName",
      "masterUsername",
      "availabilityZones",
      "storageEncrypted",
      "kmsKeyId",
      "snapshotIdentifier",
      "restoreToPointInTime",
      "s3Import",
      "sourceRegion",
    ],
    sources: [`${TF}/rds/cluster.go`, `${REGISTRY}/rds/cluster/`],
  },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    kind: "cache",
    replaceOn: [
      "replicationGroupId",
      "atRestEncryptionEnabled",
      "kmsKeyId",
      "subnetGroupName",
      "preferredCacheClusterAzs",
      "port",
      "dataTieringEnabled",
      "networkType",
      "snapshotArns",
      "snapshotName",
      "globalReplicationGroupId",
    ],
    sources: [`${TF}/elasticache/replication_group.go`, `${REGISTRY}/elasticache/replicationgroup/`],
  },
  "aws:elasticache/cluster:Cluster": {
    kind: "cache",
    replaceOn: ["clusterId", "engine", "subnetGroupName", "availabilityZone", "port", "snapshotArns", "snapshotName", "replicationGroupId"],
    sources: [`${TF}/elasticache/cluster.go`, `${REGISTRY}/elasticache/cluster/`],
  },
  "aws:elasticache/serverlessCache:ServerlessCache": {
    kind: "cache",
    replaceOn: ["name", "engine", "kmsKeyId", "subnetIds", "snapshotArnsToRestores"],
    sources: [`${TF}/elasticache/serverless_cache.go`, `${REGISTRY}/elasticache/serverlesscache/`],
  },
  "aws:sqs/queue:Queue": {
    kind: "queue",
    replaceOn: ["name", "namePrefix", "fifoQueue"],
    sources: [`${TF}/sqs/queue.go`, `${REGISTRY}/sqs/queue/`],
  },
  "aws:kms/key:Key": {
    kind: "key",
    replaceOn: ["keyUsage", "customerMasterKeySpec", "multiRegion", "customKeyStoreId", "xksKeyId"],
    sources: [`${TF}/kms/key.go`, `${REGISTRY}/kms/key/`],
  },
  "aws:ec2/vpc:Vpc": {
    kind: "network",
    replaceOn: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
    sources: [`${TF}/ec2/vpc_.go`, `${REGISTRY}/ec2/vpc/`],
  },
  // A remote component: a changed CIDR or AZ list replaces its VPC or subnets (awsx derives both).
  "awsx:ec2:Vpc": {
    kind: "network",
    replaceOn: ["cidrBlock", "availabilityZoneNames", "numberOfAvailabilityZones", "subnetSpecs", "subnetStrategy"],
    sources: ["https://www.pulumi.com/registry/packages/awsx/api-docs/ec2/vpc/", `${TF}/ec2/vpc_.go`, `${TF}/ec2/vpc_subnet.go`],
  },
  "aws:eks/cluster:Cluster": {
    kind: "cluster",
    replaceOn: [
      "name",
      "roleArn",
      "bootstrapSelfManagedAddons",
      "kubernetesNetworkConfig",
      "outpostConfig",
      "accessConfig.bootstrapClusterCreatorAdminPermissions",
    ],
    sources: [`${TF}/eks/cluster.go`, `${REGISTRY}/eks/cluster/`],
  },
  "aws:s3/bucket:Bucket": {
    kind: "storage",
    replaceOn: ["bucket", "bucketPrefix", "objectLockEnabled"],
    sources: [`${TF}/s3/bucket.go`, `${REGISTRY}/s3/bucket/`],
  },
  "aws:dynamodb/table:Table": {
    kind: "database",
    replaceOn: ["name"],
    sources: [`${TF}/dynamodb/table.go`, `${REGISTRY}/dynamodb/table/`],
  },
  "aws:secretsmanager/secret:Secret": {
    kind: "secret",
    replaceOn: ["name", "namePrefix"],
    sources: [`${TF}/secretsmanager/secret.go`, `${REGISTRY}/secretsmanager/secret/`],
  },
};

/** Triggers Pulumi itself applies to every resource type. */
export const ALWAYS_REPLACE_ON: readonly string[] = ["region"];

export function statefulType(type: string): StatefulType | undefined {
  return STATEFUL_TYPES[type];
}

/**
 * Does a change at `path` (dotted, e.g. `kubernetesNetworkConfig.serviceIpv4Cidr`) trigger a
 * replacement? A trigger matches the path itself or any prefix of it.
 */
export function triggersReplacement(type: string, path: string, replaceOnChanges: readonly string[] = []): boolean {
  const triggers = [...(STATEFUL_TYPES[type]?.replaceOn ?? []), ...ALWAYS_REPLACE_ON, ...replaceOnChanges];
  const normalized = path.replace(/\[\d+\]/g, "");
  return triggers.some((t) => t === "*" || normalized === t || normalized.startsWith(`${t}.`) || normalized.startsWith(`${t}[`));
}
