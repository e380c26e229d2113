import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ownersOf, parseCodeowners, patternRegex } from "../../tools/pipeline/codeowners";
import { ALLOW_LABEL, GateInput, Review, decideGate } from "../../tools/pipeline/diff-gate";
import { REPO } from "../helpers/plan";

const CODEOWNERS = parseCodeowners(`
* @org/everyone
/policies/ @org/security
# data owners by handle
/Pulumi.prod.yaml @org/leads @Alice @bob   # trailing comment
docs/*.md @writer
`);

const HEAD = "a".repeat(40);
const dangerous = [{ op: "replace", type: "aws:rds/instance:Instance", name: "us-east-1-database-primary", region: "us-east-1" }];
const review = (login: string, state: string, commit = HEAD, at = "2026-12-01T10:00:00Z"): Review => ({
  user: { login },
  state,
  commit_id: commit,
  submitted_at: at,
});
const input = (over: Partial<GateInput>): GateInput => ({
  stack: "prod",
  dangerous,
  labels: [],
  reviews: [],
  headSha: HEAD,
  codeowners: CODEOWNERS,
  ...over,
});

describe("pipeline: CODEOWNERS", () => {
  it("matches like GitHub: anchored paths, directories, globs, the last matching line wins", () => {
    assert.deepEqual(ownersOf(CODEOWNERS, "Pulumi.prod.yaml"), ["@org/leads", "@Alice", "@bob"]);
    assert.deepEqual(ownersOf(CODEOWNERS, "policies/rules/index.ts"), ["@org/security"]);
    assert.deepEqual(ownersOf(CODEOWNERS, "tools/policies/x.ts"), ["@org/everyone"], "/policies/ is anchored to the root");
    assert.deepEqual(ownersOf(CODEOWNERS, "docs/a.md"), ["@writer"]);
    assert.deepEqual(ownersOf(CODEOWNERS, "docs/runbooks/a.md"), ["@org/everyone"], "* does not cross a slash");
    assert.ok(patternRegex("**/logs").test("a/b/logs/x"));
    assert.ok(patternRegex("*.yaml").test("deep/down/Pulumi.dev.yaml"));
  });

  it("the repository's CODEOWNERS owns the policies, the prod stack, the workflows and the gate, with a user for the prod data", () => {
    const rules = parseCodeowners(fs.readFileSync(path.join(REPO, ".github/CODEOWNERS"), "utf8"));
    for (const file of [
      "policies/rules/index.ts",
      "Pulumi.prod.yaml",
      ".github/workflows/pull-request.yml",
      ".github/workflows/deploy.yml",
      ".github/CODEOWNERS",
      "renovate.json5",
      "tools/pipeline/diff-gate.ts",
      "tools/diff-gate.ts",
      "tools/rollout/waves.ts",
      // What holds data and what a change replaces: the catalogue the diff reads.
      "tools/catalogue/aws/rds.ts",
    ]) {
      const owners = ownersOf(rules, file);
      assert.ok(owners.length > 0, `${file} has no code owner`);
      assert.notDeepEqual(owners, ownersOf(rules, "components/network/network.ts"), `${file} falls back to the catch-all owner`);
    }
    assert.ok(
      ownersOf(rules, "Pulumi.prod.yaml").some((o) => !o.includes("/")),
      "a user handle, whose approval the gate can check",
    );
    for (const rule of rules) assert.ok(rule.owners.length > 0, `line ${rule.line} (${rule.pattern}) has no owner`);
  });

  it("names in CODEOWNERS only paths the repository has (a moved file would silently lose its owners)", () => {
    const rules = parseCodeowners(fs.readFileSync(path.join(REPO, ".github/CODEOWNERS"), "utf8"));
    const tracked = execFileSync("git", ["ls-files"], { cwd: REPO, encoding: "utf8" }).split("\n").filter(Boolean);
    const unmatched = (patterns: readonly { pattern: string; line: number }[]) =>
      patterns.filter((rule) => !tracked.some((file) => patternRegex(rule.pattern).test(file))).map((rule) => rule.pattern);
    assert.deepEqual(unmatched(rules), []);
    // Planted: a path that is gone.
    assert.deepEqual(unmatched([...rules, { pattern: "/tools/report/replacements.ts", line: 99 }]), ["/tools/report/replacements.ts"]);
  });
});

