/**
 * The PR report (`npm run plan -- --markdown report.md`): summary per region and type, policy
 * results, the architecture diagram, the deploy-time and monthly-cost estimates, as GitHub-flavoured markdown
 * (GitHub renders ```mermaid blocks). Pure: the caller passes any policy section already rendered.
 */
import { Plan } from "../engine/model";
import { estimateMonthlyCost, renderCostMarkdown } from "./cost-estimate";
import { columnLabel, countPlan, countsHeadline } from "./counts";
import { estimateDeployTime, renderDeployEstimateMarkdown } from "./deploy-time";
import { buildDiagram } from "./diagram";
import { regionsOf } from "./resources";

/** The per-type and per-region table, as every output counts (tools/report/counts.ts); the totals row sums to the headline. */
export function renderSummaryMarkdown(plan: Plan): string {
  const { columns, rows, perColumn, total } = countPlan(plan);
  return [
    `| Type | ${columns.map((c) => columnLabel(plan, c)).join(" | ")} | Total |`,
    `|---|${columns.map(() => "---:").join("|")}|---:|`,
    ...rows.map(
      (r) => `| ${r.kind === "deployed" ? `\`${r.type}\`` : r.type} | ${columns.map((c) => r.counts[c] ?? "").join(" | ")} | ${r.total} |`,
    ),
    `| **Total** | ${columns.map((c) => `**${perColumn[c] ?? 0}**`).join(" | ")} | **${total}** |`,
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
    `${countsHeadline(countPlan(plan))} in ${regionsOf(plan).length} region(s); ${protectedCount} protected.`,
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
  sections.push("## Estimated monthly cost", "", renderCostMarkdown(estimateMonthlyCost(plan)), "");
  if (plan.limitations.length > 0) sections.push("## What an offline plan cannot show", "", ...plan.limitations.map((l) => `- ${l}`), "");
  return sections.join("\n");
}
