/** RDS: DB instances (primaries and read replicas), subnet and parameter groups, backup replication. */
import { alnum, arn, hex, uuid } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { reveal } from "../../engine/values";
import { PRICING } from "../prices";
import { TAG_LIMITS, arnInOwnRegion, isArn, nameRule, rangeRule, regionOfArn } from "../rules";
import { api, registry, tf, tfDocs } from "../sources";
import { CreationTime, TypeEntry, none } from "../types";
import { RDS_INSTANCE, RDS_INSTANCE_RULES, RDS_PARAMETER_GROUP, RDS_PARAMETER_GROUP_RULES } from "./rds-rules";

export { RDS_INSTANCE, RDS_PARAMETER_GROUP };
export const RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const RDS_BACKUP_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";

const NOT_DECLARED = none("not declared by the program: add a mock (and its validation) before declaring it");

/**
 * A cross-region read replica starts from a snapshot copied across regions, so it takes longer
 * than one in the same region (the deploy-time estimate weighs it apart).
 */
export const CROSS_REGION_REPLICA_CREATION: CreationTime = {
  seconds: 1500,
  source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html",
};

/** Allocated storage of the RDS instance a replica names by identifier (in-region) or ARN (cross-region). */
function storageOfSource(resources: readonly { type: string; inputs: unknown; outputs: unknown }[], source: string): number | undefined {
  const primary = resources.find((r) => {
    const out = reveal(r.outputs) as Record<string, unknown>;
    return r.type === RDS_INSTANCE && (out.identifier === source || out.arn === source);
  });
  return primary === undefined ? undefined : (reveal(primary.inputs) as Record<string, any>).allocatedStorage;
}

