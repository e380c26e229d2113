/**
 * What RDS (or the provider's Check) refuses of a DB instance: identifiers, read-replica parameter
 * combinations, parameter-group family against the engine version, monitoring and windows.
 */
import { InputRule, RegisteredResource, ValidationContext } from "../types";
import { isArn, nameRule, regionOfArn } from "../rules";
import { api, tf, tfDocs, tfInternal } from "../sources";

export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";

const CREATE = api("AmazonRDS", "CreateDBInstance");
const CREATE_REPLICA = api("AmazonRDS", "CreateDBInstanceReadReplica");
const SCHEMA = tf("rds/instance.go");
const VALIDATORS = tf("rds/validate.go");

/** A replica's source as the replica names it: same region by identifier, any region by ARN. */
function sourceOf(ctx: ValidationContext): { found?: RegisteredResource; sameRegion: boolean } | undefined {
  const source = ctx.inputs.replicateSourceDb;
  if (typeof source !== "string" || source === "") return undefined;
  const sourceRegion = isArn(source) ? regionOfArn(source) : ctx.region;
  const found = ctx
    .registered(RDS_INSTANCE)
    .find((r) => (isArn(source) ? r.outputs.arn === source : r.outputs.identifier === source && r.region === ctx.region));
  return { found, sameRegion: sourceRegion === ctx.region };
}

const isReplica = (ctx: ValidationContext) => sourceOf(ctx) !== undefined;

/** The engine version a DB instance runs: its own, or its source's for a replica. */
function engineVersionOf(ctx: ValidationContext): { engine?: string; version?: string } {
  const source = sourceOf(ctx);
  const inputs = source?.found?.inputs ?? (source ? {} : ctx.inputs);
  return { engine: inputs.engine, version: inputs.engineVersion };
}

/** The parameter-group family an engine version needs (postgres 16.4 -> postgres16), where we know it. */
export function expectedFamily(engine: string | undefined, version: string | undefined): string | undefined {
  if (engine === undefined || version === undefined) return undefined;
  if (engine === "postgres") return `postgres${version.split(".")[0]}`;
  if (engine === "mysql") return `mysql${version.split(".").slice(0, 2).join(".")}`;
  return undefined;
}

const replicaConflict = (property: string, why: string, sources: readonly string[]): InputRule => ({
  property,
  rule: why,
  sources,
  check: (ctx) =>
    isReplica(ctx) && ctx.inputs[property] !== undefined ? `set on a read replica (${ctx.inputs.replicateSourceDb})` : undefined,
});

/** hh24:mi-hh24:mi (daily) or ddd:hh24:mi-ddd:hh24:mi (weekly) as minutes of the week. */
function windowMinutes(value: string, weekly: boolean): [number, number] | undefined {
  const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const part = weekly ? "(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):([0-5]\\d)" : "([01]\\d|2[0-3]):([0-5]\\d)";
  const match = new RegExp(`^${part}-${part}$`, "i").exec(value);
  if (!match) return undefined;
  const at = (d: string | undefined, h: string, m: string) => (d ? days.indexOf(d.toLowerCase()) * 1440 : 0) + Number(h) * 60 + Number(m);
  return weekly
    ? [at(match[1], match[2], match[3]), at(match[4], match[5], match[6])]
    : [at(undefined, match[1], match[2]), at(undefined, match[3], match[4])];
}

