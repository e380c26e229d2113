/**
 * `npm run -s stack-info -- --stack <name> (--field <name> | --json)`
 *
 * Prints what the workflows need about a stack (its environment, policy config file, regions,
 * zones), read by the project's own stack loader and config model. Exit 2 on a bad stack file or
 * config, with the same message the plan gives.
 */
import { REPO_ROOT, EXIT, UsageError, parseToolArgs, runTool } from "./cli";
import { STACK_INFO_FIELDS, StackInfoField, formatField, stackInfo } from "./pipeline/stack-info";

const USAGE = `npm run -s stack-info -- --stack <name> (--field <${STACK_INFO_FIELDS.join("|")}> | --json)`;

async function main(): Promise<number> {
  const args = parseToolArgs({ stack: { type: "string" }, field: { type: "string" }, json: { type: "boolean", default: false } }, USAGE);
  if (!args.stack) throw new UsageError(`--stack is required\nusage: ${USAGE}`);
  if ((args.field === undefined) === !args.json) throw new UsageError(`give exactly one of --field or --json\nusage: ${USAGE}`);
  if (args.field !== undefined && !(STACK_INFO_FIELDS as readonly string[]).includes(args.field)) {
    throw new UsageError(`--field ${args.field}: no such field; fields: ${STACK_INFO_FIELDS.join(", ")}`);
  }
  const info = stackInfo(REPO_ROOT, args.stack);
  process.stdout.write(`${args.json ? JSON.stringify(info) : formatField(info, args.field as StackInfoField)}\n`);
  return EXIT.ok;
}

runTool(main);
