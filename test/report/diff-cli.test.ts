import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "../helpers/plan";

const DIFF = path.join(REPO, "build/tools/diff.js");
const run = (...args: string[]) => spawnSync(process.execPath, ["--stack-trace-limit=0", DIFF, ...args], { cwd: REPO, encoding: "utf8" });
/** A diff keeping its base builds in `cache` (PLATFORM_DIFF_CACHE), apart from other tests' diffs. */
const runWithCache = (cache: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--stack-trace-limit=0", DIFF, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, PLATFORM_DIFF_CACHE: cache },
  });
const scratchCache = () => fs.mkdtempSync(path.join(os.tmpdir(), "platform-diff-cache-"));

const ownerOf = (tmp: string): number | undefined => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(tmp, "owner.json"), "utf8")) as { pid: number }).pid;
  } catch {
    return undefined;
  }
};

describe("report: npm run diff (end to end)", () => {
  it("exits 2 with the usage when --base is missing", () => {
    const result = run("--stack", "prod");
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^error: --base is required\nusage: npm run diff -- --stack <name> --base <git-ref>/);
  });

  it("exits 2 naming a ref that is not a commit", () => {
    const result = run("--stack", "prod", "--base", "no-such-ref-anywhere");
    assert.equal(result.status, 2);
    assert.match(result.stderr, /error: --base no-such-ref-anywhere: not a commit in this repository/);
  });

  it("diffs the working tree against HEAD through a temporary worktree, as JSON, and cleans up", function () {
    this.timeout(180_000);
    // An empty cache: this diff builds HEAD from a worktree, which it must remove.
    const result = runWithCache(scratchCache(), "--stack", "prod", "--base", "HEAD", "--json");
    assert.ok(result.status === 0 || result.status === 3, result.stderr);
    const diff = JSON.parse(result.stdout) as { base: string; counts: Record<string, number>; blocked: boolean; dangerous: unknown[] };
    assert.match(diff.base, /^HEAD \([0-9a-f]{8}\)/);
    assert.equal(diff.blocked, result.status === 3);
    assert.equal(diff.blocked, diff.dangerous.length > 0);
    assert.ok(!result.stdout.includes("hunter2"));
    // Its own temporary worktree is gone (other diffs may be running on this repository meanwhile).
    const left = fs
      .readdirSync(os.tmpdir())
      .filter((d) => d.startsWith("platform-diff-") && ownerOf(path.join(os.tmpdir(), d)) === result.pid);
    assert.deepEqual(left, []);
  });

  it("reuses the base ref's build, cached by commit, on the next diff", function () {
    this.timeout(180_000);
    const cache = scratchCache();
    const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: REPO, encoding: "utf8" }).stdout.trim();
    assert.ok([0, 3].includes(runWithCache(cache, "--stack", "prod", "--base", "HEAD", "--json").status!));
    const entries = fs.readdirSync(cache).filter((name) => name.startsWith(`${head}-`));
    assert.equal(entries.length, 1, `one cached build of ${head} in ${cache}`);
    // Planted: the cached copy of the base loses its prod stack file. A diff that reads the cache
    // (and does not check the commit out again) now sees a base without that stack.
    fs.rmSync(path.join(cache, entries[0], "Pulumi.prod.yaml"));
    const result = runWithCache(cache, "--stack", "prod", "--base", "HEAD", "--json");
    assert.ok(result.status === 0 || result.status === 3, result.stderr);
    const diff = JSON.parse(result.stdout) as { base: string; counts: Record<string, number> };
    assert.match(diff.base, /where the stack did not exist/);
    assert.ok(diff.counts.create > 0 && diff.counts.delete === 0);
  });
});
