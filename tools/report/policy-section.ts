/**
 * Policy results as a markdown section of the PR report. The shape mirrors the policy engine's
 * exported `PolicyReport` (tools/policy/run-policies.ts) structurally, so the report does not
 * depend on that module being present.
 */
export interface PolicyResults {
  readonly pack: string;
  readonly version: string;
  readonly policies: readonly {
    readonly policy: string;
    readonly description: string;
    readonly enforcementLevel: string;
    readonly violations: readonly { readonly enforcementLevel: string; readonly urn?: string; readonly message: string }[];
  }[];
  readonly mandatory: number;
  readonly advisory: number;
}

export function renderPolicyMarkdown(report: PolicyResults): string {
  const active = report.policies.filter((p) => p.enforcementLevel !== "disabled");
  const status = report.mandatory > 0 ? "❌" : report.advisory > 0 ? "⚠️" : "✅";
  const lines = [
    `${status} \`${report.pack}@v${report.version}\`: ${active.length} of ${report.policies.length} policies enabled, ` +
      `**${report.mandatory} mandatory** and ${report.advisory} advisory violation(s).`,
    "",
  ];
  const violations = report.policies.flatMap((p) => p.violations.map((v) => ({ ...v, policy: p.policy })));
  if (violations.length > 0) {
    lines.push("| Level | Policy | Resource | Message |", "|---|---|---|---|");
    for (const v of violations) {
      const name = v.urn ? `\`${v.urn.split("::").pop()}\`` : "(stack)";
      lines.push(`| ${v.enforcementLevel} | ${v.policy} | ${name} | ${v.message.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`);
    }
  }
  return lines.join("\n");
}
