/**
 * The deploy-check stage of `npm run plan`: every check of DEPLOY_CHECKS over one creation order,
 * and the findings rendered for the text plan, the markdown report and `--json`.
 */
import { Plan, PlannedResource } from "../engine/model";
import { creationGraph } from "./creation-order";
import { DEPLOY_CHECKS } from "./index";
import { DeployCheck, DeployFinding } from "./types";

/** A resource as a reader recognises it: its type, its name and its region. */
export interface ResourceLabel {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly region?: string;
}

/** A finding with both resources named, as `--json` carries it. */
export interface ReportedFinding extends DeployFinding {
  readonly resourceLabel: ResourceLabel;
  readonly relatedLabel?: ResourceLabel;
}

export interface DeployCheckReport {
  /** Names of the checks that ran, in DEPLOY_CHECKS order. */
  readonly checks: readonly { readonly name: string; readonly description: string; readonly findings: number }[];
  readonly findings: readonly ReportedFinding[];
}

export function runDeployChecks(plan: Plan, checks: readonly DeployCheck[] = DEPLOY_CHECKS): DeployCheckReport {
  const order = creationGraph(plan);
  const byUrn = order.byUrn;
  const label = (urn: string): ResourceLabel => labelOf(byUrn.get(urn), urn);
  const findings: ReportedFinding[] = [];
  const summary = checks.map((check) => {
    const found = check.run({ plan, order });
    for (const finding of found) {
      findings.push({
        ...finding,
        resourceLabel: label(finding.resource),
        ...(finding.related !== undefined ? { relatedLabel: label(finding.related) } : {}),
      });
    }
    return { name: check.name, description: check.description, findings: found.length };
  });
  return { checks: summary, findings };
}

function labelOf(resource: PlannedResource | undefined, urn: string): ResourceLabel {
  if (!resource) {
    const parts = urn.split("::");
    return { urn, type: (parts[2] ?? "").split("$").pop() ?? "", name: parts[3] ?? urn };
  }
  return { urn, type: resource.type, name: resource.name, ...(resource.region ? { region: resource.region } : {}) };
}

const named = (l: ResourceLabel) => `${l.type} ${l.name}${l.region ? ` (${l.region})` : ""}`;

/** Plain text for the text plan. */
export function formatDeployReport(report: DeployCheckReport): string {
  const header =
    report.findings.length === 0
      ? `Deploy checks: ${report.checks.length} check(s), no finding: every resource has what its API needs when the engine creates it`
      : `Deploy checks: ${report.findings.length} finding(s) in ${report.checks.length} check(s): the first \`pulumi up\` would fail`;
  const lines = [header];
  for (const check of report.checks) {
    const found = report.findings.filter((f) => f.check === check.name);
    if (found.length === 0) continue;
    lines.push(`  ${check.name}: ${check.description}`);
    for (const f of found) {
      lines.push(`    - ${named(f.resourceLabel)}`);
      if (f.relatedLabel) lines.push(`      involves:  ${named(f.relatedLabel)}`);
      lines.push(`      at deploy: ${f.atDeploy}`, `      fix:       ${f.fix}`, `      urn:       ${f.resource}`);
    }
  }
  return lines.join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The same as a markdown section of the PR report. */
export function renderDeployMarkdown(report: DeployCheckReport): string {
  if (report.findings.length === 0) {
    return `✅ ${report.checks.length} deploy check(s), no finding: ${report.checks.map((c) => `\`${c.name}\``).join(", ")}.`;
  }
  return [
    `❌ **${report.findings.length} finding(s)**: the first \`pulumi up\` would fail.`,
    "",
    "| Check | Resource | Involves | At deploy | Fix |",
    "|---|---|---|---|---|",
    ...report.findings.map(
      (f) =>
        `| ${f.check} | \`${f.resourceLabel.name}\` (${f.resourceLabel.type}) | ${f.relatedLabel ? `\`${f.relatedLabel.name}\` (${f.relatedLabel.type})` : ""} | ${cell(f.atDeploy)} | ${cell(f.fix)} |`,
    ),
  ].join("\n");
}
