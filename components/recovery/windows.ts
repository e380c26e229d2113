/**
 * Daily time windows of the data tier's backups, in minutes of the UTC day, pure so config
 * validation and tests share them. Three windows must stay apart:
 * - the RDS automated backup window (`hh24:mi-hh24:mi`, CreateDBInstance PreferredBackupWindow:
 *   at least 30 minutes, must not overlap the maintenance window);
 * - the RDS maintenance window (`ddd:hh24:mi-ddd:hh24:mi`);
 * - the AWS Backup start windows: each scheduled time of the plan's cron plus its start window.
 *   AWS Backup does not start a database backup in the hour before or during the resource's
 *   maintenance window (AWS Backup Developer Guide, "Backup plan options and configuration"), and
 *   an RDS snapshot taken while the automated backup runs queues behind it: the job then risks
 *   expiring at the end of its start window, so the two are kept disjoint.
 */

const DAY = 24 * 60;

/** A span of the day; `end` may exceed 1440 when the window crosses midnight. */
export interface DailySpan {
  readonly start: number;
  readonly end: number;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/** `01:00-02:00` -> { start: 60, end: 120 }; a window crossing midnight ends after 1440. */
export function parseDailyWindow(text: string): DailySpan {
  const match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(text);
  if (match === null) throw new Error(`not a hh24:mi-hh24:mi window: ${text}`);
  const start = minutes(match[1]);
  let end = minutes(match[2]);
  if (end <= start) end += DAY;
  return { start, end };
}

/** The time-of-day part of a weekly window (`sun:04:30-sun:05:30` -> 04:30-05:30). */
export function weeklyWindowTimes(text: string): DailySpan {
  const match = /^[a-z]{3}:(\d{2}:\d{2})-[a-z]{3}:(\d{2}:\d{2})$/.exec(text);
  if (match === null) throw new Error(`not a ddd:hh24:mi-ddd:hh24:mi window: ${text}`);
  return parseDailyWindow(`${match[1]}-${match[2]}`);
}

/** Values of one cron field (`*`, `n`, `a-b`, `a,b`, `*\/n`, `a/n`) within [min, max]. */
function cronField(field: string, min: number, max: number): number[] | undefined {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let from: number;
    let to: number;
    if (range === "*") [from, to] = [min, max];
    else if (/^\d+-\d+$/.test(range)) [from, to] = range.split("-").map(Number) as [number, number];
    else if (/^\d+$/.test(range)) [from, to] = [Number(range), stepText === undefined ? Number(range) : max];
    else return undefined;
    if (from < min || to > max || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * The times of day (minutes) an AWS Backup `cron(Minutes Hours Day Month Weekday Year)` schedule
 * starts a job, or undefined when its minute or hour field is not one this parser reads (then
 * the caller reports it rather than guessing). Days are ignored: a daily check is conservative.
 */
export function cronStartTimes(schedule: string): number[] | undefined {
  const match = /^cron\(\s*(\S+)\s+(\S+)(\s+\S+){4}\s*\)$/.exec(schedule);
  if (match === null) return undefined;
  const mins = cronField(match[1], 0, 59);
  const hours = cronField(match[2], 0, 23);
  if (mins === undefined || hours === undefined) return undefined;
  return hours.flatMap((h) => mins.map((m) => h * 60 + m));
}

/** True when two daily spans share a minute, taking the wrap at midnight into account. */
export function overlaps(a: DailySpan, b: DailySpan): boolean {
  for (const shift of [-DAY, 0, DAY]) {
    if (a.start < b.end + shift && b.start + shift < a.end) return true;
  }
  return false;
}

/** `hh:mm` of a minute of the day (wrapping past midnight). */
export function clock(minute: number): string {
  const m = ((minute % DAY) + DAY) % DAY;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/**
 * Why an RDS automated backup window and an AWS Backup schedule collide, one message per
 * scheduled start; empty when they are disjoint. Each AWS Backup job may start any time within
 * `startWindowMinutes` of its scheduled time, and must not start in the hour before or during the
 * maintenance window either.
 */
export function backupScheduleConflicts(
  rdsBackupWindow: string,
  rdsMaintenanceWindow: string,
  schedule: string,
  startWindowMinutes: number,
): string[] {
  const starts = cronStartTimes(schedule);
  if (starts === undefined) return [];
  const automated = parseDailyWindow(rdsBackupWindow);
  const maintenance = weeklyWindowTimes(rdsMaintenanceWindow);
  const blocked = { start: maintenance.start - 60, end: maintenance.end };
  const problems: string[] = [];
  for (const start of starts) {
    const job = { start, end: start + startWindowMinutes };
    const span = `${clock(job.start)}-${clock(job.end)}`;
    if (overlaps(job, automated)) {
      problems.push(`AWS Backup jobs start ${span} UTC (schedule ${schedule}), inside the RDS automated backup window ${rdsBackupWindow}`);
    }
    if (overlaps(job, blocked)) {
      problems.push(
        `AWS Backup jobs start ${span} UTC (schedule ${schedule}), within the hour before or during the RDS maintenance window ${rdsMaintenanceWindow}, when AWS Backup does not start database backups`,
      );
    }
  }
  return problems;
}
