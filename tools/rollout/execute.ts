/**
 * Runs the waves in order through a driver (the Automation API in production, a fake in tests):
 * before each wave, every region deployed so far must be healthy; after it, its regions bake while
 * their region-unhealthy alarms are polled. A failed `pulumi up` or a firing alarm stops the
 * rollout there: later waves never start.
 */
import { Wave } from "./waves";

/** CloudWatch's alarm states, plus MISSING for an alarm that does not exist (yet). */
export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA" | "MISSING";

export interface RolloutDriver {
  /** True when the stack has no resources yet: nothing serves traffic, so waves buy nothing. */
  isFirstDeployment(): Promise<boolean>;
  /** One `pulumi up` (with the policy pack) constrained to the wave; rejects when the update fails. */
  up(wave: Wave): Promise<void>;
  alarmState(region: string, alarm: string): Promise<AlarmState>;
  sleep(ms: number): Promise<void>;
  log(line: string): void;
}

export interface RolloutSettings {
  /** How long each wave's regions must stay healthy before the next wave starts. */
  readonly bakeMinutes: number;
  readonly pollSeconds: number;
}

export type RolloutOutcome =
  { readonly status: "completed"; readonly waves: number } | { readonly status: "stopped"; readonly wave: number; readonly reason: string };

async function firing(driver: RolloutDriver, wave: Wave): Promise<string | undefined> {
  for (const { region, alarm } of wave.watch) {
    if ((await driver.alarmState(region, alarm)) === "ALARM") return `${alarm} (${region}) is in ALARM`;
  }
  return undefined;
}

export async function executeRollout(waves: readonly Wave[], driver: RolloutDriver, settings: RolloutSettings): Promise<RolloutOutcome> {
  let plan = waves;
  if (waves.length > 1 && (await driver.isFirstDeployment())) {
    driver.log("first deployment of this stack: nothing serves traffic yet, so one pulumi up of the whole stack instead of waves");
    plan = waves.slice(-1);
  }
  let previous: Wave | undefined;
  for (const wave of plan) {
    // Regions deployed by earlier waves must still be healthy before more of the stack changes.
    const before = previous && (await firing(driver, previous));
    if (before) return { status: "stopped", wave: wave.index, reason: `before wave ${wave.index}: ${before}` };
    previous = wave;

    driver.log(`wave ${wave.index}/${waves.length}: ${wave.label} (${wave.regions.join(", ")})`);
    try {
      await driver.up(wave);
    } catch (error) {
      return { status: "stopped", wave: wave.index, reason: `wave ${wave.index} failed: ${(error as Error).message ?? String(error)}` };
    }

    const polls = Math.max(1, Math.ceil((settings.bakeMinutes * 60) / settings.pollSeconds));
    for (let poll = 0; poll < polls; poll++) {
      const alarm = await firing(driver, wave);
      if (alarm !== undefined) return { status: "stopped", wave: wave.index, reason: `after wave ${wave.index}: ${alarm}` };
      if (poll < polls - 1) await driver.sleep(settings.pollSeconds * 1000);
    }
    driver.log(`wave ${wave.index} healthy${settings.bakeMinutes > 0 ? ` after ${settings.bakeMinutes} min` : ""}`);
  }
  return { status: "completed", waves: plan.length };
}