describe("pipeline: the stateful-change gate on npm run diff", () => {
  it("passes when nothing stateful is deleted or replaced", () => {
    assert.equal(decideGate(input({ dangerous: [] })).allowed, true);
  });

  it("blocks a database replacement without the label or an owner's approval, saying what would allow it", () => {
    const decision = decideGate(input({ reviews: [review("carol", "APPROVED")] }));
    assert.equal(decision.allowed, false);
    assert.match(decision.reason, /1 stateful resource\(s\) would be deleted or replaced; this needs the label `allow-stateful-change`/);
    assert.match(decision.reason, /@alice, @bob/);
    assert.match(decision.reason, /team owners \(@org\/leads\) cannot be checked with the workflow token/);
  });

  it("is allowed by the named label", () => {
    assert.equal(decideGate(input({ labels: ["ready", ALLOW_LABEL] })).allowed, true);
  });

  it("is allowed by a code owner's approval of the current head commit (handles match case-insensitively)", () => {
    const decision = decideGate(input({ reviews: [review("alice", "APPROVED")] }));
    assert.deepEqual(decision, { allowed: true, reason: "allowed by the approval of @alice (code owner of Pulumi.prod.yaml)" });
  });

  it("ignores an approval of an older commit, and one the owner later withdrew or that was dismissed", () => {
    assert.equal(decideGate(input({ reviews: [review("alice", "APPROVED", "b".repeat(40))] })).allowed, false);
    const withdrawn = [review("bob", "APPROVED"), review("bob", "CHANGES_REQUESTED")];
    assert.equal(decideGate(input({ reviews: withdrawn })).allowed, false);
    const dismissed = [review("bob", "APPROVED"), review("bob", "DISMISSED")];
    assert.equal(decideGate(input({ reviews: dismissed })).allowed, false);
    // A later comment does not withdraw an approval.
    assert.equal(decideGate(input({ reviews: [review("bob", "APPROVED"), review("bob", "COMMENTED")] })).allowed, true);
  });

  it("counts only owners of the stack being changed (dev's owners cannot approve a prod replacement)", () => {
    const rules = parseCodeowners("/Pulumi.dev.yaml @dave\n/Pulumi.prod.yaml @alice\n");
    assert.equal(decideGate(input({ codeowners: rules, reviews: [review("dave", "APPROVED")] })).allowed, false);
    assert.equal(decideGate(input({ codeowners: rules, stack: "dev", reviews: [review("dave", "APPROVED")] })).allowed, true);
  });
});

describe("pipeline: npm run diff-gate (end to end)", () => {
  const TOOL = path.join(REPO, "build/tools/diff-gate.js");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diff-gate-"));
  const file = (name: string, value: unknown) => {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
    return path.join(dir, name);
  };
  const run = (labels: unknown, reviews: unknown) =>
    spawnSync(
      process.execPath,
      [
        TOOL,
        ...["--stack", "prod", "--diff", file("diff.json", { blocked: true, dangerous })],
        ...["--labels", file("labels.json", labels), "--reviews", file("reviews.json", reviews)],
        ...["--head-sha", HEAD, "--markdown", path.join(dir, "gate.md")],
      ],
      { cwd: REPO, encoding: "utf8" },
    );

  it("exits 3 with the reason when blocked, and writes the markdown for the job summary", () => {
    const result = run([{ name: "ready" }], []);
    assert.equal(result.status, 3);
    assert.match(result.stderr, /^error: stateful-change gate for prod: 1 stateful resource\(s\) would be deleted or replaced/);
    assert.match(
      fs.readFileSync(path.join(dir, "gate.md"), "utf8"),
      /\*\*Blocked\*\*.*\n\n- replace `aws:rds\/instance:Instance` us-east-1-database-primary/s,
    );
  });

  it("exits 0 with the label, and 2 on a file that is not the GitHub API's shape", () => {
    assert.equal(run([{ name: ALLOW_LABEL }], []).status, 0);
    const bad = run({ name: ALLOW_LABEL }, []);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^error: --labels: not the GitHub API's list shape/);
  });
});
