import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "../helpers/plan";

/** One bench measurement, as `npm run bench` runs it: a fresh process printing one JSON line. */
function child(...args: string[]): { mode: string; resources: number } {
  const result = spawnSync(process.execPath, ["--stack-trace-limit=0", path.join(REPO, "build/tools/bench/child.js"), ...args], {
    cwd: REPO,
    encoding: "utf8",
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as { mode: string; resources: number };
}

// The bench has no other test that plans: a rule of the engine (explicit providers, regional
// inputs) that its floors break would otherwise surface only when someone runs `npm run bench`.
describe("bench measurements run under the engine's rules (explicit providers, regional inputs)", () => {
  it("floor, plan and replay each register their resources and exit 0", () => {
    assert.equal(child("floor", REPO, "dev", "50").resources, 52, "the bare resources, their explicit provider and the stack");
    const record = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-")), "dev.json");
    const plan = child("plan", REPO, "dev", record);
    const replay = child("replay", REPO, "dev", record);
    assert.ok(replay.resources >= plan.resources, `replay registered ${replay.resources} of the plan's ${plan.resources}`);
  });
});
