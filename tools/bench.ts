/**
 * `npm run bench [-- --skip-tests] [--skip-series]`: what a user waits for, measured as whole
 * processes side by side with the floor (tools/bench/whole-process.ts), then the 1 -> 20 region
 * series of evaluation inside one process (tools/bench/series.ts) and the reports' own cost.
 * BENCH_RUNS (default 3) sets the runs per median. `--skip-tests` leaves out `npm test` and
 * `npm run lint`, the heavy rows; `--skip-series` the series. A full run takes a few minutes.
 */
import * as os from "node:os";
import { EXIT, REPO_ROOT, ToolHelp, UsageError, parseToolArgs, runTool } from "./cli";
import { seriesRows } from "./bench/series";
import { wholeProcessRows } from "./bench/whole-process";
import { reportTimings } from "./report/bench";

const HELP: ToolHelp = {
  usage: "npm run bench [-- --skip-tests] [--skip-series]",
  summary:
    "Times what a user waits for (npm run plan, diff, test, lint) as whole processes beside the floor, then plans of 1-20 region stacks (BENCH_RUNS runs, median).",
  flags: {
    "--skip-tests": "leave out npm test and npm run lint (the heavy rows)",
    "--skip-series": "leave out the 1-20 region series",
  },
};

async function main(): Promise<number> {
  const args = parseToolArgs(
    { "skip-tests": { type: "boolean", default: false }, "skip-series": { type: "boolean", default: false } },
    HELP,
  );
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`BENCH_RUNS=${process.env.BENCH_RUNS}: a whole number of runs, 1 or more`);
  process.stdout.write(
    `Offline plan benchmark: Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}.\n\n`,
  );
  process.stdout.write(`${await wholeProcessRows(REPO_ROOT, { runs, withTests: !args["skip-tests"] })}\n`);
  if (!args["skip-series"]) process.stdout.write(`${seriesRows(REPO_ROOT, runs)}\n`);
  process.stdout.write(await reportTimings(REPO_ROOT));
  return EXIT.ok;
}

runTool(main);
