import { z } from "zod";
import { DatabaseSettings } from "./database";
import { QueueSettings } from "./queues";
import { Environment, IssueReporter, describe, intBetween } from "./common";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A number within [min, max] (fractions allowed); messages say the range. */
function numberBetween(min: number, max: number, unit = "") {
  const text = (i: { input?: unknown }) => `must be a number from ${min} to ${max}${unit}, got ${describe(i.input)}`;
  return z.number({ error: text }).min(min, { error: text }).max(max, { error: text });
}

/**
 * Alert addresses per stack. Each becomes an SNS email subscription on every region's topic that
 * someone must confirm by hand; SNS's own limit (12,500,000 subscriptions per standard topic) bounds
 * nothing useful, so this is the platform's: more people belong behind one list or on-call address.
 */
export const MAX_ALERT_EMAILS = 100;

/** AWS Budgets allows at most 5 notifications per budget. */
export const MAX_BUDGET_NOTIFICATIONS = 5;

/** Stack-wide observability: who is alerted, the SLOs, and the monthly budget. */
export const observabilitySettings = z.strictObject({
  /** Email addresses subscribed to every region's alert topic (each must confirm the subscription). */
  alertEmails: z
    .array(z.string().regex(EMAIL, { error: (i) => `must be an email address such as "oncall@example.com", got ${describe(i.input)}` }), {
      error: (i) => `must be a list of email addresses, got ${describe(i.input)}`,
    })
    .max(MAX_ALERT_EMAILS, {
      error: (i) =>
        `must list at most ${MAX_ALERT_EMAILS} addresses (subscribe a mailing list for more), got ${(i.input as unknown[]).length}`,
    }),
  slo: z.strictObject({
    /** Share of ALB requests that must not fail with a 5xx over 30 days, in percent (99.9 = three nines). */
    availabilityPercent: numberBetween(90, 99.999, " percent"),
    /** 99 % of requests must be answered within this many milliseconds (ALB TargetResponseTime). */
    latencyP99Ms: intBetween(1, 60000),
  }),
  budget: z.strictObject({
    /** Monthly cost budget of the whole stack (all regions), in USD. */
    monthlyLimitUsd: intBetween(1, 100000000),
    /** Alerts when actual spend passes these percentages of the limit. */
    actualAlertPercents: z.array(intBetween(1, 1000), { error: (i) => `must be a list of percentages, got ${describe(i.input)}` }),
    /** Alerts when forecasted spend passes these percentages of the limit. */
    forecastAlertPercents: z.array(intBetween(1, 1000), { error: (i) => `must be a list of percentages, got ${describe(i.input)}` }),
  }),
});
export type ObservabilitySettings = z.infer<typeof observabilitySettings>;

export const observabilityDefaults: Record<Environment, ObservabilitySettings> = {
  dev: {
    alertEmails: [],
    slo: { availabilityPercent: 99, latencyP99Ms: 2000 },
    budget: { monthlyLimitUsd: 3000, actualAlertPercents: [80, 100], forecastAlertPercents: [100] },
  },
  prod: {
    alertEmails: [],
    slo: { availabilityPercent: 99.9, latencyP99Ms: 500 },
    budget: { monthlyLimitUsd: 40000, actualAlertPercents: [50, 80, 100], forecastAlertPercents: [100] },
  },
};

/** Per-region alarm thresholds (the p99 latency threshold is the SLO's). */
export const alarmSettings = z.strictObject({
  /** ALB 5xx responses (target and load balancer) as a percentage of requests, over 5 minutes. */
  alb5xxPercent: numberBetween(0.01, 100, " percent"),
  rdsCpuPercent: intBetween(1, 100),
  /** Alarm when an RDS instance has less free storage than this. */
  rdsFreeStorageGiB: intBetween(1, 65536),
  /** Alarm when a read replica lags its primary by more than this. */
  rdsReplicaLagSeconds: intBetween(1, 86400),
  /** EngineCPUUtilization of a cache node (the Valkey/Redis thread, which saturates first). */
  cacheCpuPercent: intBetween(1, 100),
  /** Keys evicted per 5 minutes; evictions mean the cache is too small for its working set. */
  cacheEvictions: intBetween(0, 100000000),
  cacheMemoryPercent: intBetween(1, 100),
  /** Age of a queue's oldest message: consumers are behind or stuck. */
  queueOldestMessageSeconds: intBetween(60, 1209600),
  /** Node group or Karpenter capacity in use, as a percentage of its limit. */
  capacityPercent: intBetween(1, 100),
});
export type AlarmSettings = z.infer<typeof alarmSettings>;

export const alarmDefaults: Record<Environment, AlarmSettings> = {
  dev: {
    alb5xxPercent: 5,
    rdsCpuPercent: 90,
    rdsFreeStorageGiB: 2,
    rdsReplicaLagSeconds: 300,
    cacheCpuPercent: 90,
    cacheEvictions: 1000,
    cacheMemoryPercent: 90,
    queueOldestMessageSeconds: 3600,
    capacityPercent: 90,
  },
  prod: {
    alb5xxPercent: 1,
    rdsCpuPercent: 80,
    rdsFreeStorageGiB: 10,
    rdsReplicaLagSeconds: 60,
    cacheCpuPercent: 75,
    cacheEvictions: 100,
    cacheMemoryPercent: 80,
    queueOldestMessageSeconds: 600,
    capacityPercent: 85,
  },
};

/** Stack-level rules; paths are relative to `observability`. */
export function checkObservability(settings: ObservabilitySettings, report: IssueReporter): void {
  const seen = new Set<string>();
  settings.alertEmails.forEach((email, index) => {
    if (seen.has(email.toLowerCase())) report(["alertEmails", index], `"${email}" is listed twice`);
    seen.add(email.toLowerCase());
  });
  const { actualAlertPercents, forecastAlertPercents } = settings.budget;
  const count = actualAlertPercents.length + forecastAlertPercents.length;
  if (count === 0) {
    report(["budget"], "must alert on at least one threshold (actualAlertPercents or forecastAlertPercents)");
  } else if (count > MAX_BUDGET_NOTIFICATIONS) {
    report(
      ["budget"],
      `has ${count} alert thresholds; AWS Budgets allows at most ${MAX_BUDGET_NOTIFICATIONS} notifications per budget (actualAlertPercents and forecastAlertPercents together)`,
    );
  }
  for (const key of ["actualAlertPercents", "forecastAlertPercents"] as const) {
    const list = settings.budget[key];
    if (new Set(list).size !== list.length) report(["budget", key], `must not repeat a percentage, got ${list.join(", ")}`);
  }
}

/** Cross-tier rules of a region's alarms; paths are relative to the region's `alarms`. */
export function checkAlarms(
  alarms: AlarmSettings,
  context: { readonly database: DatabaseSettings; readonly queues: readonly QueueSettings[] },
  report: IssueReporter,
): void {
  if (alarms.rdsFreeStorageGiB >= context.database.allocatedStorageGiB) {
    report(
      ["rdsFreeStorageGiB"],
      `must be less than database.allocatedStorageGiB (${context.database.allocatedStorageGiB}), or the alarm fires on an empty database; got ${alarms.rdsFreeStorageGiB}`,
    );
  }
  for (const queue of context.queues) {
    if (alarms.queueOldestMessageSeconds >= queue.retentionSeconds) {
      report(
        ["queueOldestMessageSeconds"],
        `must be less than the retentionSeconds of queue "${queue.name}" (${queue.retentionSeconds}), or messages expire before the alarm fires; got ${alarms.queueOldestMessageSeconds}`,
      );
    }
  }
}