export const RDS_INSTANCE_RULES: readonly InputRule[] = [
  nameRule({
    property: "identifier",
    min: 1,
    max: 63,
    pattern: /^[a-z][0-9a-z-]*$/,
    forbidden: [
      [/--/, "contains two consecutive hyphens"],
      [/-$/, "ends with a hyphen"],
    ],
    rule: "DB instance identifiers are 1-63 lowercase letters, digits or hyphens, start with a letter, never end with a hyphen or contain two in a row",
    sources: [CREATE, VALIDATORS],
  }),
  {
    property: "finalSnapshotIdentifier",
    rule: "snapshot identifiers are 1-255 letters, digits or hyphens, start with a letter, never end with a hyphen or contain two in a row",
    sources: [SCHEMA, api("AmazonRDS", "DeleteDBInstance")],
    check: (ctx) => {
      const value = ctx.inputs.finalSnapshotIdentifier;
      if (typeof value !== "string") return undefined;
      const ok = value.length <= 255 && /^[A-Za-z][0-9A-Za-z-]*$/.test(value) && !/--|-$/.test(value);
      return ok ? undefined : `"${value}" is not a valid snapshot identifier`;
    },
  },
  {
    property: "kmsKeyId",
    rule: "a same-region read replica always uses its source's key: RDS answers InvalidParameterCombination: Your request does not require the KMS key parameter",
    sources: ["https://github.com/cloudposse/terraform-aws-rds-replica/issues/5", CREATE_REPLICA],
    check: (ctx) =>
      ctx.inputs.kmsKeyId !== undefined && sourceOf(ctx)?.sameRegion
        ? `set on a same-region read replica of ${ctx.inputs.replicateSourceDb}`
        : undefined,
  },
  {
    property: "kmsKeyId",
    rule: "an encrypted source's cross-region read replica needs a KMS key of its own region: RDS answers InvalidParameterCombination: Cannot create a cross region unencrypted read replica from encrypted source",
    sources: ["https://github.com/terraform-aws-modules/terraform-aws-rds/pull/428", CREATE_REPLICA],
    check: (ctx) => {
      const source = sourceOf(ctx);
      if (!source || source.sameRegion || !source.found || ctx.inputs.kmsKeyId !== undefined) return undefined;
      const encrypted = source.found.inputs.storageEncrypted === true || source.found.inputs.kmsKeyId !== undefined;
      return encrypted ? `unset on a cross-region replica of the encrypted ${ctx.inputs.replicateSourceDb}` : undefined;
    },
  },
  ...["kmsKeyId", "performanceInsightsKmsKeyId", "masterUserSecretKmsKeyId"].map((property): InputRule => ({
    property,
    rule: "KMS keys are regional: a DB instance can only use a key of its own region",
    sources: [CREATE, CREATE_REPLICA],
    check: (ctx) => {
      const region = regionOfArn(ctx.inputs[property]);
      return region !== undefined && region !== ctx.region
        ? `${ctx.inputs[property]} is in ${region}, the instance in ${ctx.region}`
        : undefined;
    },
  })),
  {
    property: "replicateSourceDb",
    rule: "an identifier only names a DB instance of the replica's own region; a source in another region must be given by its ARN",
    sources: [CREATE_REPLICA, `${tfDocs("db_instance")}#replicate_source_db-1`],
    check: (ctx) => {
      const source = ctx.inputs.replicateSourceDb;
      if (typeof source !== "string" || isArn(source)) return undefined;
      const here = ctx.registered(RDS_INSTANCE).some((r) => r.outputs.identifier === source && r.region === ctx.region);
      const elsewhere = ctx.registered(RDS_INSTANCE).find((r) => r.outputs.identifier === source && r.region !== ctx.region);
      return !here && elsewhere ? `"${source}" is an instance of ${elsewhere.region}, named by identifier from ${ctx.region}` : undefined;
    },
  },
  {
    property: "dbSubnetGroupName",
    rule: "a same-region read replica given a DB subnet group must name its source by ARN, not identifier",
    sources: [`${tfDocs("db_instance")}#replicate_source_db-1`, CREATE_REPLICA],
    check: (ctx) => {
      const source = ctx.inputs.replicateSourceDb;
      return typeof source === "string" && !isArn(source) && ctx.inputs.dbSubnetGroupName !== undefined
        ? `set on a replica that names its source by identifier (${source})`
        : undefined;
    },
  },
  {
    property: "replicateSourceDb",
    rule: "a read replica needs its source to keep automated backups (backupRetentionPeriod of at least 1)",
    sources: [CREATE_REPLICA, "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Create.html"],
    check: (ctx) => {
      const found = sourceOf(ctx)?.found;
      return found && found.inputs.backupRetentionPeriod === 0 ? `source ${found.name} keeps no automated backups` : undefined;
    },
  },
  replicaConflict("username", "a read replica inherits the master user: the provider refuses username with replicateSourceDb", [SCHEMA]),
  replicaConflict("engine", "a read replica runs its source's engine: the provider refuses engine with replicateSourceDb", [SCHEMA]),
  replicaConflict("engineVersion", "a read replica runs its source's version: the provider refuses engineVersion with replicateSourceDb", [
    SCHEMA,
  ]),
  replicaConflict("dbName", "a read replica holds its source's databases: the provider refuses dbName with replicateSourceDb", [SCHEMA]),
  replicaConflict(
    "password",
    "RDS answers InvalidParameterCombination: Cannot change master user password on an RDS postgres Read Replica because it uses physical replication",
    ["https://github.com/terraform-aws-modules/terraform-aws-rds/issues/526"],
  ),
  {
    property: "manageMasterUserPassword",
    rule: "RDS answers InvalidParameterValue: ManageMasterUserPassword isn't supported for read replica (the replica shares its source's credentials)",
    sources: ["https://github.com/hashicorp/terraform-provider-aws/issues/40188", CREATE_REPLICA],
    check: (ctx) => (isReplica(ctx) && ctx.inputs.manageMasterUserPassword === true ? "true on a read replica" : undefined),
  },
  {
    property: "engine",
    rule: "a DB instance that is not a replica or a restore needs engine, allocatedStorage, username and a password (or manageMasterUserPassword)",
    sources: [SCHEMA, CREATE],
    check: (ctx) => {
      if (isReplica(ctx) || ctx.inputs.snapshotIdentifier !== undefined || ctx.inputs.restoreToPointInTime !== undefined) return undefined;
      const missing = ["engine", "allocatedStorage", "username"].filter((k) => ctx.inputs[k] === undefined);
      if (ctx.inputs.password === undefined && ctx.inputs.manageMasterUserPassword !== true)
        missing.push("password or manageMasterUserPassword");
      return missing.length > 0 ? `missing ${missing.join(", ")}` : undefined;
    },
  },
  {
    property: "parameterGroupName",
    rule: "the DB parameter group's family must match the instance's engine and major version (postgres16 for PostgreSQL 16)",
    sources: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html", CREATE],
    check: (ctx) => {
      const name = ctx.inputs.parameterGroupName;
      const group = ctx.registered(RDS_PARAMETER_GROUP).find((g) => g.outputs.name === name && g.region === ctx.region);
      const { engine, version } = engineVersionOf(ctx);
      const expected = expectedFamily(engine, version);
      return group && expected && group.inputs.family !== expected
        ? `"${name}" is of family ${group.inputs.family}; ${engine} ${version} needs ${expected}`
        : undefined;
    },
  },
  {
    property: "monitoringInterval",
    rule: "0, 1, 5, 10, 15, 30 or 60 seconds; a non-zero interval needs monitoringRoleArn",
    sources: [CREATE],
    check: (ctx) => {
      const interval = ctx.inputs.monitoringInterval;
      if (interval === undefined) return undefined;
      if (![0, 1, 5, 10, 15, 30, 60].includes(interval)) return `${interval} is not an allowed interval`;
      return interval > 0 && ctx.inputs.monitoringRoleArn === undefined ? `${interval} without monitoringRoleArn` : undefined;
    },
  },
  {
    property: "performanceInsightsRetentionPeriod",
    rule: "7 days, a multiple of 31 days up to 713, or 731 days",
    sources: [CREATE],
    check: (ctx) => {
      const days = ctx.inputs.performanceInsightsRetentionPeriod;
      if (days === undefined) return undefined;
      return days === 7 || days === 731 || (days % 31 === 0 && days >= 31 && days <= 713) ? undefined : `${days} days`;
    },
  },
  {
    property: "backupWindow",
    rule: "backupWindow is hh24:mi-hh24:mi (UTC) of at least 30 minutes, maintenanceWindow ddd:hh24:mi-ddd:hh24:mi of at least 30 minutes, and the two must not overlap",
    sources: [CREATE, tfInternal("verify/validate.go")],
    check: (ctx) => {
      const backup = ctx.inputs.backupWindow;
      const maintenance = ctx.inputs.maintenanceWindow;
      const problems: string[] = [];
      const b = typeof backup === "string" ? windowMinutes(backup, false) : undefined;
      const m = typeof maintenance === "string" ? windowMinutes(maintenance, true) : undefined;
      if (typeof backup === "string" && !b) problems.push(`backupWindow "${backup}" is not hh24:mi-hh24:mi`);
      if (typeof maintenance === "string" && !m) problems.push(`maintenanceWindow "${maintenance}" is not ddd:hh24:mi-ddd:hh24:mi`);
      const length = ([from, to]: [number, number], period: number) => (to - from + period) % period;
      if (b && length(b, 1440) < 30) problems.push(`backupWindow "${backup}" is shorter than 30 minutes`);
      if (m && length(m, 10080) < 30) problems.push(`maintenanceWindow "${maintenance}" is shorter than 30 minutes`);
      if (b && m) {
        // The daily window recurs every day of the week: compare it with the weekly one on each day.
        const daily = Array.from({ length: 7 }, (_, d) => [b[0] + d * 1440, b[0] + d * 1440 + length(b, 1440)]);
        const weekly = [m[0], m[0] + length(m, 10080)];
        const overlaps = daily.some(([s, e]) => [0, 10080, -10080].some((shift) => s + shift < weekly[1] && weekly[0] < e + shift));
        if (overlaps) problems.push(`backupWindow "${backup}" overlaps maintenanceWindow "${maintenance}"`);
      }
      return problems;
    },
  },
  {
    property: "allocatedStorage",
    rule: "gp3 storage is 20-65536 GiB for PostgreSQL",
    sources: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html", CREATE],
    check: (ctx) => {
      const gib = ctx.inputs.allocatedStorage;
      return ctx.inputs.storageType === "gp3" && typeof gib === "number" && (gib < 20 || gib > 65536) ? `${gib} GiB of gp3` : undefined;
    },
  },
];

