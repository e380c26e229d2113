/**
 * Plans a stack as it was at a git ref, with that ref's own program, engine and mocks, in a child
 * process (one Pulumi runtime per process), while the caller plans the working tree beside it.
 *
 * The base is built once per commit: a temporary `git worktree` of the commit is transpiled with
 * this checkout's build (tools/build.cjs: esbuild, no type check; the base was checked when it was
 * merged) into a cache entry, build/.diff-base/<commit>-<build key>/ (or under PLATFORM_DIFF_CACHE),
 * which holds the commit's files (stack files, policy configs, ...), its build/ and a link to this
 * checkout's node_modules, so nothing is installed. The next diff against the same commit starts its
 * child at once; the oldest entries beyond a few are dropped.
 *
 * The worktree is removed when the build ends, fails, or is interrupted (SIGINT, SIGTERM); one left
 * by a process that died harder (SIGKILL, power loss) is pruned by the next run, which can tell it
 * from a concurrent run's by the owner file next to it.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError, cleanupOnInterrupt } from "../cli";
import { Plan } from "../engine/model";
import { shellQuote } from "../shell";
import { processAlive } from "../shared-state";

export interface BasePlan {
  /** The commit planned (full hash). */
  readonly commit: string;
  /** Undefined when the stack had no stack file at that ref (everything is then new). */
  readonly plan?: Plan;
}

/** Cached base builds kept besides the one in use. */
const KEEP_BUILDS = 4;

function git(repo: string, args: string[]): string {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

export function resolveCommit(repo: string, ref: string): string {
  try {
    return git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new UsageError(
      `--base ${shellQuote(ref)}: not a commit in this repository (in a shallow CI clone, fetch it first: git fetch origin ${shellQuote(ref)})`,
    );
  }
}

type Build = typeof import("../build.cjs");

/** This checkout's build (plain CommonJS beside tools/, not compiled into build/). */
function build(repo: string): Build {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(repo, "tools/build.cjs")) as Build;
}

/** Directories of a checkout a plan never needs. */
const SKIP = new Set(["node_modules", "build", "test"]);

/** Copies the files a plan may read (everything but TypeScript, tests, builds and dot-folders). */
function copyData(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || SKIP.has(entry.name)) continue;
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyData(source, path.join(to, entry.name));
    else if (entry.isFile() && !entry.name.endsWith(".ts")) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, path.join(to, entry.name));
    }
  }
}

/** Where each diff's temporary directory says which process owns its worktree. */
const OWNER_FILE = "owner.json";
const TMP_PREFIX = "platform-diff-";
/** A worktree of ours without an owner file (made by an older version) counts as stale after this long. */
const UNOWNED_STALE_MS = 60 * 60 * 1000;

