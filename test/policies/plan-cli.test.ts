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
    assert.match(stdout, /Policies \(platform-policies@v0\.1\.0, config policies\/config\/dev\.json\): 32 of 35 enabled, 0 mandatory/);
  });

  it("puts the results into the JSON document", () => {
    const { code, stdout } = plan("--stack", "prod", "--json", "-");
    assert.equal(code, 0);
    const doc = JSON.parse(stdout);
    assert.equal(doc.policies.pack, "platform-policies");
    assert.equal(doc.policies.mandatory, 0);
    assert.ok(doc.policies.policies.some((p: { policy: string }) => p.policy === "region-in-residency-zone"));
  });

  it("exits 1 naming the policy when a stack file breaches one", () => {
    const config = committedConfig("prod");
    (config["platform:regionDefaults"] as any).database.multiAz = false;
    const dir = tempProject({ prod: { config } });
    const { code, stdout } = plan("--stack", "prod", "--quiet", "--dir", dir);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /multi-az \(mandatory\): Databases and caches are Multi-AZ/);
    assert.match(
      stdout,
      /\[mandatory\] urn:pulumi:prod::platform::\S+::us-east-1-database-primary\n\s+us-east-1-database-primary: set multiAz: true\./,
    );
  });
});