export const RDS_PARAMETER_GROUP_RULES: readonly InputRule[] = [
  nameRule({
    property: "name",
    min: 1,
    max: 255,
    pattern: /^[a-z][0-9a-z.-]*$/,
    forbidden: [
      [/--/, "contains two consecutive hyphens"],
      [/-$/, "ends with a hyphen"],
    ],
    rule: "DB parameter group names are 1-255 lowercase letters, digits, periods or hyphens, start with a letter, never end with a hyphen or contain two in a row",
    sources: [api("AmazonRDS", "CreateDBParameterGroup"), VALIDATORS],
  }),
  {
    property: "family",
    rule: "a DB parameter group family RDS offers: engine plus major version (postgres11-postgres17, mysql5.7/8.0/8.4, ...)",
    sources: [
      api("AmazonRDS", "CreateDBParameterGroup"),
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html",
    ],
    check: (ctx) => {
      const family = ctx.inputs.family;
      const known = /^(postgres(1[1-8])|mysql(5\.7|8\.0|8\.4)|mariadb1[01]\.\d+|aurora-postgresql1[1-7]|aurora-mysql(5\.7|8\.0))$/;
      return typeof family === "string" && !known.test(family) ? `"${family}" is not a family RDS offers` : undefined;
    },
  },
];
