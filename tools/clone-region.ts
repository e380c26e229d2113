import * as fs from "node:fs";
import * as path from "node:path";
import { EXIT, REPO_ROOT, ToolHelp, UsageError, parseToolArgs, runTool, stackFlag } from "./cli";
import { cloneRegion } from "./clone/clone-region";
import { reviewStep } from "./clone/stale-comments";
import { CloneError } from "./clone/errors";

const HELP: ToolHelp = {
  usage:
    "npm run clone-region -- --stack <name> --from <region> --to <region> [--zone <zone>] [--origin-certificate-arn <arn>] [--dry-run]",
  summary: "Adds a region to a stack file, copying another region's settings; every other byte of the file stays as it is.",
  flags: {
    "--stack <name>": "the stack to edit (Pulumi.<name>.yaml)",
    "--from <region>": "the region whose settings are copied",
    "--to <region>": "the region added",
    "--zone <zone>": "the new region's residency zone, when it differs from --from's",
    "--origin-certificate-arn <arn>": "with edge.certificate.strategy existing: the new region's origin certificate",
    "--dry-run": "print the unified diff and write nothing",
    "--dir <project>": "the directory holding Pulumi.yaml and the stack files (default: this repository)",
  },
};
const USAGE = HELP.usage;

/** `npm run clone-region`: adds a region to a stack file, copying another region's settings. */
async function main(): Promise<number> {
  const args = parseToolArgs(
    {
      stack: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      zone: { type: "string" },
      "origin-certificate-arn": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      dir: { type: "string" },
    },
    HELP,
  );
  const missing = (["stack", "from", "to"] as const).filter((flag) => !args[flag]).map((flag) => `--${flag}`);
  if (missing.length > 0) throw new UsageError(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} required\nusage: ${USAGE}`);
  stackFlag(args.stack, "--stack", USAGE);
  const dir = path.resolve(args.dir ?? REPO_ROOT);
  try {
    const result = cloneRegion({
      dir,
      stack: args.stack!,
      from: args.from!,
      to: args.to!,
      zone: args.zone,
      originCertificateArn: args["origin-certificate-arn"],
    });
    if (args["dry-run"]) {
      process.stdout.write(result.diff);
      process.stderr.write(`${result.notes.map((n) => `# ${n}`).join("\n")}\n# dry run: nothing written\n`);
      return EXIT.ok;
    }
    fs.writeFileSync(result.path, result.after);
    process.stdout.write(
      `${result.notes.join("\n")}\n\nNext: ${reviewStep(result.notes)}review \`git diff ${result.stackFile}\`, then \`npm run plan -- --stack ${args.stack}\`.\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CloneError) {
      process.stderr.write(`${error.message.replace(/^/gm, "error: ").replace(/^error: {2}/gm, "error:   ")}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}

runTool(main);
