import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO, tempProject } from "../helpers/plan";

const TOOLS = ["plan", "diff", "clone-region", "clone-stack", "bench", "config-reference", "prices-refresh"] as const;

function tool(name: string, args: string[], options: { shell?: string } = {}) {
  const script = path.join(REPO, `build/tools/${name}.js`);
  const result =
    options.shell === undefined
      ? spawnSync(process.execPath, ["--stack-trace-limit=0", script, ...args], { cwd: REPO, encoding: "utf8" })
      : spawnSync(
          "bash",
          ["-c", `set -o pipefail; "${process.execPath}" --stack-trace-limit=0 "${script}" ${args.join(" ")} ${options.shell}`],
          {
            cwd: REPO,
            encoding: "utf8",
          },
        );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), "platform-cli-"));

describe("CLI conventions of every tool", () => {
  for (const name of TOOLS) {
    it(`${name} --help prints usage and exit codes on stdout, exits 0, and does nothing else`, () => {
      // -h is the same flag; one tool checks it (each run loads the Pulumi SDK).
      for (const flag of name === "plan" ? ["--help", "-h"] : ["--help"]) {
        const { code, stdout, stderr } = tool(name, [flag]);
        assert.equal(code, 0, stderr);
        assert.equal(stderr, "");
        assert.match(stdout, /^usage: npm run|\nusage: npm run/);
        assert.match(stdout, /\nexit codes:\n {2}0 {2}done\n {2}1 {2}.+\n {2}2 {2}bad input/);
        assert.match(stdout, / {2}-h, --help +print this help and exit\n/);
      }
    });
  }

  it("diff's help names exit code 3", () => {
    assert.match(tool("diff", ["--help"]).stdout, /\n {2}3 {2}a stateful resource would be deleted or replaced/);
  });

  const repeated: [string, string[], RegExp][] = [
    ["plan", ["--stack", "dev", "--stack", "prod"], /^error: --stack given 2 times \(dev, prod\); give it once\nusage: /],
    ["diff", ["--stack", "dev", "--base", "HEAD", "--base", "main"], /^error: --base given 2 times \(HEAD, main\); give it once/],
    ["clone-region", ["--stack", "prod", "--from", "eu-west-1", "--to", "eu-north-1", "--to", "eu-south-1"], /^error: --to given 2 times/],
    ["clone-stack", ["--from", "prod", "--to", "a", "--regions", "eu-west-1", "--dry-run", "--dry-run"], /^error: --dry-run given 2 times/],
    ["config-reference", ["--check", "--check"], /^error: --check given 2 times/],
  ];
  for (const [name, args, message] of repeated) {
    it(`${name} refuses a flag given twice (exit 2) instead of taking the last`, () => {
      const { code, stdout, stderr } = tool(name, args);
      assert.equal(code, 2);
      assert.equal(stdout, "");
      assert.match(stderr, message);
    });
  }

  it("bench refuses unknown options instead of ignoring them", () => {
    const { code, stderr } = tool("bench", ["--runs", "1"]);
    assert.equal(code, 2);
    assert.match(stderr, /^error: Unknown option '--runs'\nusage: npm run bench/);
  });

  describe("output paths are checked before any work (exit 2)", () => {
    it("plan: --json into a missing directory, --markdown onto a directory, both onto one file", () => {
      const dir = scratch();
      const missing = tool("plan", ["--stack", "dev", "--json", path.join(dir, "no-such-dir/plan.json")]);
      assert.equal(missing.code, 2);
      assert.equal(missing.stdout, "", "nothing was planned");
      assert.match(
        missing.stderr,
        /^error: --json .*no-such-dir\/plan\.json: cannot be written \(directory .*no-such-dir does not exist\)/,
      );
      const directory = tool("plan", ["--stack", "dev", "--markdown", dir]);
      assert.equal(directory.code, 2);
      assert.match(directory.stderr, /^error: --markdown .*: cannot be written \(is a directory\)/);
      const same = tool("plan", ["--stack", "dev", "--json", path.join(dir, "x"), "--markdown", path.join(dir, "x")]);
      assert.equal(same.code, 2);
      assert.match(same.stderr, /^error: --json and --markdown name the same file/);
    });

    it("plan: the check leaves no file behind when the plan then refuses the stack", () => {
      const dir = scratch();
      const project = tempProject({ bad: "config:\n  platform:environment: staging\n" });
      const json = path.join(dir, "plan.json");
      const result = tool("plan", ["--stack", "bad", "--dir", project, "--json", json]);
      assert.equal(result.code, 2);
      assert.ok(!fs.existsSync(json));
    });

    it("diff: --markdown into a missing directory, before a worktree is made", () => {
      const { code, stderr } = tool("diff", ["--stack", "dev", "--base", "HEAD", "--markdown", "/no-such-dir/diff.md"]);
      assert.equal(code, 2);
      assert.match(stderr, /^error: --markdown \/no-such-dir\/diff\.md: cannot be written \(directory \/no-such-dir does not exist\)/);
    });
  });

  it("plan output piped into a reader that stops early (| head) ends quietly with the plan's own exit code", () => {
    const { code, stdout, stderr } = tool("plan", ["--stack", "dev"], { shell: "| head -n 1" });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Previewing stack 'dev'/);
    assert.equal(stdout.split("\n").length, 2);
    assert.equal(stderr, "");
  });

  it("help prints into a closed pipe without an error", () => {
    const { code, stderr } = tool("diff", ["--help"], { shell: "| head -c 1 >/dev/null" });
    assert.equal(code, 0);
    assert.equal(stderr, "");
  });
});

describe("README: the commands and exit codes it documents", () => {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");

  it("lists every exit code the tools use, 3 (diff) included", () => {
    for (const code of [0, 1, 2, 3]) assert.match(readme, new RegExp(`\\n\\| \`${code}\` \\| `), `exit code ${code}`);
  });

  it("runs npm silently wherever an example redirects JSON, so npm's banner stays out of it", () => {
    const redirects = readme.split("\n").filter((line) => /npm run .*(--json( -)?)\s*>/.test(line));
    assert.ok(redirects.length > 0, "the README shows JSON redirected to a file");
    for (const line of redirects) assert.match(line, /npm run -s /, line);
  });
});
