import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pruneStaleWorktrees } from "../../tools/report/base-plan";
import { REPO } from "../helpers/plan";

const DIFF = path.join(REPO, "build/tools/diff.js");

const worktrees = (): string[] =>
  execFileSync("git", ["worktree", "list", "--porcelain"], { cwd: REPO, encoding: "utf8" })
    .split("\n")
    .filter((l) => l.startsWith("worktree "))
    .map((l) => l.slice("worktree ".length));

/** The temporary directories of diffs run by process `pid` (their owner file names it). */
function ownedBy(pid: number): string[] {
  return fs
    .readdirSync(os.tmpdir())
    .filter((d) => d.startsWith("platform-diff-"))
    .map((d) => path.join(os.tmpdir(), d))
    .filter((d) => {
      try {
        return (JSON.parse(fs.readFileSync(path.join(d, "owner.json"), "utf8")) as { pid: number }).pid === pid;
      } catch {
        return false;
      }
    });
}

/** A worktree laid out as a diff lays it out, owned by `pid`. */
function plantWorktree(pid: number): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "platform-diff-"));
  fs.writeFileSync(path.join(tmp, "owner.json"), JSON.stringify({ pid }));
  const worktree = path.join(tmp, "base");
  execFileSync("git", ["worktree", "add", "--detach", "--quiet", worktree, "HEAD"], { cwd: REPO });
  return worktree;
}

/** Runs `npm run diff` and sends `signal` once its base worktree exists; resolves with its exit code. */
function interrupt(signal: "SIGINT" | "SIGTERM"): Promise<{ code: number | null; pid: number; worktree: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // An empty base-build cache (PLATFORM_DIFF_CACHE), so the diff checks HEAD out in a worktree.
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "platform-diff-cache-"));
    const child = spawn(process.execPath, ["--stack-trace-limit=0", DIFF, "--stack", "dev", "--base", "HEAD"], {
      cwd: REPO,
      env: { ...process.env, PLATFORM_DIFF_CACHE: cache },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let worktree = "";
    const poll = setInterval(() => {
      const [tmp] = ownedBy(child.pid!);
      if (tmp && fs.existsSync(path.join(tmp, "base", "Pulumi.yaml"))) {
        worktree = path.join(tmp, "base");
        clearInterval(poll);
        child.kill(signal);
      }
    }, 20);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ code, pid: child.pid!, worktree, stderr });
    });
  });
}

describe("report: npm run diff leaves no worktree behind", function () {
  this.timeout(180_000);

  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`removes its worktree when interrupted by ${signal} (exit ${code})`, async () => {
      const result = await interrupt(signal);
      assert.ok(result.worktree !== "", `the diff ended before its worktree was seen: ${result.stderr}`);
      assert.equal(result.code, code, result.stderr);
      assert.match(result.stderr, new RegExp(`interrupted \\(${signal}\\): cleaned up`));
      assert.ok(!fs.existsSync(result.worktree), "worktree directory removed");
      assert.ok(!worktrees().includes(result.worktree), "worktree unregistered");
      assert.deepEqual(ownedBy(result.pid), []);
    });
  }

  it("prunes a worktree whose diff died (SIGKILL) and leaves a running diff's alone", () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const stale = plantWorktree(dead);
    const live = plantWorktree(process.pid);
    try {
      const pruned = pruneStaleWorktrees(REPO);
      // Another diff running at the same time (mocha runs files in parallel) may prune it first.
      assert.ok(pruned.includes(stale) || !worktrees().includes(stale), "the dead owner's worktree is pruned");
      assert.ok(!worktrees().includes(stale) && !fs.existsSync(path.dirname(stale)));
      assert.ok(worktrees().includes(live), "a live owner's worktree stays");
    } finally {
      execFileSync("git", ["worktree", "remove", "--force", live], { cwd: REPO });
      fs.rmSync(path.dirname(live), { recursive: true, force: true });
    }
  });

  it("quotes the ref it echoes in its hint, and refuses one that looks like an option", () => {
    const quoted = spawnSync(process.execPath, [DIFF, "--stack", "dev", "--base", "no such;ref"], { cwd: REPO, encoding: "utf8" });
    assert.equal(quoted.status, 2);
    assert.match(quoted.stderr, /fetch it first: git fetch origin 'no such;ref'\)/);
    const option = spawnSync(process.execPath, [DIFF, "--stack", "dev", "--base=--output=/tmp/x"], { cwd: REPO, encoding: "utf8" });
    assert.equal(option.status, 2);
    assert.match(option.stderr, /^error: --base --output=\/tmp\/x: a git ref does not start with "-"/);
  });
});
