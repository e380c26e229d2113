import { strict as assert } from "node:assert";
import { ConfigError, resolvePlatformConfig } from "../../components/config";
import { backupScheduleConflicts, cronStartTimes, overlaps, parseDailyWindow } from "../../components/recovery/windows";
import { committedValues } from "../helpers/fixtures";

function issuesOf(values: Record<string, any>): { path: string; message: string }[] {
  try {
    resolvePlatformConfig({ stack: "prod", values });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return [...error.issues];
  }
  return [];
}

describe("recovery: AWS Backup and RDS backup windows stay apart", () => {
  it("reads AWS Backup cron start times and daily windows, across midnight", () => {
    assert.deepEqual(cronStartTimes("cron(0 2 * * ? *)"), [120]);
    assert.deepEqual(cronStartTimes("cron(15 0/12 ? * MON-FRI *)"), [15, 735]);
    assert.deepEqual(cronStartTimes("cron(0,30 1-2 * * ? *)"), [60, 90, 120, 150]);
    assert.equal(cronStartTimes("cron(L 2 * * ? *)"), undefined);
    assert.deepEqual(parseDailyWindow("23:30-00:30"), { start: 1410, end: 1470 });
    assert.equal(overlaps(parseDailyWindow("23:30-00:30"), { start: 10, end: 70 }), true);
    assert.equal(overlaps(parseDailyWindow("00:00-01:00"), { start: 60, end: 120 }), false);
  });

  it("the committed stacks' windows are disjoint", () => {
    for (const stack of ["dev", "prod"] as const) {
      const config = resolvePlatformConfig({ stack, values: committedValues(stack) });
      for (const region of config.regions) {
        assert.deepEqual(
          backupScheduleConflicts(region.database.backupWindow, "sun:04:30-sun:05:30", config.recovery.backup.schedule, 60),
          [],
        );
      }
    }
  });

  it("refuses an AWS Backup schedule that starts inside a database's automated backup window", () => {
    const values = committedValues("prod");
    values.recovery = { ...values.recovery, backup: { schedule: "cron(30 0 * * ? *)" } };
    const issues = issuesOf(values).filter((i) => i.path.endsWith("database.backupWindow"));
    assert.equal(issues.length, 4, "one per prod region");
    assert.equal(issues[0].path, "platform:regions[0].database.backupWindow");
    assert.match(
      issues[0].message,
      /^AWS Backup jobs start 00:30-01:30 UTC \(schedule cron\(30 0 \* \* \? \*\)\), inside the RDS automated backup window 00:00-01:00; move one of them/,
    );
  });

  it("refuses a schedule in the hour before the maintenance window, and a backup window RDS itself refuses", () => {
    const values = committedValues("prod");
    values.recovery = { ...values.recovery, backup: { schedule: "cron(0 3 * * ? *)" } };
    assert.match(issuesOf(values)[0].message, /within the hour before or during the RDS maintenance window sun:04:30-sun:05:30/);

    const short = committedValues("prod");
    short.regions[1].database = { ...short.regions[1].database, backupWindow: "06:00-06:20" };
    assert.deepEqual(issuesOf(short), [
      {
        path: "platform:regions[1].database.backupWindow",
        message: "must be at least 30 minutes long (RDS PreferredBackupWindow), got 06:00-06:20",
      },
    ]);
    const clash = committedValues("prod");
    clash.regions[1].database = { ...clash.regions[1].database, backupWindow: "05:00-06:00" };
    assert.match(issuesOf(clash)[0].message, /must not overlap the RDS maintenance window sun:04:30-sun:05:30 \(RDS refuses it\)/);
  });

  it("refuses a schedule whose start times cannot be read", () => {
    const values = committedValues("prod");
    values.recovery = { ...values.recovery, backup: { schedule: "cron(L 2 * * ? *)" } };
    assert.equal(issuesOf(values)[0].path, "platform:recovery.backup.schedule");
  });
});
