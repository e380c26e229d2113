/**
 * `npm run -s stack-info -- --stack <name> (--field <name> | --json | --check-egress <ip>)`
 * `npm run -s stack-info -- --all`
 *
 * Prints what the workflows need about a stack (its environment, policy config file, regions,
 * zones, deployer CIDRs), read by the project's own stack loader and config model; `--all` prints
 * every stack as a JSON list (a workflow matrix); `--check-egress` exits 1 unless the address is
 * one the stack's cluster API endpoints admit. Exit 2 on a bad stack file or config, with the same
 * message the plan gives.
 */
import { REPO_ROOT, EXIT, UsageError, parseToolArgs, runTool } from "./cli";
import { STACK_INFO_FIELDS, StackInfoField, allStackInfo, egressProblem, formatField, stackInfo } from "./pipeline/stack-info";

const USAGE =
  `npm run -s stack-info -- --stack <name> (--field <${STACK_INFO_FIELDS.join("|")}> | --json | --check-egress <ip>)\n` +
  "       npm run -s stack-info -- --all";

async function main(): Promise<number> {
  const args = parseToolArgs(
    {
      stack: { type: "string" },
      field: { type: "string" },
      json: { type: "boolean", default: false },
      "check-egress": { type: "string" },
      all: { type: "boolean", default: false },
    },
    USAGE,
  );
  if (args.all) {
    if (args.stack || args.field || args.json || args["check-egress"]) throw new UsageError(`--all takes no other option\nusage: ${USAGE}`);
    process.stdout.write(`${JSON.stringify(allStackInfo(REPO_ROOT))}\n`);
    return EXIT.ok;
  }
  if (!args.stack) throw new UsageError(`--stack is required\nusage: ${USAGE}`);
  const modes = [args.field !== undefined, args.json, args["check-egress"] !== undefined].filter(Boolean).length;
  if (modes !== 1) throw new UsageError(`give exactly one of --field, --json or --check-egress\nusage: ${USAGE}`);
  if (args.field !== undefined && !(STACK_INFO_FIELDS as readonly string[]).includes(args.field)) {
    throw new UsageError(`--field ${args.field}: no such field; fields: ${STACK_INFO_FIELDS.join(", ")}`);
  }
  const info = stackInfo(REPO_ROOT, args.stack);
  if (args["check-egress"] !== undefined) {
    const problem = egressProblem(info, args["check-egress"]);
    if (problem !== undefined) {
      process.stderr.write(`error: ${problem}\n`);
      return EXIT.failed;
    }
    process.stdout.write(`${args["check-egress"]} is inside platform:deployer.cidrs of ${args.stack}\n`);
    return EXIT.ok;
  }
  process.stdout.write(`${args.json ? JSON.stringify(info) : formatField(info, args.field as StackInfoField)}\n`);
  return EXIT.ok;
}

runTool(main);