const instance: TypeEntry = {
  type: RDS_INSTANCE,
  mock: (ctx) => {
    const identifier = physicalName(ctx, "identifier").toLowerCase();
    const address = `${identifier}.${alnum(`rds/${ctx.account}/${ctx.region}`, 12, false)}.${ctx.region}.rds.amazonaws.com`;
    const port = ctx.inputs.port ?? 5432;
    const kmsKeyId: string | undefined = ctx.inputs.masterUserSecretKmsKeyId ?? ctx.inputs.kmsKeyId;
    const masterUserSecrets = ctx.inputs.manageMasterUserPassword
      ? [
          {
            // RDS names its managed secrets `rds!db-<uuid>`; Secrets Manager adds a 6-character suffix.
            secretArn: arn(
              "secretsmanager",
              ctx.region,
              `secret:rds!db-${uuid(`${ctx.urn}/uuid`)}-${alnum(ctx.urn + "/secret", 6, false)}`,
              ctx.account,
            ),
            kmsKeyId: kmsKeyId ?? arn("kms", ctx.region, `alias/aws/secretsmanager`, ctx.account),
            secretStatus: "active",
          },
        ]
      : [];
    // A replica keeps replicateSourceDb as given (identifier in-region, ARN cross-region).
    const source: string | undefined = ctx.inputs.replicateSourceDb;
    return {
      id: identifier,
      outputs: {
        identifier,
        arn: arn("rds", ctx.region, `db:${identifier}`, ctx.account),
        address,
        endpoint: `${address}:${port}`,
        port,
        resourceId: `db-${alnum(ctx.urn, 26)}`,
        hostedZoneId: "Z2R2ITUGPM61AM",
        status: "available",
        engine: ctx.inputs.engine ?? "postgres",
        // RDS reports the running minor version; a major-only request runs its latest minor.
        engineVersionActual: /^\d+$/.test(ctx.inputs.engineVersion ?? "")
          ? `${ctx.inputs.engineVersion}.4`
          : (ctx.inputs.engineVersion ?? "16.4"),
        availabilityZone: ctx.inputs.availabilityZone ?? `${ctx.region}a`,
        masterUserSecrets,
        replicas: [],
        ...(source === undefined ? { latestRestorableTime: "2026-11-24T00:00:00Z" } : {}),
        // The provider reports unset string attributes as "" in state, which stack policies read.
        replicateSourceDb: source ?? "",
        listenerEndpoints: [],
        tagsAll: ctx.inputs.tags ?? {},
      },
    };
  },
  mockSources: [registry(RDS_INSTANCE), api("AmazonRDS", "DBInstance")],
  validation: [...RDS_INSTANCE_RULES, TAG_LIMITS],
  // The instance is "creating" until "available"; a Multi-AZ instance with backups on takes 10-20
  // minutes; provider create timeout 40m.
  creation: {
    seconds: 900,
    source: `https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html; ${tfDocs("db_instance")}#timeouts`,
  },
  price: {
    tier: "database",
    sources: [PRICING.rds],
    monthly: ({ inputs, book, plan }) => {
      const cls = String(inputs.instanceClass);
      const hourly = book.rdsPostgresHourly[cls];
      if (hourly === undefined) return { unpriced: `RDS ${cls}` };
      const azs = inputs.multiAz === true ? 2 : 1;
      // A replica sets no storage of its own: it has its source's.
      const source = inputs.replicateSourceDb;
      const gb = Number(inputs.allocatedStorage ?? (typeof source === "string" ? storageOfSource(plan.resources, source) : 0) ?? 0);
      return {
        usd: hourly * azs * book.hoursPerMonth + gb * azs * book.rdsStorageGbMonth,
        item: `${cls}${azs === 2 ? " Multi-AZ" : ""}${source ? " replica" : ""} + ${gb} GB`,
      };
    },
  },
  // `identifier`/`identifierPrefix` are NOT triggers since provider v5.0.0 (PR #31232): a rename is
  // a ModifyDBInstance with NewDBInstanceIdentifier (in place; the endpoint hostname changes).
  replacement: {
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
    sources: [tf("rds/instance.go"), "https://github.com/hashicorp/terraform-provider-aws/pull/31232", registry(RDS_INSTANCE)],
  },
  data: {
    kind: "database",
    protectedInProd: true,
    why: "the database itself; a replica is a copy, but a DR replica is what a failover promotes",
    sources: [
      "policies/rules/resilience/deletion-protection.ts",
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html",
    ],
  },
};

const subnetGroup: TypeEntry = {
  type: RDS_SUBNET_GROUP,
  mock: (ctx) => {
    const name = physicalName(ctx).toLowerCase();
    return {
      id: name,
      outputs: {
        name,
        arn: arn("rds", ctx.region, `subgrp:${name}`, ctx.account),
        vpcId: `vpc-${hex(ctx.urn + "/vpc", 17)}`,
        supportedNetworkTypes: ["IPV4"],
      },
    };
  },
  mockSources: [registry(RDS_SUBNET_GROUP)],
  validation: [
    nameRule({
      property: "name",
      min: 1,
      max: 255,
      pattern: /^[0-9a-z_ .-]+$/,
      forbidden: [[/^default$/i, 'is the reserved name "default"']],
      rule: 'DB subnet group names are 1-255 lowercase letters, digits, spaces, periods, underscores or hyphens, and not "default"',
      sources: [api("AmazonRDS", "CreateDBSubnetGroup"), tf("rds/validate.go")],
    }),
    TAG_LIMITS,
  ],
  creation: { seconds: 5, source: tfDocs("db_subnet_group") },
  price: none(`no charge of its own (${PRICING.rds})`),
  replacement: none("holds no data; its ForceNew properties are not catalogued, so the diff shows its changes as updates"),
  data: none("a list of subnets: recreated from code"),
};

