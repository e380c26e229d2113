/** ElastiCache (Valkey / Redis OSS): replication groups, subnet and parameter groups. */
import { alnum, arn, hex } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { PRICING } from "../prices";
import { TAG_LIMITS, arnInOwnRegion, nameRule, rangeRule } from "../rules";
import { PULUMI_AWS_AUTONAMING, api, registry, tf, tfDocs } from "../sources";
import { InputRule, ReplaceRule, TypeEntry, ValidationContext, none } from "../types";

export const CACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const CACHE_SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";
export const CACHE_PARAMETER_GROUP = "aws:elasticache/parameterGroup:ParameterGroup";
export const CACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
export const CACHE_SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";
export const CACHE_GLOBAL_GROUP = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";

const CREATE = api("AmazonElastiCache", "CreateReplicationGroup");
const SCHEMA = tf("elasticache/replication_group.go");
const VERSIONS_PAGE = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html";
const NOT_DECLARED = none("not declared by the program: add a mock (and its validation) before declaring it");
const NO_TRIGGERS = none("holds no data; its ForceNew properties are not catalogued, so the diff shows its changes as updates");

/** Engine versions ElastiCache offers for new replication groups (AWS's engine versions page). */
export const CACHE_ENGINE_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  valkey: ["7.2", "8.0", "8.1"],
  redis: ["4.0.10", "5.0.6", "6.0", "6.2", "6.x", "7.0", "7.1"],
};

/** The parameter-group family of an engine version: valkey 8.0 -> valkey8, redis 6.2 -> redis6.x, redis 5.0.6 -> redis5.0. */
export function cacheFamilyOf(engine: string, version: string): string | undefined {
  const [major, minor] = version.split(".");
  if (engine === "valkey") return `valkey${major}`;
  if (engine !== "redis") return undefined;
  if (Number(major) >= 7) return `redis${major}`;
  if (major === "6") return "redis6.x";
  return `redis${major}.${minor}`;
}

/** AWS's short region code in ElastiCache host names: us-east-1 -> use1, ap-southeast-2 -> apse2. */
export function shortRegion(region: string): string {
  const [area, direction, number] = region.split("-");
  const codes: Record<string, string> = {
    north: "n",
    south: "s",
    east: "e",
    west: "w",
    central: "c",
    northeast: "ne",
    northwest: "nw",
    southeast: "se",
    southwest: "sw",
  };
  return `${area}${codes[direction] ?? direction}${number}`;
}

const versionBelow = (a: unknown, b: string): boolean => {
  const parse = (v: unknown) => (typeof v === "string" && /^\d+(\.\d+)*$/.test(v) ? v.split(".").map(Number) : undefined);
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return false;
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
};

/** elasticache/engine_version.go: `customizeDiffEngineVersionForceNewOnDowngrade`. */
const ENGINE_VERSION_DOWNGRADE: ReplaceRule = ({ before, after }) => typeof before === "string" && versionBelow(after, before);

const rule = (
  property: string,
  text: string,
  sources: readonly string[],
  check: (ctx: ValidationContext) => string | undefined,
): InputRule => ({
  property,
  rule: text,
  sources,
  check,
});

