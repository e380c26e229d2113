import * as fs from "node:fs";
import * as path from "node:path";
import { EXIT, REPO_ROOT, ToolHelp, UsageError, checkOutputPath, parseToolArgs, runTool, stackFlag } from "./cli";
import { formatDeployReport, renderDeployMarkdown, runDeployChecks } from "./deploy-checks/run";
import { planStack } from "./engine/run";
import { previewDocument } from "./plan/preview-json";
import { renderCounts, renderOutputs, renderRegionTotals, renderSummary, renderTree } from "./plan/render";
import { estimateMonthlyCost, renderCostSummary, renderCostTable } from "./report/cost-estimate";
import { countPlan } from "./report/counts";
import { estimateDeployTime, renderDeployEstimate } from "./report/deploy-time";
import { renderMarkdownReport } from "./report/markdown";
import { renderPolicyMarkdown } from "./report/policy-section";
import { PolicyConfigError, PolicyReport, evaluatePolicies, formatPolicyReport, policyConfigFileFor } from "./policy/run-policies";

const HELP: ToolHelp = {
  usage: "npm run plan -- --stack <name> [--json <file>|-] [--markdown <file>] [--verbose] [--quiet] [--dir <project>]",
  summary: "Plans one stack offline: the real program under the Pulumi mock runtime, then the policy pack, as `pulumi preview` would.",
  flags: {
    "--stack <name>": "the stack to plan (Pulumi.<name>.yaml)",
    "--json <file>|-": "also write a document shaped like `pulumi preview --json`; - writes it to stdout instead of the text",
    "--markdown <file>": "also write the pull-request report (summary, policies, diagram, deploy time)",
    "--verbose": "also print the resource tree, the table per type and region, the stack outputs and the cost per tier",
    "--quiet": "leave the resource tree out of --verbose",
    "--dir <project>": "the directory holding Pulumi.yaml and the stack files (default: this repository)",
  },
};

/** `npm run plan`: the offline plan of one stack, printed like `pulumi preview`. */
async function main(): Promise<number> {
  const args = parseToolArgs(
    {
      stack: { type: "string" },
      json: { type: "string" },
      markdown: { type: "string" },
      quiet: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      dir: { type: "string" },
    },
    HELP,
  );
  const stack = stackFlag(args.stack, "--stack", HELP.usage);
  const dir = path.resolve(args.dir ?? REPO_ROOT);
  // Output files are checked before the plan runs, so a typo costs no wait.
  if (args.markdown !== undefined) checkOutputPath("--markdown", args.markdown);
  if (args.json !== undefined && args.json !== "-") checkOutputPath("--json", args.json);
  if (args.json !== undefined && args.markdown !== undefined && path.resolve(args.json) === path.resolve(args.markdown)) {
    throw new UsageError(`--json and --markdown name the same file ${args.json}; give each its own`);
  }

  const started = process.hrtime.bigint();
  const plan = await planStack({ dir, stack });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  // The policy pack, with the config file the CLI gets for this environment (--policy-pack-config).
  let policies: PolicyReport;
  try {
    policies = await evaluatePolicies(plan, policyConfigFileFor(REPO_ROOT, plan.config["platform:environment"] ?? plan.stack));
  } catch (error) {
    throw error instanceof PolicyConfigError ? new UsageError(error.message) : error;
  }

  // What the real APIs need at the moment the engine creates each resource.
  const deployChecks = runDeployChecks(plan);

  const out: string[] = [];
  const jsonToStdout = args.json === "-";
  if (!jsonToStdout) {
    out.push(
      `Previewing stack '${plan.stack}' of project '${plan.project}' offline (${plan.stackFile}; Pulumi mock runtime, no cloud access)`,
      "",
    );
    const verbose = args.verbose ?? false;
    const cost = estimateMonthlyCost(plan);
    if (verbose && !args.quiet) out.push(renderTree(plan), "");
    if (verbose) out.push("Resources per type and region:", renderCounts(plan), "");
    else out.push("Resources per region (--verbose: per type):", renderRegionTotals(plan), "");
    // Notices travel as a stack output too: printed once, in their own section.
    const { notices: noticeOutput, ...outputs } = plan.outputs;
    if (verbose) out.push("Outputs:", renderOutputs(outputs), "");
    const notices = Array.isArray(noticeOutput) ? (noticeOutput as unknown[]).map(String) : [];
    if (notices.length > 0) out.push("Notices (weaker than a full production setup):", ...notices.map((n) => `  - ${n}`), "");
    out.push("What an offline plan cannot show:", ...plan.limitations.map((l) => `  - ${l}`), "");
    out.push(renderDeployEstimate(estimateDeployTime(plan)), "");
    out.push(verbose ? renderCostTable(cost) : renderCostSummary(cost), "");
    out.push(formatPolicyReport(policies), "");
    out.push(formatDeployReport(deployChecks), "");
    out.push(renderSummary(plan), `Duration: ${(elapsedMs / 1000).toFixed(2)}s`);
    process.stdout.write(`${out.join("\n")}\n`);
  }
  if (args.markdown !== undefined) {
    fs.writeFileSync(
      args.markdown,
      renderMarkdownReport(plan, { policySection: renderPolicyMarkdown(policies), deployCheckSection: renderDeployMarkdown(deployChecks) }),
    );
  }
  if (args.json !== undefined) {
    const document = JSON.stringify(
      {
        ...previewDocument(plan, plan.config, plan.secretKeys),
        counts: countPlan(plan),
        cost: estimateMonthlyCost(plan),
        policies,
        deployChecks,
      },
      null,
      2,
    );
    if (jsonToStdout) process.stdout.write(`${document}\n`);
    else fs.writeFileSync(args.json, `${document}\n`);
  }
  // Any mandatory violation fails the plan, as it fails `pulumi preview --policy-pack`; any deploy
  // check finding fails it too: the first `pulumi up` would stop there.
  return policies.mandatory > 0 || deployChecks.findings.length > 0 ? EXIT.failed : EXIT.ok;
}

runTool(main);