const parameterGroup: TypeEntry = {
  type: RDS_PARAMETER_GROUP,
  mock: (ctx) => {
    const name = physicalName(ctx).toLowerCase();
    return { id: name, outputs: { name, arn: arn("rds", ctx.region, `pg:${name}`, ctx.account) } };
  },
  mockSources: [registry(RDS_PARAMETER_GROUP)],
  validation: [...RDS_PARAMETER_GROUP_RULES, TAG_LIMITS],
  creation: { seconds: 5, source: tfDocs("db_parameter_group") },
  price: none(`no charge of its own (${PRICING.rds})`),
  // ForceNew in the schema: a new family (postgres16 -> postgres17 on a major upgrade) is a new group.
  replacement: {
    replaceOn: ["description", "family", "name", "namePrefix"],
    sources: [tf("rds/parameter_group.go"), registry(RDS_PARAMETER_GROUP)],
  },
  data: none("settings only: recreated from code"),
};

const backupReplication: TypeEntry = {
  type: RDS_BACKUP_REPLICATION,
  mock: (ctx) => {
    // The replicated backups' ARN lives in the destination region, named after the source's resource id.
    const id = arn("rds", ctx.region, `auto-backup:ab-${hex(ctx.urn, 26)}`, ctx.account);
    return { id, outputs: { retentionPeriod: ctx.inputs.retentionPeriod ?? 7 } };
  },
  mockSources: [registry(RDS_BACKUP_REPLICATION)],
  validation: [
    {
      property: "sourceDbInstanceArn",
      rule: "the source is named by ARN and lives in another region than the replicated backups",
      sources: [api("AmazonRDS", "StartDBInstanceAutomatedBackupsReplication")],
      check: (ctx) => {
        const source = ctx.inputs.sourceDbInstanceArn;
        if (typeof source !== "string") return undefined;
        if (!isArn(source)) return `"${source}" is not an ARN`;
        return regionOfArn(source) === ctx.region ? `${source} is in the destination region ${ctx.region}` : undefined;
      },
    },
    arnInOwnRegion("kmsKeyId", "the KMS key encrypting the replicated backups", [
      api("AmazonRDS", "StartDBInstanceAutomatedBackupsReplication"),
    ]),
    rangeRule("retentionPeriod", 1, 35, "a retention in days", [api("AmazonRDS", "StartDBInstanceAutomatedBackupsReplication")]),
  ],
  creation: { seconds: 60, source: `${tfDocs("db_instance_automated_backups_replication")}#timeouts` },
  price: none(`priced with the backups it copies (snapshot storage and cross-region transfer, ${PRICING.rds})`),
  replacement: none("holds no data itself (the replicated backups outlive it only until their retention ends); triggers not catalogued"),
  data: none("the backups it replicates are RDS's; stopping replication keeps them until their retention ends"),
};

const cluster: TypeEntry = {
  type: RDS_CLUSTER,
  mock: NOT_DECLARED,
  mockSources: [registry(RDS_CLUSTER)],
  validation: NOT_DECLARED,
  creation: { seconds: 600, source: `${tfDocs("rds_cluster")}#timeouts` },
  price: NOT_DECLARED,
  replacement: {
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
    sources: [tf("rds/cluster.go"), registry(RDS_CLUSTER)],
  },
  data: {
    kind: "database",
    protectedInProd: true,
    why: "an Aurora cluster's storage is the database",
    sources: ["policies/rules/resilience/deletion-protection.ts"],
  },
};

const clusterInstance: TypeEntry = {
  type: RDS_CLUSTER_INSTANCE,
  mock: NOT_DECLARED,
  mockSources: [registry(RDS_CLUSTER_INSTANCE)],
  validation: NOT_DECLARED,
  creation: { seconds: 600, source: `${tfDocs("rds_cluster_instance")}#timeouts` },
  price: NOT_DECLARED,
  replacement: none("not declared by the program; the data lives in the cluster's storage"),
  data: none("compute of a cluster: the data lives in the cluster's storage"),
};

export const RDS_ENTRIES: readonly TypeEntry[] = [instance, subnetGroup, parameterGroup, backupReplication, cluster, clusterInstance];
