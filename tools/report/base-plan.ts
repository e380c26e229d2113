/**
 * Plans a stack as it was at a git ref: a temporary `git worktree` of the ref, transpiled with this
 * checkout's TypeScript into its own build/, then evaluated by ITS engine in a child process (each
 * ref keeps its own program, engine and mocks; one Pulumi runtime per process). The worktree reuses
 * this checkout's node_modules through a symlink, so nothing is installed and a fresh clone with
 * `npm ci` done is all it needs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError } from "../cli";
import { Plan } from "../engine/model";

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
    throw new UsageError(`--base ${ref}: not a commit in this repository (in a shallow CI clone, fetch it first: git fetch origin ${ref})`);
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

export function planAtRef(repo: string, ref: string, stack: string): BasePlan {
  const commit = resolveCommit(repo, ref);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "platform-diff-"));
  const worktree = path.join(tmp, "base");
  git(repo, ["worktree", "add", "--detach", "--quiet", worktree, commit]);
  try {
    if (!fs.existsSync(path.join(worktree, `Pulumi.${stack}.yaml`))) return { commit };
    for (const required of ["index.ts", "tools/engine/run.ts"]) {
      if (!fs.existsSync(path.join(worktree, required)))
        throw new Error(`base ${ref} (${commit.slice(0, 8)}) has no ${required}: it predates the offline engine`);
    }
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(worktree, "node_modules"), "dir");
    transpileTree(repo, worktree);
    const engine = path.join(worktree, "build/tools/engine/run.js");
    const child = spawnSync(process.execPath, ["--stack-trace-limit=0", path.join(__dirname, "plan-json.js"), engine, worktree, stack], {
      cwd: worktree,
      encoding: "utf8",
      maxBuffer: 512 * 1024 * 1024,
    });
    if (child.status !== 0)
      throw new Error(`planning stack ${stack} at ${ref} (${commit.slice(0, 8)}) failed: ${(child.stderr || child.stdout).trim()}`);
    return { commit, plan: JSON.parse(child.stdout) as Plan };
  } finally {
    // Unlink our node_modules first, so no cleanup step can ever reach through it.
    fs.rmSync(path.join(worktree, "node_modules"), { force: true });
    try {
      git(repo, ["worktree", "remove", "--force", worktree]);
    } catch {
      // Already gone; prune drops the bookkeeping of a worktree whose directory vanished.
      git(repo, ["worktree", "prune"]);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