const REPLICATION_GROUP_RULES: readonly InputRule[] = [
  nameRule({
    property: "replicationGroupId",
    min: 1,
    max: 40,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*$/,
    forbidden: [
      [/--/, "contains two consecutive hyphens"],
      [/-$/, "ends with a hyphen"],
    ],
    rule: "replication group ids are 1-40 letters, digits or hyphens, start with a letter, never end with a hyphen or contain two in a row (auto-names are capped at 40)",
    sources: [CREATE, PULUMI_AWS_AUTONAMING],
  }),
  rule("engine", "valkey or redis (memcached has no replication groups)", [SCHEMA], (ctx) => {
    const engine = ctx.inputs.engine;
    return engine !== undefined && !["valkey", "redis"].includes(engine) ? `"${engine}"` : undefined;
  }),
  rule("engineVersion", "a version ElastiCache offers for the engine", [VERSIONS_PAGE, SCHEMA], (ctx) => {
    const { engine = "redis", engineVersion } = ctx.inputs;
    const offered = CACHE_ENGINE_VERSIONS[engine];
    return engineVersion !== undefined && offered && !offered.includes(engineVersion)
      ? `${engine} ${engineVersion} is not offered (${offered.join(", ")})`
      : undefined;
  }),
  rule(
    "parameterGroupName",
    "the parameter group's family must match the engine and version (valkey8 for Valkey 8.x, redis7 for Redis OSS 7.x)",
    ["https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html", CREATE],
    (ctx) => {
      const { engine = "redis", engineVersion, parameterGroupName } = ctx.inputs;
      const group = ctx.registered(CACHE_PARAMETER_GROUP).find((g) => g.outputs.name === parameterGroupName && g.region === ctx.region);
      const expected = typeof engineVersion === "string" ? cacheFamilyOf(engine, engineVersion) : undefined;
      return group && expected && group.inputs.family !== expected
        ? `"${parameterGroupName}" is of family ${group.inputs.family}; ${engine} ${engineVersion} needs ${expected}`
        : undefined;
    },
  ),
  rule(
    "authToken",
    '16-128 printable characters; besides letters and digits only ! & # $ ^ < > - (no @, " or /)',
    [CREATE, tf("elasticache/validate.go")],
    (ctx) => {
      const token = ctx.inputs.authToken;
      if (typeof token !== "string") return undefined;
      return token.length < 16 || token.length > 128 || !/^[A-Za-z0-9!&#$^<>-]+$/.test(token)
        ? `a token of ${token.length} characters outside the rule`
        : undefined;
    },
  ),
  rule("authToken", "an AUTH token can only be set with transitEncryptionEnabled", [CREATE], (ctx) =>
    ctx.inputs.authToken !== undefined && ctx.inputs.transitEncryptionEnabled !== true
      ? "set without transitEncryptionEnabled: true"
      : undefined,
  ),
  rule(
    "transitEncryptionMode",
    'needs transitEncryptionEnabled, and Valkey or Redis OSS 7.0.5 or later ("Transit encryption mode is not supported for engine version 6.2.6")',
    [CREATE, registry(CACHE_REPLICATION_GROUP)],
    (ctx) => {
      const { transitEncryptionMode, transitEncryptionEnabled, engine = "redis", engineVersion } = ctx.inputs;
      if (transitEncryptionMode === undefined) return undefined;
      if (transitEncryptionEnabled !== true) return "set without transitEncryptionEnabled: true";
      return engine === "redis" && versionBelow(engineVersion, "7.0.5") && !/^7\./.test(String(engineVersion))
        ? `set for redis ${engineVersion}`
        : undefined;
    },
  ),
  rule("multiAzEnabled", "Multi-AZ needs automatic failover, and automatic failover at least 2 nodes", [SCHEMA, CREATE], (ctx) => {
    const { multiAzEnabled, automaticFailoverEnabled, numCacheClusters } = ctx.inputs;
    if (multiAzEnabled === true && automaticFailoverEnabled !== true) return "true without automaticFailoverEnabled";
    return automaticFailoverEnabled === true && typeof numCacheClusters === "number" && numCacheClusters < 2
      ? `automatic failover with ${numCacheClusters} node`
      : undefined;
  }),
  rangeRule("numCacheClusters", 1, 6, "nodes (primary and replicas)", [CREATE]),
  rule("preferredCacheClusterAzs", "one AZ per node, in the group's region", [CREATE], (ctx) => {
    const azs = ctx.inputs.preferredCacheClusterAzs;
    if (!Array.isArray(azs)) return undefined;
    const n = ctx.inputs.numCacheClusters ?? 1;
    if (azs.length !== n) return `${azs.length} AZs for ${n} nodes`;
    const foreign = azs.filter((az: unknown) => typeof az === "string" && !az.startsWith(ctx.region));
    return foreign.length > 0 ? `${foreign.join(", ")} outside ${ctx.region}` : undefined;
  }),
  rangeRule("snapshotRetentionLimit", 0, 35, "daily snapshots kept", [SCHEMA]),
  rule("kmsKeyId", "a customer key needs atRestEncryptionEnabled", [CREATE], (ctx) =>
    ctx.inputs.kmsKeyId !== undefined && ctx.inputs.atRestEncryptionEnabled !== true
      ? "set without atRestEncryptionEnabled: true"
      : undefined,
  ),
  arnInOwnRegion("kmsKeyId", "the KMS key encrypting the cache", [CREATE]),
  rule(
    "finalSnapshotIdentifier",
    "snapshot names are letters, digits and hyphens, start with a letter, never end with a hyphen or contain two in a row",
    [api("AmazonElastiCache", "DeleteReplicationGroup")],
    (ctx) => {
      const name = ctx.inputs.finalSnapshotIdentifier;
      return typeof name === "string" && !(/^[A-Za-z][A-Za-z0-9-]*$/.test(name) && !/--|-$/.test(name)) ? `"${name}"` : undefined;
    },
  ),
  TAG_LIMITS,
];

const replicationGroup: TypeEntry = {
  type: CACHE_REPLICATION_GROUP,
  mock: (ctx) => {
    const id = physicalName(ctx, "replicationGroupId").toLowerCase();
    const host = `${id}.${alnum(`cache/${ctx.account}/${ctx.region}`, 6, false)}.${shortRegion(ctx.region)}.cache.amazonaws.com`;
    const nodes = Number(ctx.inputs.numCacheClusters ?? 1);
    return {
      id,
      outputs: {
        replicationGroupId: id,
        arn: arn("elasticache", ctx.region, `replicationgroup:${id}`, ctx.account),
        primaryEndpointAddress: `master.${host}`,
        readerEndpointAddress: `replica.${host}`,
        configurationEndpointAddress: "",
        globalReplicationGroupId: ctx.inputs.globalReplicationGroupId ?? "",
        port: ctx.inputs.port ?? 6379,
        memberClusters: Array.from({ length: nodes }, (_, i) => `${id}-${String(i + 1).padStart(3, "0")}`),
        clusterEnabled: false,
        engineVersionActual: `${ctx.inputs.engineVersion ?? "8.0"}.1`,
        tagsAll: ctx.inputs.tags ?? {},
      },
    };
  },
  mockSources: [registry(CACHE_REPLICATION_GROUP), "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Endpoints.html"],
  validation: REPLICATION_GROUP_RULES,
  // "creating" for roughly 10-15 minutes; provider create timeout 60m.
  creation: {
    seconds: 720,
    source: `https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.Create.html; ${tfDocs("elasticache_replication_group")}#timeouts`,
  },
  price: {
    tier: "cache",
    sources: [PRICING.elasticache],
    monthly: ({ inputs, book }) => {
      const type = String(inputs.nodeType);
      const redis = book.elasticacheRedisHourly[type];
      if (redis === undefined) return { unpriced: `ElastiCache ${type}` };
      const hourly = inputs.engine === "valkey" ? redis * (1 - book.valkeyDiscount) : redis;
      const n = Number(inputs.numCacheClusters ?? 1);
      return { usd: n * hourly * book.hoursPerMonth, item: `${n}x ${type} (${inputs.engine ?? "redis"})` };
    },
  },
  // `preferredCacheClusterAzs` is updatable (not ForceNew); `securityGroupNames` is ForceNew.
  replacement: {
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
    sources: [SCHEMA, registry(CACHE_REPLICATION_GROUP)],
  },
  data: {
    kind: "cache",
    protectedInProd: true,
    why: "a cache refills from the database, but sessions and queued state in it do not",
    sources: ["policies/rules/resilience/deletion-protection.ts"],
  },
};

const subnetGroup: TypeEntry = {
  type: CACHE_SUBNET_GROUP,
  mock: (ctx) => {
    const name = physicalName(ctx).toLowerCase();
    return {
      id: name,
      outputs: { name, arn: arn("elasticache", ctx.region, `subnetgroup:${name}`, ctx.account), vpcId: `vpc-${hex(ctx.urn + "/vpc", 17)}` },
    };
  },
  mockSources: [registry(CACHE_SUBNET_GROUP)],
  validation: [
    nameRule({
      property: "name",
      min: 1,
      max: 255,
      pattern: /^[a-zA-Z0-9-]+$/,
      rule: "cache subnet group names are at most 255 letters, digits or hyphens (stored lowercase)",
      sources: [api("AmazonElastiCache", "CreateCacheSubnetGroup")],
    }),
    TAG_LIMITS,
  ],
  creation: { seconds: 5, source: tfDocs("elasticache_subnet_group") },
  price: none(`no charge of its own (${PRICING.elasticache})`),
  replacement: NO_TRIGGERS,
  data: none("a list of subnets: recreated from code"),
};

const parameterGroup: TypeEntry = {
  type: CACHE_PARAMETER_GROUP,
  mock: (ctx) => {
    const name = physicalName(ctx).toLowerCase();
    return { id: name, outputs: { name, arn: arn("elasticache", ctx.region, `parametergroup:${name}`, ctx.account) } };
  },
  mockSources: [registry(CACHE_PARAMETER_GROUP)],
  validation: [
    nameRule({
      property: "name",
      min: 1,
      max: 255,
      pattern: /^[a-zA-Z][a-zA-Z0-9-]*$/,
      forbidden: [
        [/--/, "contains two consecutive hyphens"],
        [/-$/, "ends with a hyphen"],
      ],
      rule: "cache parameter group names are 1-255 letters, digits or hyphens, start with a letter, never end with a hyphen or contain two in a row",
      sources: [api("AmazonElastiCache", "CreateCacheParameterGroup")],
    }),
    rule(
      "family",
      "a family ElastiCache offers: valkey7, valkey8, redis7, redis6.x, redis5.0, redis4.0, memcached1.6",
      [
        api("AmazonElastiCache", "CreateCacheParameterGroup"),
        "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html",
      ],
      (ctx) => {
        const family = ctx.inputs.family;
        return typeof family === "string" && !/^(valkey[78]|redis7|redis6\.x|redis5\.0|redis4\.0|memcached1\.[46])$/.test(family)
          ? `"${family}"`
          : undefined;
      },
    ),
    TAG_LIMITS,
  ],
  creation: { seconds: 5, source: tfDocs("elasticache_parameter_group") },
  price: none(`no charge of its own (${PRICING.elasticache})`),
  // All three ForceNew in the schema: a new family (valkey8 -> redis7 on an engine switch) is a new group.
  replacement: {
    replaceOn: ["description", "family", "name"],
    sources: [tf("elasticache/parameter_group.go"), registry(CACHE_PARAMETER_GROUP)],
  },
  data: none("settings only: recreated from code"),
};

const notDeclared = (
  type: string,
  creation: number,
  doc: string,
  replaceOn: readonly string[],
  replaceIf?: Record<string, ReplaceRule>,
): TypeEntry => ({
  type,
  mock: NOT_DECLARED,
  mockSources: [registry(type)],
  validation: NOT_DECLARED,
  creation: { seconds: creation, source: `${tfDocs(doc)}#timeouts` },
  price: NOT_DECLARED,
  replacement:
    replaceOn.length > 0
      ? { replaceOn, replaceIf, sources: [tf(`elasticache/${doc.replace("elasticache_", "")}.go`), registry(type)] }
      : NO_TRIGGERS,
  data: {
    kind: "cache",
    protectedInProd: type === CACHE_GLOBAL_GROUP,
    why: "cache contents",
    sources: ["policies/rules/resilience/deletion-protection.ts"],
  },
});

export const ELASTICACHE_ENTRIES: readonly TypeEntry[] = [
  replicationGroup,
  subnetGroup,
  parameterGroup,
  notDeclared(
    CACHE_CLUSTER,
    600,
    "elasticache_cluster",
    [
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
    {
      engineVersion: ENGINE_VERSION_DOWNGRADE,
      // clusterForceNewOnMemcachedNodeTypeChange
      nodeType: ({ inputsAfter }) => inputsAfter?.engine === "memcached",
    },
  ),
  notDeclared(CACHE_SERVERLESS, 300, "elasticache_serverless_cache", [
    "engine",
    "kmsKeyId",
    "majorEngineVersion",
    "name",
    "snapshotArnsToRestores",
    "subnetIds",
  ]),
  notDeclared(CACHE_GLOBAL_GROUP, 600, "elasticache_global_replication_group", [
    "globalReplicationGroupIdSuffix",
    "primaryReplicationGroupId",
  ]),
];
