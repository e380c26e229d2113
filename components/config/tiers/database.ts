import { z } from "zod";
import { Environment, IssueReporter, describe, intBetween, nonEmptyString, oneOf, flag } from "./common";
import { RDS_MAINTENANCE_WINDOW } from "../../database/postgres-settings";
import { overlaps, parseDailyWindow, weeklyWindowTimes } from "../../recovery/windows";

/** RDS allows at most 15 read replicas per PostgreSQL source, in-region and cross-region together. */
export const MAX_READ_REPLICAS = 15;

/** Instance classes without Performance Insights (and too small for a production database). */
const NO_PERFORMANCE_INSIGHTS = /^db\.t[234]g?\.(micro|small)$/;

/** RDS PostgreSQL per region: one primary, in-region read replicas, an optional DR replica. */
export const databaseSettings = z.strictObject({
  /** The RDS engine; only PostgreSQL is supported (parameter group, port and log exports assume it). */
  engine: oneOf(["postgres"]),
  /**
   * PostgreSQL major version ("16"), or major.minor to pin one. With a major version only, RDS
   * applies minor upgrades in the maintenance window and the provider treats the running minor as
   * matching, so a deploy after an upgrade does not try to roll it back.
   */
  engineVersion: z
    .string()
    .regex(/^1[3-8](\.\d+)?$/, { error: (i) => `must be a PostgreSQL version 13-18 such as "16.4", got ${JSON.stringify(i.input)}` }),
  instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, {
    error: (i) => `must be an RDS instance class such as "db.r6g.large", got ${JSON.stringify(i.input)}`,
  }),
  allocatedStorageGiB: intBetween(20, 65536),
  /** Storage autoscaling ceiling; must be at least allocatedStorageGiB. */
  maxAllocatedStorageGiB: intBetween(20, 65536),
  multiAz: flag(),
  /** Automated backup retention; replicas need their source to keep backups (at least 1 day). */
  backupRetentionDays: z
    .number({ error: (i) => `must be a whole number of days from 1 to 35, got ${describe(i.input)}` })
    .int({ error: (i) => `must be a whole number of days from 1 to 35, got ${describe(i.input)}` })
    .min(1, {
      error: (i) => `must be 1-35 days, got ${describe(i.input)}: read replicas need their source to keep automated backups`,
    })
    .max(35, { error: (i) => `must be 1-35 days (the RDS maximum), got ${describe(i.input)}` }),
  deletionProtection: flag(),
  /** In-region read replicas of the primary, spread over the AZs. RDS allows at most 15 per source. */
  readReplicas: z
    .number({ error: (i) => `must be a whole number from 0 to ${MAX_READ_REPLICAS}, got ${describe(i.input)}` })
    .int({ error: (i) => `must be a whole number from 0 to ${MAX_READ_REPLICAS}, got ${describe(i.input)}` })
    .min(0, { error: (i) => `must be 0-${MAX_READ_REPLICAS}, got ${describe(i.input)}` })
    .max(MAX_READ_REPLICAS, {
      error: (i) =>
        `must be 0-${MAX_READ_REPLICAS} (RDS allows at most ${MAX_READ_REPLICAS} read replicas per source), got ${describe(i.input)}`,
    }),
  performanceInsightsRetentionDays: z.union([z.literal(7), z.literal(731)], {
    error: (i) => `must be 7 (free tier) or 731, got ${String(i.input)}`,
  }),
  /** Enhanced monitoring interval in seconds (0 turns it off). */
  monitoringIntervalSeconds: z.union(
    [z.literal(0), z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)],
    {
      error: (i) => `must be one of 0, 1, 5, 10, 15, 30, 60, got ${String(i.input)}`,
    },
  ),
  /** Days CloudWatch keeps the exported PostgreSQL logs (postgresql, upgrade) of every instance. */
  logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90), z.literal(180), z.literal(365)], {
    error: (issue) => `must be one of 7, 14, 30, 90, 180, 365 (CloudWatch retention periods), got ${String(issue.input)}`,
  }),
  /**
   * RDS automated backup window, `hh24:mi-hh24:mi` in UTC, at least 30 minutes (CreateDBInstance,
   * PreferredBackupWindow). It must not overlap the AWS Backup start window (recovery.backup.schedule).
   */
  backupWindow: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, {
    error: (i) => `must be a UTC window hh24:mi-hh24:mi such as "01:00-02:00", got ${describe(i.input)}`,
  }),
  /** Cross-region disaster-recovery replica, in another region of the same residency zone. */
  drReplica: z
    .strictObject({
      region: nonEmptyString("an AWS region of this stack in the same residency zone"),
      instanceClass: z
        .string()
        .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { error: (i) => `must be an RDS instance class, got ${JSON.stringify(i.input)}` })
        .optional(),
    })
    .optional(),
});
export type DatabaseSettings = z.infer<typeof databaseSettings>;

