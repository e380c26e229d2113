/**
 * Report timings for `npm run bench`: the pure reports over an already computed plan (diagram,
 * summary, deploy-time estimate, markdown; a diff of two plans). The whole `npm run diff` is timed
 * with the other commands (tools/bench/whole-process.ts).
 */
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

/** Markdown lines with the timings of the reports on `stack`. */
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
  return [
    `Reports on stack ${stack} (${plan.resources.length} resources; median of 5 runs, plan already computed):`,
    "",
    "| report | ms |",
    "|---|---:|",
    ...rows.map(([name, ms]) => `| ${name} | ${ms.toFixed(1)} |`),
    "",
  ].join("\n");
}
