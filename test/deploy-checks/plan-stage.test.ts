import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEPLOY_CHECKS } from "../../tools/deploy-checks";
import { REPO, committedConfig, tempProject } from "../helpers/plan";

function plan(...args: string[]) {
  const result = spawnSync(process.execPath, ["--stack-trace-limit=0", path.join(REPO, "build/tools/plan.js"), ...args], {
    cwd: REPO,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run plan: the deploy-check stage", () => {
  it("runs every deploy check on the committed dev stack and reports no finding", () => {
    const { code, stdout, stderr } = plan("--stack", "dev", "--quiet");
    assert.equal(code, 0, stderr);
    assert.match(stdout, new RegExp(`Deploy checks: ${DEPLOY_CHECKS.length} check\\(s\\), no finding`));
    assert.match(stdout, /203\.0\.113\.0\/24 in platform:deployer\.cidrs is a documentation placeholder/);
  });

  it("exits 1 on a finding, naming the resource, what happens at deploy and the fix, in text, --json and --markdown", () => {
    // A metrics-server chart version whose defaults nobody recorded: the plan cannot vouch for its pods.
    const config = committedConfig("dev");
    config["platform:regionDefaults"] = { cluster: { metricsServer: { version: "3.12.2" } } };
    const dir = tempProject({ unknown: { config } });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-checks-"));
    const { code, stdout, stderr } = plan(
      "--stack",
      "unknown",
      "--dir",
      dir,
      "--quiet",
      "--json",
      path.join(out, "plan.json"),
      "--markdown",
      path.join(out, "report.md"),
    );
    assert.equal(code, 1, stderr);
    assert.match(stdout, /Deploy checks: 2 finding\(s\) in \d+ check\(s\): the first `pulumi up` would fail/);
    assert.match(stdout, /helm-pods-schedulable: /);
    assert.match(stdout, /- kubernetes:helm\.sh\/v3:Release us-east-1-cluster-metrics-server-release \(us-east-1\)/);
    assert.match(stdout, /at deploy: the release waits up to 300 s for pods whose scheduling rules the plan does not know/);
    assert.match(stdout, /fix: +record the chart's default replicas/);
    const doc = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8"));
    assert.equal(doc.deployChecks.findings.length, 2);
    assert.deepEqual(
      doc.deployChecks.checks.map((c: { name: string }) => c.name),
      DEPLOY_CHECKS.map((c) => c.name),
    );
    const finding = doc.deployChecks.findings[0];
    assert.equal(finding.check, "helm-pods-schedulable");
    assert.equal(finding.resourceLabel.name, "us-east-1-cluster-metrics-server-release");
    assert.equal(finding.resourceLabel.type, "kubernetes:helm.sh/v3:Release");
    assert.match(finding.resource, /^urn:pulumi:unknown::platform::.*::us-east-1-cluster-metrics-server-release$/);
    const markdown = fs.readFileSync(path.join(out, "report.md"), "utf8");
    assert.match(markdown, /## Deploy checks\n\n❌ \*\*2 finding\(s\)\*\*/);
    assert.match(markdown, /\| helm-pods-schedulable \| `us-east-1-cluster-metrics-server-release` \(kubernetes:helm\.sh\/v3:Release\) \|/);
  });

  it("refuses a deployer that cannot reach the clusters as a config error (exit 2, key path, no stack trace)", () => {
    const config = committedConfig("dev");
    config["platform:deployer"] = { via: "public-endpoint", cidrs: ["10.20.0.0/16"] };
    const { code, stdout, stderr } = plan("--stack", "lan", "--dir", tempProject({ lan: { config } }));
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(
      stderr,
      /^error: invalid stack configuration\n {2}Pulumi\.lan\.yaml: platform:deployer\.cidrs\[0\]: 10\.20\.0\.0\/16 is a private \(RFC 1918\) range/,
    );
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});
