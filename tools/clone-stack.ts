import * as fs from "node:fs";
import * as path from "node:path";
import { EXIT, REPO_ROOT, ToolHelp, UsageError, parseToolArgs, runTool, stackFlag } from "./cli";
import { cloneStack } from "./clone/clone-stack";
import { reviewStep } from "./clone/stale-comments";
import { CloneError } from "./clone/errors";

const HELP: ToolHelp = {
  usage:
    "npm run clone-stack -- --from <stack> --to <new stack> --regions <region,region,...> [--zone <zone>] [--supernet <cidr>] [--domain <name>] [--dry-run]",
  summary: "Writes Pulumi.<to>.yaml from another stack with its regions replaced, and prints the secrets to set again.",
  flags: {
    "--from <stack>": "the stack copied",
    "--to <new stack>": "the stack written (Pulumi.<to>.yaml must not exist)",
    "--regions <list>": "the new stack's regions, comma-separated",
    "--zone <zone>": "the residency zone of the new regions, when the source does not use it",
    "--supernet <cidr>": "the new stack's supernet (default: a private block no other stack overlaps)",
    "--domain <name>": "the new stack's edge domain (default: <to>.<source domain>)",
    "--dry-run": "print the unified diff and write nothing",
    "--dir <project>": "the directory holding Pulumi.yaml and the stack files (default: this repository)",
  },
};
const USAGE = HELP.usage;

/** `npm run clone-stack`: writes Pulumi.<to>.yaml from another stack with its regions replaced. */
async function main(): Promise<number> {
  const args = parseToolArgs(
    {
      from: { type: "string" },
      to: { type: "string" },
      zone: { type: "string" },
      regions: { type: "string" },
      supernet: { type: "string" },
      domain: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      dir: { type: "string" },
    },
    HELP,
  );
  const missing = (["from", "to", "regions"] as const).filter((flag) => !args[flag]).map((flag) => `--${flag}`);
  if (missing.length > 0) throw new UsageError(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} required\nusage: ${USAGE}`);
  stackFlag(args.from, "--from", USAGE);
  stackFlag(args.to, "--to", USAGE);
  const dir = path.resolve(args.dir ?? REPO_ROOT);
  const regions = args
    .regions!.split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  try {
    const result = cloneStack({
      dir,
      from: args.from!,
      to: args.to!,
      zone: args.zone,
      regions,
      supernet: args.supernet,
      domain: args.domain,
    });
    const secrets =
      result.secretCommands.length > 0
        ? ["", `secure values cannot move between stacks; set them for ${args.to}:`, ...result.secretCommands.map((c) => `  ${c}`)]
        : [];
    if (args["dry-run"]) {
      process.stdout.write(result.diff);
      process.stderr.write(`${[...result.notes, ...secrets].map((n) => `# ${n}`).join("\n")}\n# dry run: nothing written\n`);
      return EXIT.ok;
    }
    // "wx": never overwrite a stack file that appeared since the check.
    fs.writeFileSync(result.path, result.text, { flag: "wx" });
    process.stdout.write(
      `wrote ${result.stackFile} from ${result.sourceFile}\n${result.notes.join("\n")}\n${secrets.join("\n")}\n\nNext: ${reviewStep(result.notes)}\`npm run plan -- --stack ${args.to}\`, then \`pulumi stack init ${args.to}\` to create it.\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CloneError) {
      process.stderr.write(`${error.message.replace(/^/gm, "error: ")}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}

runTool(main);
