import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { REPO, committedConfig, tempProject } from "../helpers/plan";

function plan(...args: string[]) {
  const result = spawnSync(process.execPath, ["--stack-trace-limit=0", `${REPO}/build/tools/plan.js`, ...args], {
    cwd: REPO,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run plan with the policy pack", () => {
  it("prints the pack's results for dev and exits 0", () => {
    const { code, stdout, stderr } = plan("--stack", "dev", "--quiet");
    assert.equal(code, 0, stderr + stdout);
    assert.match(stdout, /Policies \(platform-policies@v0\.1\.0, config policies\/config\/dev\.json\): 33 of 36 enabled, 0 mandatory/);
  });

  it("puts the results into the JSON document", () => {
    const { code, stdout } = plan("--stack", "prod", "--json", "-");
    assert.equal(code, 0);
    const doc = JSON.parse(stdout);
    assert.equal(doc.policies.pack, "platform-policies");
    assert.equal(doc.policies.mandatory, 0);
    assert.ok(doc.policies.policies.some((p: { policy: string }) => p.policy === "region-in-residency-zone"));
  });

  it("refuses at the key the user typed, exit 2, what the prod pack would refuse", () => {
    const config = committedConfig("prod");
    (config["platform:regionDefaults"] as any).database.multiAz = false;
    (config["platform:regions"] as any)[0].database.backupRetentionDays = 3;
    const dir = tempProject({ prod: { config } });
    const { code, stdout, stderr } = plan("--stack", "prod", "--quiet", "--dir", dir);
    assert.equal(code, 2, stdout + stderr);
    assert.equal(stdout, "");
    assert.match(
      stderr,
      /Pulumi\.prod\.yaml: platform:regionDefaults\.database\.multiAz: must be true in prod: a primary must survive the loss of an availability zone \(policy multi-az, policies\/config\/prod\.json\) \(inherited by regions\[0\] \(us-east-1\), regions\[1\] \(us-west-2\), regions\[2\] \(eu-west-1\), regions\[3\] \(eu-central-1\)\)/,
    );
    assert.match(
      stderr,
      /Pulumi\.prod\.yaml: platform:regions\[0\]\.database\.backupRetentionDays: must be at least 7 in prod, got 3 \(policy backup-retention, policies\/config\/prod\.json\)/,
    );
  });
});
