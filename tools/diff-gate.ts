/**
 * `npm run -s diff-gate -- --stack <name> --diff <diff.json> --labels <labels.json>
 *    --reviews <reviews.json> --head-sha <sha> [--markdown <file>]`
 *
 * Decides whether a pull request may delete or replace stateful resources: `--diff` is the output
 * of `npm run diff -- --json`; `--labels` and `--reviews` are the GitHub REST answers for the pull
 * request (GET /issues/{n}/labels, GET /pulls/{n}/reviews). Exit 0 allowed (or nothing stateful
 * changes), 3 blocked (as `npm run diff`), 2 bad input.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EXIT, REPO_ROOT, UsageError, parseToolArgs, runTool } from "./cli";
import { parseCodeowners } from "./pipeline/codeowners";
import { GateInput, Review, decideGate, renderGateMarkdown } from "./pipeline/diff-gate";

const USAGE =
  "npm run -s diff-gate -- --stack <name> --diff <diff.json> --labels <labels.json> --reviews <reviews.json> --head-sha <sha> [--markdown <file>]";
/** The exit code of `npm run diff` for the same condition. */
const EXIT_BLOCKED = 3;

function readJson(file: string, flag: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${flag} ${file}: ${(error as Error).message.split("\n")[0]}`);
  }
}

function arrayOf<T>(value: unknown, flag: string, check: (item: unknown) => item is T): T[] {
  if (!Array.isArray(value) || !value.every(check)) throw new UsageError(`${flag}: not the GitHub API's list shape`);
  return value;
}

async function main(): Promise<number> {
  const args = parseToolArgs(
    {
      stack: { type: "string" },
      diff: { type: "string" },
      labels: { type: "string" },
      reviews: { type: "string" },
      "head-sha": { type: "string" },
      markdown: { type: "string" },
    },
    USAGE,
  );
  for (const flag of ["stack", "diff", "labels", "reviews", "head-sha"] as const) {
    if (!args[flag]) throw new UsageError(`--${flag} is required\nusage: ${USAGE}`);
  }
  const diff = readJson(args.diff as string, "--diff") as { dangerous?: unknown };
  const dangerous = arrayOf(diff.dangerous, "--diff .dangerous", (c): c is GateInput["dangerous"][number] => {
    return c !== null && typeof c === "object" && typeof (c as { type?: unknown }).type === "string";
  });
  const labels = arrayOf(
    readJson(args.labels as string, "--labels"),
    "--labels",
    (l): l is string | { name: string } => typeof l === "string" || typeof (l as { name?: unknown })?.name === "string",
  ).map((l) => (typeof l === "string" ? l : l.name));
  const reviews = arrayOf(
    readJson(args.reviews as string, "--reviews"),
    "--reviews",
    (r): r is Review => r !== null && typeof r === "object" && typeof (r as Review).state === "string",
  );
  const codeownersFile = path.join(REPO_ROOT, ".github", "CODEOWNERS");
  const codeowners = fs.existsSync(codeownersFile) ? parseCodeowners(fs.readFileSync(codeownersFile, "utf8")) : [];

  const input: GateInput = { stack: args.stack as string, dangerous, labels, reviews, headSha: args["head-sha"] as string, codeowners };
  const decision = decideGate(input);
  if (args.markdown) fs.writeFileSync(args.markdown, `${renderGateMarkdown(input, decision)}\n`);
  if (decision.allowed) {
    process.stdout.write(`stateful-change gate for ${input.stack}: passed, ${decision.reason}\n`);
    return EXIT.ok;
  }
  process.stderr.write(`error: stateful-change gate for ${input.stack}: ${decision.reason}\n`);
  return EXIT_BLOCKED;
}

runTool(main);
