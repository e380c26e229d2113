/**
 * The commands a user types, timed as whole processes side by side with the floor they are
 * measured against, in a scratch copy of the working tree (its own git repository, this
 * checkout's node_modules), so the bench never touches the checkout it measures:
 * - the floor: a bare process registering as many resources as prod under the same SDK mocks;
 * - the engine: `node build/tools/plan.js --stack prod` (program, policies, reports);
 * - `npm run plan -- --stack prod` with no change since the last call, after editing one
 *   component file, and cold (no build/ at all);
 * - `npm run diff -- --stack prod --base HEAD`, with the base already built and the first time;
 * - optionally `npm test` and `npm run lint` (warm and cold cache), once each.
 * Runs are interleaved (one of each per round) so a noisy neighbour hits every row alike.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ProcessRun, medianRun, runProcess } from "./measure";

export interface WholeProcessOptions {
  readonly runs: number;
  /** Adds `npm test` and `npm run lint` (the heavy rows, once each). */
  readonly withTests: boolean;
}

/** The component file the "one-file edit" row touches. */
const EDITED = "components/region/region.ts";
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** A copy of the working tree (tracked and untracked, not ignored files) as a fresh git repository. */
function scratchCheckout(repo: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-checkout-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repo, encoding: "utf8" })
    .split("\0")
    .filter((f) => f !== "" && fs.existsSync(path.join(repo, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(repo, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(dir, "node_modules"), "dir");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "--quiet");
  git("add", "--all");
  git("-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "--quiet", "--no-verify", "-m", "bench");
  return dir;
}

interface Row {
  readonly label: string;
  readonly run: () => Promise<ProcessRun>;
  /** Run before each measurement, not timed (an edit, a deleted build). */
  readonly before?: (round: number) => void;
  readonly once?: boolean;
}

async function measureRows(rows: readonly Row[], runs: number): Promise<Map<string, ProcessRun>> {
  const results = new Map<string, ProcessRun[]>();
  for (let round = 0; round < runs; round++) {
    for (const row of rows) {
      if (row.once && round > 0) continue;
      row.before?.(round);
      const result = await row.run();
      if (result.code !== 0 && result.code !== 3)
        throw new Error(`bench: ${row.label} failed (exit ${result.code}): ${result.stderr.trim()}`);
      results.set(row.label, [...(results.get(row.label) ?? []), result]);
    }
  }
  return new Map([...results].map(([label, list]) => [label, medianRun(list)]));
}

const seconds = (run: ProcessRun) => (run.wallMs / 1000).toFixed(2);
const mib = (value: number) => (Number.isNaN(value) ? "n/a" : value.toFixed(0));
/** Wall-time ratio, with the CPU-time ratio beside it (steadier when the machine is shared). */
const ratio = (a: ProcessRun, b: ProcessRun) =>
  `${(a.wallMs / b.wallMs).toFixed(2)}x${Number.isNaN(a.cpuMs) ? "" : ` (cpu ${(a.cpuMs / b.cpuMs).toFixed(2)}x)`}`;
const cpu = (run: ProcessRun) => (Number.isNaN(run.cpuMs) ? "n/a" : (run.cpuMs / 1000).toFixed(2));

/** Markdown: the rows with their ratios and targets. */
export async function wholeProcessRows(repo: string, options: WholeProcessOptions): Promise<string> {
  const dir = scratchCheckout(repo);
  try {
    const node =
      (...args: string[]) =>
      () =>
        runProcess(process.execPath, ["--stack-trace-limit=0", ...args], { cwd: dir });
    const npm =
      (...args: string[]) =>
      () =>
        runProcess(NPM, ["run", "-s", ...args], { cwd: dir });
    // A build to start from, and the size of prod for the floor.
    execFileSync(process.execPath, ["tools/build.cjs"], { cwd: dir, stdio: "ignore" });
    const probe = execFileSync(process.execPath, ["--stack-trace-limit=0", "build/tools/bench/child.js", "plan", dir, "prod"], {
      cwd: dir,
      encoding: "utf8",
    });
    const resources = (JSON.parse(probe.trim().split("\n").pop()!) as { resources: number }).resources;

    const label = {
      floor: `floor: a bare process registering ${resources} resources under the same SDK mocks`,
      engine: "`node build/tools/plan.js --stack prod` (the engine: program, policies, reports)",
      warm: "`npm run plan -- --stack prod`, no change since the last call",
      edit: `\`npm run plan -- --stack prod\` after editing one component file (${EDITED})`,
      cold: "`npm run plan -- --stack prod` with no build/ at all (fresh clone)",
      diff: "`npm run diff -- --stack prod --base HEAD`, base ref already built",
      diffCold: "`npm run diff -- --stack prod --base HEAD`, first diff against that commit",
      test: "`npm test` (fresh clone: no build, no caches)",
      lint: "`npm run lint`, cache warm",
      lintCold: "`npm run lint`, no cache",
    };
    const rows: Row[] = [
      { label: label.floor, run: node("build/tools/bench/child.js", "floor", dir, "prod", String(resources - 1)) },
      { label: label.engine, run: node("build/tools/plan.js", "--stack", "prod") },
      { label: label.warm, run: npm("plan", "--", "--stack", "prod") },
      {
        label: label.edit,
        before: (round) => fs.appendFileSync(path.join(dir, EDITED), `// bench edit ${round}\n`),
        run: npm("plan", "--", "--stack", "prod"),
      },
      {
        label: label.cold,
        before: () => fs.rmSync(path.join(dir, "build"), { recursive: true, force: true }),
        run: npm("plan", "--", "--stack", "prod"),
      },
      {
        label: label.diffCold,
        before: () => fs.rmSync(path.join(dir, "build/.diff-base"), { recursive: true, force: true }),
        run: npm("diff", "--", "--stack", "prod", "--base", "HEAD"),
      },
      { label: label.diff, run: npm("diff", "--", "--stack", "prod", "--base", "HEAD") },
    ];
    if (options.withTests) {
      rows.push(
        {
          label: label.test,
          once: true,
          before: () => fs.rmSync(path.join(dir, "build"), { recursive: true, force: true }),
          run: () => runProcess(NPM, ["test"], { cwd: dir }),
        },
        {
          label: label.lintCold,
          once: true,
          before: () => fs.rmSync(path.join(dir, "build/.lint-cache"), { recursive: true, force: true }),
          run: npm("lint"),
        },
        { label: label.lint, once: true, run: npm("lint") },
      );
    }
    const load = os.loadavg();
    const m = await measureRows(rows, options.runs);
    const after = os.loadavg();
    const get = (key: keyof typeof label) => m.get(label[key])!;
    const floor = get("floor");
    const engine = get("engine");
    const warm = get("warm");
    const check = (ok: boolean) => (ok ? "met" : "**missed**");
    const line = (key: keyof typeof label, vsFloor: string, vsOther: string, target: string) =>
      `| ${label[key]} | ${seconds(get(key))} | ${cpu(get(key))} | ${mib(get(key).peakTreeMiB)} | ${vsFloor} | ${vsOther} | ${target} |`;
    const within = (run: ProcessRun, of: ProcessRun, limit: number) => run.wallMs <= of.wallMs * limit;
    const lines = [
      `Whole processes, as a user waits for them: median of ${options.runs} interleaved runs (npm test and lint: one run), in a scratch copy of the working tree. ` +
        `Load average ${load[0].toFixed(1)} before, ${after[0].toFixed(1)} after, on ${os.cpus().length} cores${load[0] > os.cpus().length / 2 ? " (a busy machine: ratios hold better than absolute times)" : ""}.`,
      "",
      "| command | wall s | cpu s | peak MiB (process tree) | / floor | / other | target (on wall time) |",
      "|---|---:|---:|---:|---:|---:|---|",
      line("floor", "1.00x", "", ""),
      line("engine", ratio(engine, floor), "", ""),
      line(
        "warm",
        ratio(warm, floor),
        `${ratio(warm, engine)} engine`,
        `<= 2x floor, <= 1.3x engine: ${check(within(warm, floor, 2) && within(warm, engine, 1.3))}`,
      ),
      line(
        "edit",
        ratio(get("edit"), floor),
        `${ratio(get("edit"), engine)} engine`,
        `<= 2.5x floor: ${check(within(get("edit"), floor, 2.5))}`,
      ),
      line("cold", ratio(get("cold"), floor), `${ratio(get("cold"), engine)} engine`, ""),
      line("diff", ratio(get("diff"), floor), `${ratio(get("diff"), warm)} plan`, `<= 3x one plan: ${check(within(get("diff"), warm, 3))}`),
      line("diffCold", ratio(get("diffCold"), floor), `${ratio(get("diffCold"), warm)} plan`, ""),
    ];
    if (options.withTests) {
      const test = get("test");
      lines.push(
        `| ${label.test} | ${seconds(test)} | ${cpu(test)} | ${mib(test.peakTreeMiB)} (largest process ${mib(test.peakProcessMiB)}) | | | <= 30 s: ${check(test.wallMs <= 30_000)}; <= 800 MB: ${check(test.peakTreeMiB * 1.048576 <= 800)} (tree), ${check(test.peakProcessMiB * 1.048576 <= 800)} (largest process) |`,
        line("lint", "", "", `<= 10 s: ${check(get("lint").wallMs <= 10_000)}`),
        line("lintCold", "", "", ""),
      );
    }
    return `${lines.join("\n")}\n`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
