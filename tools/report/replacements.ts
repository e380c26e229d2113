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
  /** Input property paths (Pulumi names) whose change always forces a replacement (`ForceNew`). */
  readonly replaceOn: readonly string[];
  /**
   * Paths whose change forces a replacement only in some directions: the provider's CustomizeDiff
   * `ForceNewIf` rules (engine downgrades, removing envelope encryption). Matched on the exact path.
   */
  readonly replaceIf?: Readonly<Record<string, ReplaceRule>>;
  readonly sources: readonly string[];
}

/** One property change with both sides' top-level inputs, for rules that look at siblings. */
export interface ChangeContext {
  readonly before: unknown;
  readonly after: unknown;
  readonly inputsBefore?: Readonly<Record<string, unknown>>;
  readonly inputsAfter?: Readonly<Record<string, unknown>>;
}

export type ReplaceRule = (change: ChangeContext) => boolean;

const TF = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service";
const REGISTRY = "https://www.pulumi.com/registry/packages/aws/api-docs";

/** `a < b` for dotted numeric versions; false when either is not numeric (e.g. `7.x`). */
function versionBelow(a: unknown, b: unknown): boolean {
  const parse = (v: unknown) => (typeof v === "string" && /^\d+(\.\d+)*$/.test(v) ? v.split(".").map(Number) : undefined);
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return false;
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}

/** elasticache/engine_version.go: `customizeDiffEngineVersionForceNewOnDowngrade`. */
const ENGINE_VERSION_DOWNGRADE: ReplaceRule = ({ before, after }) => versionBelow(after, before);

/*
 * Each list was read from the resource's schema in hashicorp/terraform-provider-aws (`ForceNew: true`,
 * framework `RequiresReplace`, CustomizeDiff `ForceNewIf`), v5/v6 sources read 2026-11; the first
 * `sources` entry is that file. A nested path (`a.b`) is used where only a sub-field is ForceNew.
 */
