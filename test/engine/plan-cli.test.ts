import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO, tempProject } from "../helpers/plan";

const PLAN = path.join(REPO, "build/tools/plan.js");

function plan(...args: string[]) {
  const result = spawnSync(process.execPath, ["--stack-trace-limit=0", PLAN, ...args], { cwd: REPO, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run plan (end to end)", () => {
  it("prints concise output by default: counts per region, notices once, no outputs JSON or tree", () => {
    const { code, stdout, stderr } = plan("--stack", "dev");
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Resources per region \(--verbose: per type\):/);
    assert.doesNotMatch(stdout, /^Outputs:/m);
    assert.doesNotMatch(stdout, /[├└]─ /, "no resource tree");
    const notice = /no WAF web ACL protects the CDN/g;
    assert.equal(stdout.match(notice)?.length, 1, "each notice is printed once");
    assert.ok(stdout.split("\n").length < 120, `${stdout.split("\n").length} lines`);
  });

  it("prints the dev tree with one VPC per region, counts and limitations with --verbose, and exits 0", () => {
    const { code, stdout, stderr } = plan("--stack", "dev", "--verbose");
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Previewing stack 'dev' of project 'platform' offline/);
    assert.equal(stdout.match(/awsx:ec2:Vpc +us-east-1-network-vpc +us-east-1/g)?.length, 1);
    assert.equal(stdout.match(/awsx:ec2:Vpc +eu-west-1-network-vpc +eu-west-1/g)?.length, 1);
    assert.match(stdout, /Resources per type and region:/);
    assert.match(stdout, /What an offline plan cannot show:/);
    assert.match(stdout, /remote component/);
  });

  it("writes a document shaped like `pulumi preview --json` for prod", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-json-")), "plan.json");
    const { code, stderr } = plan("--stack", "prod", "--json", file, "--quiet");
    assert.equal(code, 0, stderr);
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    assert.ok(Array.isArray(doc.steps) && doc.steps.length > 0);
    assert.equal(doc.changeSummary.create, doc.steps.length);
    const stack = doc.steps[0];
    assert.equal(stack.newState.type, "pulumi:pulumi:Stack");
    assert.equal(stack.urn, "urn:pulumi:prod::platform::pulumi:pulumi:Stack::platform-prod");
    const vpcs = doc.steps.filter((s: any) => s.newState.type === "awsx:ec2:Vpc");
    assert.equal(vpcs.length, 4);
    for (const step of doc.steps) {
      assert.equal(step.op, "create");
      assert.equal(step.newState.urn, step.urn);
      assert.ok("inputs" in step.newState && "outputs" in step.newState);
      if (step.newState.type !== "pulumi:pulumi:Stack") assert.ok(step.newState.parent, `${step.urn} has no parent`);
    }
    const vpc = vpcs[0];
    assert.match(
      vpc.urn,
      /^urn:pulumi:prod::platform::platform:region:Region\$platform:network:Network\$awsx:ec2:Vpc::[a-z0-9-]+-network-vpc$/,
    );
    assert.match(vpc.provider, /^urn:pulumi:prod::platform::pulumi:providers:aws::aws-[a-z0-9-]+::[0-9a-f]+$/);
  });

  it("rejects bad config with one clear error, exit 2 and no stack trace", () => {
    const dir = tempProject({
      bad: {
        config: {
          "platform:environment": "dev",
          "platform:network": { supernet: "10.0.0.0/9" },
          "platform:deployer": { via: "public-endpoint", cidrs: ["198.51.100.7/32"] },
          "platform:tags": { team: "platform", "cost-center": "eng" },
          "platform:regions": [{ region: "eu-west-2", zone: "eu" }],
        },
      },
    });
    const { code, stdout, stderr } = plan("--stack", "bad", "--dir", dir);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(
      stderr,
      /^error: invalid stack configuration\n {2}Pulumi\.bad\.yaml: platform:regions\[0\]\.zone: eu-west-2 is not in residency zone "eu"/,
    );
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it("rejects a YAML syntax error and bad usage with exit 2", () => {
    const dir = tempProject({ broken: "config:\n  platform:regions: [\n" });
    const broken = plan("--stack", "broken", "--dir", dir);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^error: Pulumi\.broken\.yaml:\d+:\d+: YAML syntax error/);
    const usage = plan("--stak", "dev");
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Unknown option '--stak'\nusage: npm run plan -- --stack <name>/);
  });
});
