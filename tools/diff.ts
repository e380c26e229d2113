/**
 * `npm run diff -- --stack prod --base <git-ref> [--json] [--markdown file] [--allow-replace]`
 *
 * Plans the stack offline at the base ref (its own program and engine, built once per commit:
 * tools/report/base-plan.ts) and in the working tree, side by side, and reports what the change
 * adds, removes, updates and replaces. Exit codes: 0 fine, 1 failure,
 * 2 bad usage or stack input, 3 a stateful resource would be deleted or replaced (unless
 * `--allow-replace`) or a protected one would be (whatever the flags: `pulumi up` refuses it).
 */
import * as fs from "node:fs";
import { EXIT, REPO_ROOT, ToolHelp, UsageError, checkOutputPath, parseToolArgs, runTool, stackFlag } from "./cli";
import { Plan } from "./engine/model";
import { planAtCommit, resolveCommit } from "./report/base-plan";
import { diffPlans } from "./report/diff";
import { diffJson, diffRefusal, renderDiffMarkdown, renderDiffText } from "./report/diff-render";

/** A stateful resource would lose its data and `--allow-replace` was not given. */
export const EXIT_STATEFUL_REPLACED = 3;

const HELP: ToolHelp = {
  usage: "npm run diff -- --stack <name> --base <git-ref> [--json] [--markdown <file>] [--allow-replace]",
  summary: "Plans the stack at a git ref and in the working tree, and reports what the change adds, removes, updates and replaces.",
  flags: {
    "--stack <name>": "the stack to compare (Pulumi.<name>.yaml)",
    "--base <git-ref>": "the commit to compare with, e.g. origin/main",
    "--json": "print the diff as JSON instead of text",
    "--markdown <file>": "also write the diff as a pull-request comment",
    "--allow-replace": "exit 0 even when a stateful resource would be deleted or replaced",
  },
  exitCodes: {
    [EXIT_STATEFUL_REPLACED]:
      "a stateful resource would be deleted or replaced (and --allow-replace was not given), or a protected one would be (always)",
  },
};

async function main(): Promise<number> {
  const args = parseToolArgs(
    {
      stack: { type: "string" },
      base: { type: "string" },
      json: { type: "boolean", default: false },
      markdown: { type: "string" },
      "allow-replace": { type: "boolean", default: false },
    },
    HELP,
  );
  const stack = stackFlag(args.stack, "--stack", HELP.usage);
  if (!args.base) throw new UsageError(`--base is required\nusage: ${HELP.usage}`);
  if (args.base.startsWith("-")) throw new UsageError(`--base ${args.base}: a git ref does not start with "-"`);
  if (args.markdown !== undefined) checkOutputPath("--markdown", args.markdown);

  // A ref that is no commit fails before any planning, and before the engine (and with it the
  // Pulumi SDK, a second to load) is loaded; then base (child process) and head (here) are planned
  // side by side.
  const commit = resolveCommit(REPO_ROOT, args.base);
  const { planStack } = await import("./engine/run");
  const [base, head] = await Promise.all([planAtCommit(REPO_ROOT, args.base, commit, stack), planStack({ dir: REPO_ROOT, stack })]);
  const basePlan: Plan = base.plan ?? { ...head, resources: [], outputs: {}, limitations: [] };
  // Both sides in JSON form, so secrets compare as "[secret]" and references as ids.
  const diff = diffPlans(basePlan, JSON.parse(JSON.stringify(head)) as Plan);
  const label = `${args.base} (${base.commit.slice(0, 8)})${base.plan ? "" : ", where the stack did not exist"}`;
  const allowReplace = args["allow-replace"] ?? false;

  if (args.markdown) fs.writeFileSync(args.markdown, `${renderDiffMarkdown(diff, label)}\n`);
  process.stdout.write(`${args.json ? diffJson(diff, label, allowReplace) : renderDiffText(diff, label)}\n`);

  const refusal = diffRefusal(diff, allowReplace);
  if (refusal === undefined) return EXIT.ok;
  process.stderr.write(`error: ${refusal}\n`);
  return EXIT_STATEFUL_REPLACED;
}

runTool(main);