export const STATEFUL_TYPES: Readonly<Record<string, StatefulType>> = {
  // `identifier`/`identifierPrefix` are NOT triggers since provider v5.0.0 (PR #31232): a rename is
  // a ModifyDBInstance with NewDBInstanceIdentifier (in place; the endpoint hostname changes).
  "aws:rds/instance:Instance": {
    kind: "database",
    replaceOn: [
      "availabilityZone",
      "backupTarget",
      "characterSetName",
      "customIamInstanceProfile",
      "dbName",
      "engine",
      "kmsKeyId",
      "ncharCharacterSetName",
      "restoreToPointInTime",
      "s3Import",
      "snapshotIdentifier",
      "storageEncrypted",
      "timezone",
      "username",
    ],
    sources: [`${TF}/rds/instance.go`, "https://github.com/hashicorp/terraform-provider-aws/pull/31232", `${REGISTRY}/rds/instance/`],
  },
  "aws:rds/cluster:Cluster": {
    kind: "database",
    replaceOn: [
      "availabilityZones",
      "clusterIdentifier",
      "clusterIdentifierPrefix",
      "databaseName",
      "dbSubnetGroupName",
      "dbSystemId",
      "engine",
      "engineMode",
      "kmsKeyId",
      "masterUsername",
      "restoreToPointInTime",
      "s3Import",
      "snapshotIdentifier",
      "sourceRegion",
      "storageEncrypted",
    ],
    sources: [`${TF}/rds/cluster.go`, `${REGISTRY}/rds/cluster/`],
  },
  // `preferredCacheClusterAzs` is updatable (not ForceNew); `securityGroupNames` is ForceNew.
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    kind: "cache",
    replaceOn: [
      "atRestEncryptionEnabled",
      "dataTieringEnabled",
      "globalReplicationGroupId",
      "kmsKeyId",
      "networkType",
      // ForceNewIf on a significant change of an explicitly configured set.
      "nodeGroupConfigurations",
      "port",
      "replicationGroupId",
      "securityGroupNames",
      "snapshotArns",
      "snapshotName",
      "subnetGroupName",
    ],
    replaceIf: {
      engineVersion: ENGINE_VERSION_DOWNGRADE,
      // customizeDiffEngineForceNewOnDowngrade: any engine change except redis -> valkey (outside a global group).
      engine: ({ before, after, inputsAfter }) =>
        !inputsAfter?.globalReplicationGroupId && before !== undefined && !(before === "redis" && after === "valkey"),
      // Registry docs: "Changing this argument with an engineVersion < 7.0.5 will force a replacement."
      transitEncryptionEnabled: ({ inputsAfter }) => versionBelow(inputsAfter?.engineVersion, "7.0.5"),
    },
    sources: [`${TF}/elasticache/replication_group.go`, `${REGISTRY}/elasticache/replicationgroup/`],
  },
  "aws:elasticache/cluster:Cluster": {
    kind: "cache",
    replaceOn: [
      "availabilityZone",
      "clusterId",
      "engine",
      "networkType",
      "outpostMode",
      "port",
      "preferredOutpostArn",
      "replicationGroupId",
      "snapshotArns",
      "snapshotName",
      "subnetGroupName",
      "transitEncryptionEnabled",
    ],
    replaceIf: {
      engineVersion: ENGINE_VERSION_DOWNGRADE,
      // clusterForceNewOnMemcachedNodeTypeChange
      nodeType: ({ inputsAfter }) => inputsAfter?.engine === "memcached",
    },
    sources: [`${TF}/elasticache/cluster.go`, `${REGISTRY}/elasticache/cluster/`],
  },
  "aws:elasticache/serverlessCache:ServerlessCache": {
    kind: "cache",
    replaceOn: ["engine", "kmsKeyId", "majorEngineVersion", "name", "snapshotArnsToRestores", "subnetIds"],
    sources: [`${TF}/elasticache/serverless_cache.go`, `${REGISTRY}/elasticache/serverlesscache/`],
  },
  "aws:sqs/queue:Queue": {
    kind: "queue",
    replaceOn: ["fifoQueue", "name", "namePrefix"],
    sources: [`${TF}/sqs/queue.go`, `${REGISTRY}/sqs/queue/`],
  },
  "aws:kms/key:Key": {
    kind: "key",
    replaceOn: ["customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId"],
    sources: [`${TF}/kms/key.go`, `${REGISTRY}/kms/key/`],
  },
  "aws:ec2/vpc:Vpc": {
    kind: "network",
    replaceOn: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
    sources: [`${TF}/ec2/vpc_.go`, `${REGISTRY}/ec2/vpc/`],
  },
  // A remote component: its VPC takes cidrBlock/IPAM args (ForceNew there), and the AZ and subnet
  // args derive each subnet's `cidrBlock`/`availabilityZone`, both ForceNew on aws_subnet.
  "awsx:ec2:Vpc": {
    kind: "network",
    replaceOn: [
      "availabilityZoneCidrMask",
      "availabilityZoneNames",
      "cidrBlock",
      "ipv4IpamPoolId",
      "ipv4NetmaskLength",
      "numberOfAvailabilityZones",
      "subnetSpecs",
      "subnetStrategy",
    ],
    sources: [`${TF}/ec2/vpc_.go`, `${TF}/ec2/vpc_subnet.go`, "https://www.pulumi.com/registry/packages/awsx/api-docs/ec2/vpc/"],
  },
  // Only two `kubernetesNetworkConfig` fields are ForceNew (`elasticLoadBalancing` is updatable).
  "aws:eks/cluster:Cluster": {
    kind: "cluster",
    replaceOn: [
      "accessConfig.bootstrapClusterCreatorAdminPermissions",
      "bootstrapSelfManagedAddons",
      "kubernetesNetworkConfig.ipFamily",
      "kubernetesNetworkConfig.serviceIpv4Cidr",
      "name",
      "outpostConfig.controlPlaneInstanceType",
      "outpostConfig.controlPlanePlacement",
      "remoteNetworkConfig",
      "roleArn",
    ],
    replaceIf: {
      // "You cannot disable envelope encryption after enabling it": removing the block replaces.
      encryptionConfig: ({ before, after }) => before !== undefined && before !== null && (after === undefined || after === null),
      // Auto Mode: changing an existing node role replaces; adding one does not.
      "computeConfig.nodeRoleArn": ({ before, after }) => typeof before === "string" && before !== "" && before !== after,
    },
    sources: [`${TF}/eks/cluster.go`, `${REGISTRY}/eks/cluster/`],
  },
  // No data, but a replacement drains and relaunches every node of the group.
  "aws:eks/nodeGroup:NodeGroup": {
    kind: "cluster",
    replaceOn: [
      "amiType",
      "capacityType",
      "clusterName",
      "diskSize",
      "instanceTypes",
      "launchTemplate.id",
      "launchTemplate.name",
      "nodeGroupName",
      "nodeGroupNamePrefix",
      "nodeRoleArn",
      "remoteAccess",
      "subnetIds",
    ],
    sources: [`${TF}/eks/node_group.go`, `${REGISTRY}/eks/nodegroup/`],
  },
  "aws:s3/bucket:Bucket": {
    kind: "storage",
    replaceOn: ["bucket", "bucketPrefix", "objectLockEnabled", "objectLockConfiguration.objectLockEnabled"],
    sources: [`${TF}/s3/bucket.go`, `${REGISTRY}/s3/bucket/`],
  },
  "aws:dynamodb/table:Table": {
    kind: "database",
    replaceOn: [
      "hashKey",
      "importTable",
      "localSecondaryIndexes",
      "name",
      "rangeKey",
      "restoreDateTime",
      "restoreSourceName",
      "restoreSourceTableArn",
      "restoreToLatestTime",
    ],
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
 * replacement? A trigger matches the path itself or any prefix of it; a conditional rule
 * (`replaceIf`) matches the exact path and is evaluated when the change is given.
 */
export function triggersReplacement(type: string, path: string, replaceOnChanges: readonly string[] = [], change?: ChangeContext): boolean {
  const triggers = [...(STATEFUL_TYPES[type]?.replaceOn ?? []), ...ALWAYS_REPLACE_ON, ...replaceOnChanges];
  const normalized = path.replace(/\[\d+\]/g, "");
  if (triggers.some((t) => t === "*" || normalized === t || normalized.startsWith(`${t}.`) || normalized.startsWith(`${t}[`))) return true;
  const rule = STATEFUL_TYPES[type]?.replaceIf?.[normalized];
  return rule !== undefined && change !== undefined && rule(change);
}
