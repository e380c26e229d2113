import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { StackInfo, egressProblem, stackInfo } from "../../tools/pipeline/stack-info";
import { REPO, tempProject } from "../helpers/plan";

const TOOL = path.join(REPO, "build/tools/stack-info.js");
const run = (...args: string[]) => spawnSync(process.execPath, ["--stack-trace-limit=0", TOOL, ...args], { cwd: REPO, encoding: "utf8" });

/** The expression the old pull-request workflow used to pick the policy config. */
const OLD_SED = "s/^ *platform:environment: *\\([a-z]*\\).*/\\1/p";

describe("pipeline: npm run stack-info", () => {
  it("reads environment, policy config, regions and zones of the committed stacks", () => {
    const prod = stackInfo(REPO, "prod");
    assert.equal(prod.environment, "prod");
    assert.equal(prod["policy-config"], "policies/config/prod.json");
    assert.ok(fs.existsSync(path.join(REPO, prod["policy-config"])));
    assert.deepEqual(prod.regions, ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"]);
    assert.deepEqual(prod.zones, [
      { zone: "us", regions: ["us-east-1", "us-west-2"] },
      { zone: "eu", regions: ["eu-west-1", "eu-central-1"] },
    ]);
    assert.equal(stackInfo(REPO, "dev")["policy-config"], "policies/config/dev.json");
  });

  it("agrees with the YAML parser where the old sed did not: a quoted key and value", () => {
    const text = fs
      .readFileSync(path.join(REPO, "Pulumi.prod.yaml"), "utf8")
      .replace("  platform:environment: prod", "  'platform:environment': \"prod\" # quoted, as YAML allows");
    const dir = tempProject({ quoted: text });
    const file = path.join(dir, "Pulumi.quoted.yaml");
    // The sed finds nothing, so the old workflow passed `policies/config/.json` to the preview.
    assert.equal(execFileSync("sed", ["-n", OLD_SED, file], { encoding: "utf8" }), "");
    assert.equal(stackInfo(dir, "quoted").environment, "prod");
  });

  it("prints one field for a shell, or everything as JSON", () => {
    const field = run("--stack", "prod", "--field", "policy-config");
    assert.equal(field.status, 0, field.stderr);
    assert.equal(field.stdout, "policies/config/prod.json\n");
    const json = run("--stack", "dev", "--json");
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(stackInfo(REPO, "dev"))));
  });

  it("refuses an unknown field, a missing stack and bad usage with exit 2 and no stack trace", () => {
    const unknown = run("--stack", "prod", "--field", "enviroment");
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^error: --field enviroment: no such field; fields: stack, environment, policy-config/);
    const missing = run("--stack", "staging", "--json");
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^error: Pulumi\.staging\.yaml: no such stack file/);
    const both = run("--stack", "prod");
    assert.equal(both.status, 2);
    assert.match(both.stderr, /give exactly one of --field, --json or --check-egress/);
    for (const r of [unknown, missing, both]) assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it("--all lists every stack for a workflow matrix", () => {
    const all = run("--all");
    assert.equal(all.status, 0, all.stderr);
    assert.deepEqual(
      (JSON.parse(all.stdout) as StackInfo[]).map((i) => [i.stack, i.environment]),
      [
        ["dev", "dev"],
        ["prod", "prod"],
      ],
    );
  });

  it("checks a runner's egress address against platform:deployer.cidrs before a deploy reaches the cluster APIs", () => {
    const info = { ...stackInfo(REPO, "prod"), "deployer-cidrs": ["198.51.100.0/24", "192.0.2.7/32"] };
    assert.equal(egressProblem(info, "198.51.100.23"), undefined);
    assert.equal(egressProblem(info, "192.0.2.7"), undefined);
    assert.match(
      egressProblem(info, "192.0.2.8") ?? "",
      /^this runner's public address 192\.0\.2\.8 is not in platform:deployer\.cidrs of Pulumi\.prod\.yaml/,
    );
    assert.match(egressProblem(info, "not-an-ip") ?? "", /is not an IPv4 address/);
    assert.match(egressProblem({ ...info, "deployer-cidrs": [] }, "192.0.2.7") ?? "", /sets no platform:deployer\.cidrs/);
  });
});