export const databaseDefaults: Record<Environment, Omit<DatabaseSettings, "drReplica">> = {
  dev: {
    engine: "postgres",
    engineVersion: "16",
    instanceClass: "db.t4g.medium",
    allocatedStorageGiB: 20,
    maxAllocatedStorageGiB: 100,
    multiAz: false,
    backupRetentionDays: 1,
    deletionProtection: false,
    readReplicas: 0,
    performanceInsightsRetentionDays: 7,
    monitoringIntervalSeconds: 60,
    logRetentionDays: 14,
    backupWindow: "00:00-01:00",
  },
  prod: {
    engine: "postgres",
    engineVersion: "16",
    instanceClass: "db.r6g.large",
    allocatedStorageGiB: 100,
    maxAllocatedStorageGiB: 1000,
    multiAz: true,
    backupRetentionDays: 14,
    deletionProtection: true,
    readReplicas: 1,
    performanceInsightsRetentionDays: 7,
    monitoringIntervalSeconds: 30,
    logRetentionDays: 90,
    backupWindow: "00:00-01:00",
  },
};

export interface DatabaseCheckContext {
  readonly region: string;
  readonly zone: string;
  /** Regions of the stack with their zones. */
  readonly stackRegions: ReadonlyMap<string, string>;
}

export function checkDatabase(db: DatabaseSettings, ctx: DatabaseCheckContext, report: IssueReporter): void {
  if (db.maxAllocatedStorageGiB < db.allocatedStorageGiB) {
    report(
      ["maxAllocatedStorageGiB"],
      `must be at least allocatedStorageGiB (${db.allocatedStorageGiB}), got ${db.maxAllocatedStorageGiB}`,
    );
  }
  // CreateDBInstance PreferredBackupWindow: at least 30 minutes, not overlapping the maintenance window.
  const window = parseDailyWindow(db.backupWindow);
  if (window.end - window.start < 30) {
    report(["backupWindow"], `must be at least 30 minutes long (RDS PreferredBackupWindow), got ${db.backupWindow}`);
  } else if (overlaps(window, weeklyWindowTimes(RDS_MAINTENANCE_WINDOW))) {
    report(
      ["backupWindow"],
      `must not overlap the RDS maintenance window ${RDS_MAINTENANCE_WINDOW} (RDS refuses it), got ${db.backupWindow}`,
    );
  }
  if (NO_PERFORMANCE_INSIGHTS.test(db.instanceClass)) {
    report(
      ["instanceClass"],
      `${db.instanceClass} does not support Performance Insights, which every database here turns on; use db.t4g.medium or larger`,
    );
  }
  if (db.drReplica?.instanceClass !== undefined && NO_PERFORMANCE_INSIGHTS.test(db.drReplica.instanceClass)) {
    report(
      ["drReplica", "instanceClass"],
      `${db.drReplica.instanceClass} does not support Performance Insights, which every database here turns on; use db.t4g.medium or larger`,
    );
  }
  if (db.drReplica !== undefined && db.readReplicas + 1 > MAX_READ_REPLICAS) {
    report(
      ["readReplicas"],
      `must be at most ${MAX_READ_REPLICAS - 1} with a drReplica: RDS allows ${MAX_READ_REPLICAS} read replicas per source, in-region and cross-region together; got ${db.readReplicas} + 1`,
    );
  }
  if (db.drReplica) {
    const target = db.drReplica.region;
    const targetZone = ctx.stackRegions.get(target);
    if (target === ctx.region) {
      report(["drReplica", "region"], `must be another region than the primary's own (${ctx.region})`);
    } else if (targetZone === undefined) {
      report(
        ["drReplica", "region"],
        `"${target}" is not a region of this stack; allowed: ${[...ctx.stackRegions.keys()].filter((r) => r !== ctx.region).join(", ") || "(no other region)"}`,
      );
    } else if (targetZone !== ctx.zone) {
      report(
        ["drReplica", "region"],
        `"${target}" is in residency zone "${targetZone}", but the primary in ${ctx.region} is in "${ctx.zone}": a DR replica must stay in its zone`,
      );
    }
  }
}
