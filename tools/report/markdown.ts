/**
 * The PR report (`npm run plan -- --markdown report.md`): summary per region and type, policy
 * results, the architecture diagram, the deploy-time and monthly-cost estimates, as GitHub-flavoured markdown
 * (GitHub renders ```mermaid blocks). Pure: the caller passes any policy section already rendered.
 */
import { Plan } from "../engine/model";
import { estimateMonthlyCost, renderCostTable } from "./cost-estimate";
import { estimateDeployTime, renderDeployEstimateMarkdown } from "./deploy-time";
import { buildDiagram } from "./diagram";
import { isDeployed, isGlobal, regionsOf, zonesByRegion } from "./resources";

export interface SummaryTable {
  /** Column keys: regions (zone order), then `global` when the edge exists. */
  readonly columns: readonly string[];
  readonly rows: readonly { readonly type: string; readonly counts: Readonly<Record<string, number>>; readonly total: number }[];
}

/** Deployed resources (custom and remote) per type and region; edge services count as `global`. */
export function summaryTable(plan: Plan): SummaryTable {
  const deployed = plan.resources.filter(isDeployed);
  const columnOf = (r: (typeof deployed)[number]) => (isGlobal(r) || !r.region ? "global" : r.region);
  const columns = [...regionsOf(plan)];
  if (deployed.some((r) => columnOf(r) === "global")) columns.push("global");
  const byType = new Map<string, Record<string, number>>();
  for (const r of deployed) {
    const counts = byType.get(r.type) ?? {};
    counts[columnOf(r)] = (counts[columnOf(r)] ?? 0) + 1;
    byType.set(r.type, counts);
  }
  const rows = [...byType.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([type, counts]) => ({ type, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }));
  return { columns, rows };
}

export function renderSummaryMarkdown(plan: Plan): string {
  const { columns, rows } = summaryTable(plan);
  const zones = zonesByRegion(plan);
  const head = columns.map((c) => (zones.has(c) ? `${c} (${zones.get(c)})` : c));
  const totals = columns.map((c) => rows.reduce((sum, r) => sum + (r.counts[c] ?? 0), 0));
  return [
    `| Type | ${head.join(" | ")} | Total |`,
    `|---|${columns.map(() => "---:").join("|")}|---:|`,
    ...rows.map((r) => `| \`${r.type}\` | ${columns.map((c) => r.counts[c] ?? "").join(" | ")} | ${r.total} |`),
    `| **Total** | ${totals.map((t) => `**${t}**`).join(" | ")} | **${totals.reduce((a, b) => a + b, 0)}** |`,
  ].join("\n");
}

export interface ReportOptions {
  /** Policy results, already rendered as markdown (omitted when no policy pack is available). */
  readonly policySection?: string;
  /** Deploy-check results, already rendered as markdown. */
  readonly deployCheckSection?: string;
}

export function renderMarkdownReport(plan: Plan, options: ReportOptions = {}): string {
  const diagram = buildDiagram(plan);
  const estimate = estimateDeployTime(plan);
  const protectedCount = plan.resources.filter((r) => r.options.protect).length;
  const sections = [
    `# Offline plan: stack \`${plan.stack}\``,
    "",
    `${plan.resources.filter(isDeployed).length} resources to create in ${regionsOf(plan).length} region(s)` +
      ` (${plan.resources.length} including providers and components; ${protectedCount} protected).`,
    "",
    "## Resources per region and type",
    "",
    renderSummaryMarkdown(plan),
    "",
  ];
  if (options.policySection) sections.push("## Policy results", "", options.policySection.trim(), "");
  if (options.deployCheckSection) sections.push("## Deploy checks", "", options.deployCheckSection.trim(), "");
  sections.push("## Architecture", "", "```mermaid", diagram.mermaid, "```", "");
  sections.push("## Estimated deploy time", "", renderDeployEstimateMarkdown(estimate), "");
  sections.push("## Estimated monthly cost", "", "```text", renderCostTable(estimateMonthlyCost(plan)), "```", "");
  if (plan.limitations.length > 0) sections.push("## What an offline plan cannot show", "", ...plan.limitations.map((l) => `- ${l}`), "");
  return sections.join("\n");
}
