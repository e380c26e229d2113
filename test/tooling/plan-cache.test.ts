import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Plan } from "../../tools/engine/model";
import { ResourceRef, Secret, UNKNOWN_VALUE } from "../../tools/engine/values";
import { committedPlan } from "../helpers/plan";
import { deserializePlan, planName, serializePlan, sharedPlan } from "../helpers/plan-cache";

const DEV = planName("dev", "config: {}\n");

/** A scratch checkout with what the cache key reads. */
function checkout(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "platform-plan-cache-"));
  fs.mkdirSync(path.join(repo, "build"));
  fs.writeFileSync(path.join(repo, "build/.build-manifest.json"), JSON.stringify({ key: "k", files: { "index.ts": "1:1" } }));
  for (const file of ["Pulumi.yaml", "package-lock.json"]) fs.writeFileSync(path.join(repo, file), `${file}\n`);
  return repo;
}

function tinyPlan(marker: string): Plan {
  return {
    project: "platform",
    stack: "dev",
    stackFile: "Pulumi.dev.yaml",
    config: {},
    secretKeys: [],
    resources: [],
    outputs: { marker, password: new Secret("hunter2"), vpc: new ResourceRef("urn:vpc", "vpc-1"), later: UNKNOWN_VALUE, none: undefined },
    limitations: [],
  };
}

/** A planner that counts its calls and takes a while, as a real plan does. */
function counting(marker: string) {
  const calls = { count: 0 };
  const plan = async () => {
    calls.count++;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return tinyPlan(marker);
  };
  return { calls, plan };
}

describe("tests share plans (test/helpers/plan-cache.ts)", () => {
  it("a plan survives the round trip through the cache with its secrets, references, unknowns and undefineds", async () => {
    const prod = await committedPlan("prod");
    const copy = deserializePlan(serializePlan(prod));
    assert.deepStrictEqual(copy, prod);
    const secrets = (plan: Plan) => JSON.stringify(plan).split('"[secret]"').length;
    assert.ok(secrets(prod) > 1, "prod has secrets to carry");
    assert.equal(secrets(copy), secrets(prod));
    const small = deserializePlan(serializePlan(tinyPlan("x")));
    assert.ok(small.outputs.password instanceof Secret && small.outputs.password.value === "hunter2");
    assert.ok(small.outputs.vpc instanceof ResourceRef && small.outputs.vpc.id === "vpc-1");
    assert.equal(small.outputs.later, UNKNOWN_VALUE);
    assert.ok("none" in small.outputs && small.outputs.none === undefined);
  });

  it("plans a stack once while others wait for it, then serves it from disk", async () => {
    const repo = checkout();
    const { calls, plan } = counting("first");
    const [a, b] = await Promise.all([sharedPlan(repo, DEV, plan), sharedPlan(repo, DEV, plan)]);
    assert.equal(calls.count, 1);
    assert.equal(a.outputs.marker, "first");
    assert.equal(b.outputs.marker, "first");
    const again = await sharedPlan(repo, DEV, plan);
    assert.equal(calls.count, 1);
    assert.ok(again.outputs.password instanceof Secret);
  });

  it("plans again for another stack file, or when anything else the key covers changes", async () => {
    const repo = checkout();
    const first = counting("before");
    await sharedPlan(repo, DEV, first.plan);
    const second = counting("after");
    assert.equal((await sharedPlan(repo, planName("dev", "config: {} # edited\n"), second.plan)).outputs.marker, "after");
    assert.equal(second.calls.count, 1);
    fs.appendFileSync(path.join(repo, "package-lock.json"), "\n");
    const third = counting("new lockfile");
    assert.equal((await sharedPlan(repo, DEV, third.plan)).outputs.marker, "new lockfile");
    assert.equal(third.calls.count, 1);
  });

  it("takes over a lock left by a process that is gone", async () => {
    const repo = checkout();
    const { calls, plan } = counting("mine");
    await sharedPlan(repo, DEV, plan);
    const [dir] = fs.readdirSync(path.join(repo, "build/.test-cache/plans"));
    const file = path.join(repo, "build/.test-cache/plans", dir, `${DEV}.plan`);
    fs.rmSync(file);
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    fs.writeFileSync(`${file}.lock`, gone);
    assert.equal((await sharedPlan(repo, DEV, plan, 5_000)).outputs.marker, "mine");
    assert.equal(calls.count, 2);
    assert.ok(!fs.existsSync(`${file}.lock`));
  });
});
