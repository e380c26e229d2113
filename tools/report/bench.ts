/**
 * Report and diff timings for `npm run bench`: the pure reports over an already computed plan
 * (diagram, summary, deploy-time estimate, markdown; a diff of two plans), then the whole
 * `npm run diff` against HEAD in a fresh process (worktree, transpile, two plans, diff).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { Plan } from "../engine/model";
import { planStack } from "../engine/run";
import { estimateDeployTime } from "./deploy-time";
import { buildDiagram } from "./diagram";
import { diffPlans } from "./diff";
import { renderMarkdownReport } from "./markdown";

function timeMs(fn: () => unknown, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Markdown lines with the timings of the reports on `stack` and of `npm run diff --base HEAD`. */
export async function reportTimings(repo: string, stack = "prod"): Promise<string> {
  const plan = await planStack({ dir: repo, stack });
  const base = JSON.parse(JSON.stringify(plan)) as Plan;
  // The head drops one resource of each type, so the diff has work to do.
  const seen = new Set<string>();
  const head = { ...base, resources: base.resources.filter((r) => seen.has(r.type) || !seen.add(r.type)) };
  const rows: [string, number][] = [
    ["diagram", timeMs(() => buildDiagram(plan))],
    ["deploy-time estimate", timeMs(() => estimateDeployTime(plan))],
    ["markdown report (summary + diagram + estimate)", timeMs(() => renderMarkdownReport(plan))],
    ["diff of two plans (in memory)", timeMs(() => diffPlans(base, head))],
  ];
  const started = process.hrtime.bigint();
  const cli = spawnSync(
    process.execPath,
    ["--stack-trace-limit=0", path.join(repo, "build/tools/diff.js"), "--stack", stack, "--base", "HEAD", "--json"],
    {
      cwd: repo,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const cliMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cliNote = cli.status === 0 || cli.status === 3 ? "" : ` (failed, exit ${cli.status}: ${cli.stderr.trim().split("\n")[0]})`;
  return [
    `Reports on stack ${stack} (${plan.resources.length} resources; median of 5 runs, plan already computed):`,
    "",
    "| report | ms |",
    "|---|---:|",
    ...rows.map(([name, ms]) => `| ${name} | ${ms.toFixed(1)} |`),
    `| \`npm run diff -- --stack ${stack} --base HEAD\` wall (worktree, transpile, both plans, diff)${cliNote} | ${cliMs.toFixed(0)} |`,
    "",
  ].join("\n");
}
