import * as fs from "node:fs";
import * as path from "node:path";
import { EXIT, REPO_ROOT, UsageError, parseToolArgs, runTool } from "./cli";
import { planStack } from "./engine/run";
import { previewDocument } from "./plan/preview-json";
import { renderCounts, renderOutputs, renderSummary, renderTree } from "./plan/render";
import { estimateMonthlyCost, renderCostTable } from "./report/cost-estimate";
import { estimateDeployTime, renderDeployEstimate } from "./report/deploy-time";
import { renderMarkdownReport } from "./report/markdown";
import { renderPolicyMarkdown } from "./report/policy-section";
import { PolicyConfigError, PolicyReport, evaluatePolicies, formatPolicyReport, policyConfigFileFor } from "./policy/run-policies";

const USAGE = "npm run plan -- --stack <name> [--json <file>|-] [--markdown <file>] [--quiet]";

/** `npm run plan`: the offline plan of one stack, printed like `pulumi preview`. */
async function main(): Promise<number> {
  const args = parseToolArgs(
    {
      stack: { type: "string" },
      json: { type: "string" },
      markdown: { type: "string" },
      quiet: { type: "boolean", default: false },
      dir: { type: "string" },
    },
    USAGE,
  );
  if (!args.stack) throw new UsageError(`--stack is required\nusage: ${USAGE}`);
  const dir = path.resolve(args.dir ?? REPO_ROOT);

  const started = process.hrtime.bigint();
  const plan = await planStack({ dir, stack: args.stack });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  // The policy pack, with the config file the CLI gets for this environment (--policy-pack-config).
  let policies: PolicyReport;
  try {
    policies = await evaluatePolicies(plan, policyConfigFileFor(REPO_ROOT, plan.config["platform:environment"] ?? plan.stack));
  } catch (error) {
    throw error instanceof PolicyConfigError ? new UsageError(error.message) : error;
  }

  const out: string[] = [];
  const jsonToStdout = args.json === "-";
  if (!jsonToStdout) {
    out.push(
      `Previewing stack '${plan.stack}' of project '${plan.project}' offline (${plan.stackFile}; Pulumi mock runtime, no cloud access)`,
      "",
    );
    if (!args.quiet) out.push(renderTree(plan), "");
    out.push("Resources per type and region:", renderCounts(plan), "");
    out.push("Outputs:", renderOutputs(plan.outputs), "");
    const notices = Array.isArray(plan.outputs.notices) ? (plan.outputs.notices as unknown[]).map(String) : [];
    if (notices.length > 0) out.push("Notices (weaker than a full production setup):", ...notices.map((n) => `  - ${n}`), "");
    out.push("What an offline plan cannot show:", ...plan.limitations.map((l) => `  - ${l}`), "");
    out.push(renderDeployEstimate(estimateDeployTime(plan)), "");
    out.push(renderCostTable(estimateMonthlyCost(plan)), "");
    out.push(formatPolicyReport(policies), "");
    out.push(renderSummary(plan), `Duration: ${(elapsedMs / 1000).toFixed(2)}s`);
    process.stdout.write(`${out.join("\n")}\n`);
  }
  if (args.markdown !== undefined) {
    fs.writeFileSync(args.markdown, renderMarkdownReport(plan, { policySection: renderPolicyMarkdown(policies) }));
  }
  if (args.json !== undefined) {
    const document = JSON.stringify({ ...previewDocument(plan, plan.config, plan.secretKeys), policies }, null, 2);
    if (jsonToStdout) process.stdout.write(`${document}\n`);
    else fs.writeFileSync(args.json, `${document}\n`);
  }
  // Any mandatory violation fails the plan, as it fails `pulumi preview --policy-pack`.
  return policies.mandatory > 0 ? EXIT.failed : EXIT.ok;
}

runTool(main);
