import { z } from "zod";
import { Environment, IssueReporter, describe, intBetween, flag } from "./common";
import { cronStartTimes } from "../../recovery/windows";

/** `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, the AWS Backup schedule syntax. */
const CRON = /^cron\(\s*\S+(\s+\S+){5}\s*\)$/;

/** Stack-wide disaster recovery: AWS Backup, RDS automated-backup replication, the objectives. */
export const recoverySettings = z.strictObject({
  backup: z.strictObject({
    /** When AWS Backup snapshots the databases (UTC). */
    schedule: z.string().regex(CRON, {
      error: (i) => `must be an AWS cron expression with six fields such as "cron(0 3 * * ? *)", got ${describe(i.input)}`,
    }),
    /** Days a recovery point is kept in its own region's vault. */
    retentionDays: intBetween(1, 36500),
    /** Days the copy in the sibling region (same residency zone) is kept. */
    copyRetentionDays: intBetween(1, 36500),
  }),
  /** RDS automated-backup replication of each primary to its sibling region (point-in-time restore there). */
  automatedBackupReplication: z.strictObject({
    enabled: flag(),
    /** Days the replicated automated backups are kept (RDS allows 1-35). */
    retentionDays: intBetween(1, 35),
  }),
  /** The recovery objectives this stack promises (docs/runbooks/region-failover.md explains how). */
  objectives: z.strictObject({
    /** Recovery time objective: minutes from losing a region to serving its zone again. */
    rtoMinutes: intBetween(1, 10080),
    /** Recovery point objective: minutes of committed writes that may be lost. */
    rpoMinutes: intBetween(0, 10080),
  }),
});
export type RecoverySettings = z.infer<typeof recoverySettings>;

export const recoveryDefaults: Record<Environment, RecoverySettings> = {
  dev: {
    backup: { schedule: "cron(0 2 * * ? *)", retentionDays: 7, copyRetentionDays: 7 },
    automatedBackupReplication: { enabled: false, retentionDays: 1 },
    objectives: { rtoMinutes: 1440, rpoMinutes: 1440 },
  },
  prod: {
    backup: { schedule: "cron(0 2 * * ? *)", retentionDays: 35, copyRetentionDays: 35 },
    automatedBackupReplication: { enabled: true, retentionDays: 14 },
    objectives: { rtoMinutes: 60, rpoMinutes: 15 },
  },
};

/** Stack-level rules; paths are relative to `recovery`. */
export function checkRecovery(settings: RecoverySettings, environment: Environment, report: IssueReporter): void {
  // The start times are checked against every database's backup window, so they must be readable.
  if (cronStartTimes(settings.backup.schedule) === undefined) {
    report(
      ["backup", "schedule"],
      `minutes and hours must be numbers, ranges, lists or steps (e.g. "cron(0 3 * * ? *)"), so the start times can be checked against the RDS backup windows; got ${settings.backup.schedule}`,
    );
  }
  if (settings.backup.copyRetentionDays < settings.backup.retentionDays) {
    report(
      ["backup", "copyRetentionDays"],
      `must be at least retentionDays (${settings.backup.retentionDays}): the copy in the sibling region is what survives the loss of a region; got ${settings.backup.copyRetentionDays}`,
    );
  }
  // Daily snapshots alone lose up to a day of writes; a shorter RPO needs the replicated
  // automated backups (point-in-time restore, about 5 minutes behind) or the DR replica.
  if (settings.objectives.rpoMinutes < 1440 && !settings.automatedBackupReplication.enabled) {
    report(
      ["objectives", "rpoMinutes"],
      `${settings.objectives.rpoMinutes} minutes needs automatedBackupReplication.enabled: daily backups alone lose up to 1440 minutes of writes`,
    );
  }
  if (settings.automatedBackupReplication.enabled && settings.objectives.rpoMinutes < 5) {
    report(
      ["objectives", "rpoMinutes"],
      `must be at least 5: replicated automated backups restore to a point about 5 minutes back; got ${settings.objectives.rpoMinutes}`,
    );
  }
  if (environment === "prod" && settings.backup.retentionDays < 7) {
    report(
      ["backup", "retentionDays"],
      `must be at least 7 in prod, so a problem found a week later can still be undone; got ${settings.backup.retentionDays}`,
    );
  }
}
