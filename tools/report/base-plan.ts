/**
 * Plans a stack as it was at a git ref: a temporary `git worktree` of the ref, transpiled with this
 * checkout's TypeScript into its own build/, then evaluated by ITS engine in a child process (each
 * ref keeps its own program, engine and mocks; one Pulumi runtime per process). The worktree reuses
 * this checkout's node_modules through a symlink, so nothing is installed and a fresh clone with
 * `npm ci` done is all it needs.
 *
 * The worktree is removed when the plan ends, fails, or is interrupted (SIGINT, SIGTERM); one left
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

export interface BasePlan {
  /** The commit planned (full hash). */
  readonly commit: string;
  /** Undefined when the stack had no stack file at that ref (everything is then new). */
  readonly plan?: Plan;
}

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

/** Directories never compiled for a plan. */
const SKIP = new Set(["node_modules", "build", "test", ".git"]);

/**
 * Transpiles the base ref's TypeScript into its build/ with this checkout's compiler, file by file
 * and without type checking: the base is committed code that was checked when it was merged, and
 * this takes a second where a full `tsc -p` takes ten. JSON files are copied for `resolveJsonModule`.
 */
function transpileTree(repo: string, root: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(path.join(repo, "node_modules/typescript")) as typeof import("typescript");
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    resolveJsonModule: true,
  };
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const file = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name) && !entry.name.startsWith(".")) walk(file);
        continue;
      }
      const out = path.join(root, "build", file);
      if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        const { outputText } = ts.transpileModule(fs.readFileSync(path.join(root, file), "utf8"), { compilerOptions, fileName: file });
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out.replace(/\.ts$/, ".js"), outputText);
      } else if (entry.name.endsWith(".json") && rel !== "") {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.copyFileSync(path.join(root, file), out);
      }
    }
  };
  walk("");
}

/** Where each diff's temporary directory says which process owns its worktree. */
const OWNER_FILE = "owner.json";
const TMP_PREFIX = "platform-diff-";
/** A worktree of ours without an owner file (made by an older version) counts as stale after this long. */
const UNOWNED_STALE_MS = 60 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

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
      stale = typeof owner.pid !== "number" || !alive(owner.pid);
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

export async function planAtRef(repo: string, ref: string, stack: string): Promise<BasePlan> {
  const commit = resolveCommit(repo, ref);
  pruneStaleWorktrees(repo);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), TMP_PREFIX));
  fs.writeFileSync(path.join(tmp, OWNER_FILE), `${JSON.stringify({ pid: process.pid, ref, commit })}\n`);
  const worktree = path.join(tmp, "base");
  let child: ChildProcess | undefined;
  const release = cleanupOnInterrupt(() => {
    child?.kill("SIGTERM");
    removeWorktree(repo, tmp, worktree);
  });
  try {
    git(repo, ["worktree", "add", "--detach", "--quiet", worktree, commit]);
    if (!fs.existsSync(path.join(worktree, `Pulumi.${stack}.yaml`))) return { commit };
    for (const required of ["index.ts", "tools/engine/run.ts"]) {
      if (!fs.existsSync(path.join(worktree, required)))
        throw new Error(`base ${ref} (${commit.slice(0, 8)}) has no ${required}: it predates the offline engine`);
    }
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(worktree, "node_modules"), "dir");
    transpileTree(repo, worktree);
    const engine = path.join(worktree, "build/tools/engine/run.js");
    const result = await runChild(
      ["--stack-trace-limit=0", path.join(__dirname, "plan-json.js"), engine, worktree, stack],
      worktree,
      (c) => {
        child = c;
      },
    );
    if (result.status !== 0)
      throw new Error(`planning stack ${stack} at ${ref} (${commit.slice(0, 8)}) failed: ${(result.stderr || result.stdout).trim()}`);
    return { commit, plan: JSON.parse(result.stdout) as Plan };
  } finally {
    release();
    removeWorktree(repo, tmp, worktree);
  }
}
