import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { zonesOf } from "../../tools/pipeline/stack-info";
import { resolveStack } from "../../tools/clone/stacks";
import { AlarmState, RolloutDriver, executeRollout } from "../../tools/rollout/execute";
import { EDGE, Wave, placementOf, planWaves } from "../../tools/rollout/waves";
import { REPO, committedPlan } from "../helpers/plan";

const zones = (stack: string) => zonesOf(resolveStack(REPO, stack).config);

/** Everything a resource waits for in the engine (parent, dependencies, property dependencies). */
const needs = (r: PlannedResource) => [...(r.parent ? [r.parent] : []), ...r.dependencies, ...Object.values(r.propertyDependencies).flat()];

/** The wave that first changes each resource, simulating the engine's exclude + excludeDependents. */
function firstWave(plan: Plan, waves: readonly Wave[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const wave of waves) {
    const excluded = new Set<string>();
    for (const r of plan.resources) {
      if (wave.exclude.includes(r.urn) || needs(r).some((d) => excluded.has(d))) excluded.add(r.urn);
      else if (!first.has(r.urn)) first.set(r.urn, wave.index);
    }
  }
  return first;
}

describe("pipeline: rollout waves (npm run rollout)", () => {
  it("prod: canary us-east-1, then the rest of zone us, then zone eu, then the edge with everything", async () => {
    const waves = planWaves(await committedPlan("prod"), { zones: zones("prod") });
    assert.deepEqual(
      waves.map((w) => [w.label, w.regions]),
      [
        ["canary us-east-1", ["us-east-1"]],
        ["rest of zone us", ["us-west-2"]],
        ["zone eu", ["eu-west-1", "eu-central-1"]],
        [EDGE, ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"]],
      ],
    );
    assert.deepEqual(waves[3].exclude, [], "the last wave is an unconstrained pulumi up");
    assert.deepEqual(
      waves[1].watch.map((w) => w.alarm),
      ["platform-prod-us-east-1-region-unhealthy", "platform-prod-us-west-2-region-unhealthy"],
    );
  });

  it("changes each region only in its own wave, and the CDN only in the last", async () => {
    const plan = await committedPlan("prod");
    const waves = planWaves(plan, { zones: zones("prod") });
    const first = firstWave(plan, waves);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const waveOfRegion: Record<string, number> = { "us-east-1": 1, "us-west-2": 2, "eu-west-1": 3, "eu-central-1": 3 };
    for (const r of plan.resources) {
      assert.ok(first.has(r.urn), `${r.urn} is never deployed`);
      const where = placementOf(r, byUrn);
      if (where === undefined || where === EDGE || !(r.custom || r.remote)) continue;
      // A regional resource never runs early; it may wait for a region it needs (held back).
      assert.ok((first.get(r.urn) as number) >= waveOfRegion[where], `${r.urn} deployed before its region's wave`);
      if ((first.get(r.urn) as number) > waveOfRegion[where]) assert.ok(waves[waveOfRegion[where] - 1].heldBack.includes(r.urn), r.urn);
    }
    for (const r of plan.resources.filter((x) => x.type === "aws:cloudfront/distribution:Distribution")) assert.equal(first.get(r.urn), 4);
  });

  it("never changes a resource before everything it depends on (the engine would refuse it)", async () => {
    const plan = await committedPlan("prod");
    const first = firstWave(plan, planWaves(plan, { zones: zones("prod") }));
    for (const r of plan.resources) {
      for (const d of needs(r)) assert.ok((first.get(d) ?? 0) <= (first.get(r.urn) as number), `${r.urn} before its dependency ${d}`);
    }
  });

  it("brings the edge resources a region needs with that region, and holds back the DR replica of a later region", async () => {
    const plan = await committedPlan("prod");
    const waves = planWaves(plan, { zones: zones("prod") });
    const first = firstWave(plan, waves);
    const named = (name: string) => plan.resources.find((r) => r.name === name) as PlannedResource;
    assert.equal(first.get(named("edge-origin-verify").urn), 1, "the origin-verify secret the canary's ALB checks");
    assert.equal(first.get(named("edge-validation-origin.us.example.com").urn), 1, "the canary's ACM validation record");
    assert.equal(
      first.get(named("us-east-1-database-dr-us-west-2-instance").urn),
      2,
      "a DR replica of us-west-2's primary waits for us-west-2",
    );
    assert.ok(waves[0].heldBack.includes(named("us-east-1-database-dr-us-west-2-instance").urn));
  });

  it("takes --canary: eu-west-1 first, then eu-central-1, then zone us; dev goes region by region", async () => {
    const prod = planWaves(await committedPlan("prod"), { zones: zones("prod"), canary: "eu-west-1" });
    assert.deepEqual(
      prod.map((w) => w.regions.join(",")),
      ["eu-west-1", "eu-central-1", "us-east-1,us-west-2", "eu-west-1,eu-central-1,us-east-1,us-west-2"],
    );
    const devPlan = await committedPlan("dev");
    assert.deepEqual(
      planWaves(devPlan, { zones: zones("dev") }).map((w) => w.label),
      ["canary us-east-1", "zone eu", EDGE],
    );
    assert.throws(
      () => planWaves(devPlan, { zones: zones("dev"), canary: "ap-south-1" }),
      /--canary ap-south-1: not a region of this stack; regions: us-east-1, eu-west-1/,
    );
  });
});

/** A driver that records what it was asked and answers from scripted alarm states. */
function fakeDriver(options: { first?: boolean; failWave?: number; alarmAfterWave?: { wave: number; region: string } }) {
  const calls: string[] = [];
  let current = 0;
  const driver: RolloutDriver = {
    isFirstDeployment: async () => options.first ?? false,
    up: async (wave) => {
      current = wave.index;
      calls.push(`up ${wave.index}${wave.exclude.length > 0 ? " constrained" : ""}`);
      if (wave.index === options.failWave)
        throw new Error("aws:rds/instance:Instance us-west-2-database-primary: InvalidParameterCombination");
    },
    alarmState: async (region): Promise<AlarmState> => {
      const a = options.alarmAfterWave;
      return a && current >= a.wave && region === a.region ? "ALARM" : "OK";
    },
    sleep: async (ms) => {
      calls.push(`sleep ${ms}`);
    },
    log: () => undefined,
  };
  return { driver, calls };
}

describe("pipeline: rollout execution (Automation API driver replaced by a fake)", () => {
  const settings = { bakeMinutes: 1, pollSeconds: 30 };

  it("runs every wave in order, baking between them", async () => {
    const waves = planWaves(await committedPlan("prod"), { zones: zones("prod") });
    const { driver, calls } = fakeDriver({});
    assert.deepEqual(await executeRollout(waves, driver, settings), { status: "completed", waves: 4 });
    assert.deepEqual(
      calls.filter((c) => c.startsWith("up")),
      ["up 1 constrained", "up 2 constrained", "up 3 constrained", "up 4"],
    );
    assert.equal(calls.filter((c) => c === "sleep 30000").length, 4, "two polls a minute, one sleep between them, per wave");
  });

  it("stops at a failed update: later waves never start", async () => {
    const waves = planWaves(await committedPlan("prod"), { zones: zones("prod") });
    const { driver, calls } = fakeDriver({ failWave: 2 });
    const outcome = await executeRollout(waves, driver, settings);
    assert.equal(outcome.status, "stopped");
    assert.match((outcome as { reason: string }).reason, /^wave 2 failed: .*InvalidParameterCombination/);
    assert.deepEqual(
      calls.filter((c) => c.startsWith("up")),
      ["up 1 constrained", "up 2 constrained"],
    );
  });

  it("stops when a deployed region's region-unhealthy alarm fires during the bake", async () => {
    const waves = planWaves(await committedPlan("prod"), { zones: zones("prod") });
    const { driver, calls } = fakeDriver({ alarmAfterWave: { wave: 1, region: "us-east-1" } });
    const outcome = await executeRollout(waves, driver, settings);
    assert.deepEqual(outcome, {
      status: "stopped",
      wave: 1,
      reason: "after wave 1: platform-prod-us-east-1-region-unhealthy (us-east-1) is in ALARM",
    });
    assert.deepEqual(
      calls.filter((c) => c.startsWith("up")),
      ["up 1 constrained"],
    );
  });

  it("deploys a stack's first time in one unconstrained update: nothing serves traffic yet", async () => {
    const waves = planWaves(await committedPlan("prod"), { zones: zones("prod") });
    const { driver, calls } = fakeDriver({ first: true });
    assert.deepEqual(await executeRollout(waves, driver, settings), { status: "completed", waves: 1 });
    assert.deepEqual(
      calls.filter((c) => c.startsWith("up")),
      ["up 4"],
    );
  });
});

describe("pipeline: npm run rollout (end to end, no Pulumi CLI)", () => {
  const TOOL = path.join(REPO, "build/tools/rollout.js");
  // Only node's own directory on PATH: no `pulumi`, whatever the machine has installed.
  const env = { ...process.env, PATH: path.dirname(process.execPath) };
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--stack-trace-limit=0", TOOL, ...args], { cwd: REPO, encoding: "utf8", env });

  it("--dry-run prints the waves and exits 0", function () {
    this.timeout(120_000);
    const result = run("--stack", "prod", "--dry-run");
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Rollout of stack 'prod' in 4 waves/);
    assert.match(result.stdout, /wave 1: canary us-east-1 -> us-east-1\n/);
    assert.match(result.stdout, /wave 4: edge -> .*\n.*\n {4}pulumi up of the whole stack \(no exclusions\)/);
  });

  it("without the Pulumi CLI prints the waves, says so and exits 2 having deployed nothing", function () {
    this.timeout(120_000);
    const result = run("--stack", "dev");
    assert.equal(result.status, 2);
    assert.match(result.stdout, /Rollout of stack 'dev' in 3 waves/);
    assert.match(result.stderr, /^error: the Pulumi CLI is not installed here \(no `pulumi` on PATH\).*nothing was deployed/);
  });

  it("refuses bad usage with exit 2", () => {
    const bake = run("--stack", "prod", "--bake-minutes", "ten");
    assert.equal(bake.status, 2);
    assert.match(bake.stderr, /^error: --bake-minutes ten: must be a whole number of minutes from 0 to 240/);
    assert.equal(run("--canary", "us-east-1").status, 2);
  });
});