/** Removes a diff's worktree and its temporary directory, whatever state they are in. */
function removeWorktree(repo: string, tmp: string, worktree: string): void {
  // Unlink our node_modules first, so no cleanup step can ever reach through it.
  fs.rmSync(path.join(worktree, "node_modules"), { force: true });
  try {
    git(repo, ["worktree", "remove", "--force", worktree]);
  } catch {
    // Not registered, or its directory vanished: prune drops the bookkeeping of the latter.
    fs.rmSync(tmp, { recursive: true, force: true });
    git(repo, ["worktree", "prune"]);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

/**
 * Removes worktrees earlier diffs left behind: ours by name (`<tmp>/platform-diff-*\/base`), whose
 * owner process is gone. A running diff (this checkout's or another's) is left alone.
 */
export function pruneStaleWorktrees(repo: string): string[] {
  const listing = git(repo, ["worktree", "list", "--porcelain"]);
  const pruned: string[] = [];
  for (const block of listing.split("\n\n")) {
    const worktree = /^worktree (.+)$/m.exec(block)?.[1];
    if (!worktree || path.basename(worktree) !== "base" || !path.basename(path.dirname(worktree)).startsWith(TMP_PREFIX)) continue;
    if (/^locked/m.test(block)) continue;
    const tmp = path.dirname(worktree);
    let stale: boolean;
    try {
      const owner = JSON.parse(fs.readFileSync(path.join(tmp, OWNER_FILE), "utf8")) as { pid?: unknown };
      stale = typeof owner.pid !== "number" || !processAlive(owner.pid);
    } catch {
      const made = fs.existsSync(tmp) ? fs.statSync(tmp).mtimeMs : 0;
      stale = Date.now() - made > UNOWNED_STALE_MS;
    }
    if (!stale) continue;
    removeWorktree(repo, tmp, worktree);
    pruned.push(worktree);
  }
  return pruned;
}

interface ChildResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the base plan in a child process; `started` hands the child to whoever must stop it. */
function runChild(args: string[], cwd: string, started: (child: ChildProcess) => void): Promise<ChildResult> {
  const limit = 512 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    started(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) child.kill("SIGTERM");
      else into.push(chunk);
    };
    child.stdout.on("data", collect(out));
    child.stderr.on("data", collect(err));
    child.on("error", reject);
    child.on("close", (status) => {
      if (size > limit) reject(new Error(`the base plan printed more than ${limit / 1024 / 1024} MiB`));
      else resolve({ status, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** Where the base builds are kept: PLATFORM_DIFF_CACHE (a CI cache, say), else inside build/. */
function cacheDir(repo: string): string {
  return path.resolve(process.env.PLATFORM_DIFF_CACHE ?? path.join(repo, "build", ".diff-base"));
}

/** The cache entry of `commit`: built now from a temporary worktree unless an earlier diff did. */
function baseBuild(repo: string, commit: string): string {
  const cache = cacheDir(repo);
  const entry = path.join(cache, `${commit}-${build(repo).buildKey().slice(0, 12)}`);
  if (fs.existsSync(path.join(entry, "build"))) {
    fs.utimesSync(entry, new Date(), new Date());
    return entry;
  }
  fs.mkdirSync(cache, { recursive: true });
  pruneStaleWorktrees(repo);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), TMP_PREFIX));
  fs.writeFileSync(path.join(tmp, OWNER_FILE), `${JSON.stringify({ pid: process.pid, commit })}\n`);
  const worktree = path.join(tmp, "base");
  const staging = fs.mkdtempSync(path.join(cache, ".staging-"));
  const cleanup = () => {
    removeWorktree(repo, tmp, worktree);
    fs.rmSync(staging, { recursive: true, force: true });
  };
  const release = cleanupOnInterrupt(cleanup);
  try {
    git(repo, ["worktree", "add", "--detach", "--quiet", worktree, commit]);
    copyData(worktree, staging);
    build(repo).buildTree(worktree, path.join(staging, "build"));
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(staging, "node_modules"), "dir");
    // Complete entries only: another diff may be building the same commit; the first rename wins.
    try {
      fs.renameSync(staging, entry);
    } catch {
      // The other diff's entry is as good as ours.
    }
  } finally {
    release();
    cleanup();
  }
  dropOldBuilds(cache, entry);
  return entry;
}

function dropOldBuilds(cache: string, keep: string): void {
  const entries = fs
    .readdirSync(cache)
    .filter((name) => !name.startsWith("."))
    .map((name) => path.join(cache, name))
    .filter((dir) => dir !== keep)
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  // Unlink node_modules first, so removing an entry can never reach through it.
  for (const old of entries.slice(KEEP_BUILDS)) {
    fs.rmSync(path.join(old, "node_modules"), { force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
}

/**
 * Plans `stack` at `commit` (from resolveCommit). The cache entry is prepared synchronously, then
 * the child plans while the caller's event loop is free to plan the working tree beside it.
 */
export async function planAtCommit(repo: string, ref: string, commit: string, stack: string): Promise<BasePlan> {
  const entry = baseBuild(repo, commit);
  if (!fs.existsSync(path.join(entry, `Pulumi.${stack}.yaml`))) return { commit };
  for (const required of ["index.js", "tools/engine/run.js"]) {
    if (!fs.existsSync(path.join(entry, "build", required)))
      throw new Error(`base ${ref} (${commit.slice(0, 8)}) has no ${required.replace(/\.js$/, ".ts")}: it predates the offline engine`);
  }
  let child: ChildProcess | undefined;
  const release = cleanupOnInterrupt(() => child?.kill("SIGTERM"));
  try {
    const engine = path.join(entry, "build/tools/engine/run.js");
    const result = await runChild(["--stack-trace-limit=0", path.join(__dirname, "plan-json.js"), engine, entry, stack], entry, (c) => {
      child = c;
    });
    if (result.status !== 0)
      throw new Error(`planning stack ${stack} at ${ref} (${commit.slice(0, 8)}) failed: ${(result.stderr || result.stdout).trim()}`);
    return { commit, plan: JSON.parse(result.stdout) as Plan };
  } finally {
    release();
  }
}
