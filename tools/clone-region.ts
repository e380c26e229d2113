import * as fs from "node:fs";
import * as path from "node:path";
import { EXIT, REPO_ROOT, UsageError, parseToolArgs, runTool } from "./cli";
import { cloneRegion } from "./clone/clone-region";
import { CloneError } from "./clone/errors";

const USAGE =
  "npm run clone-region -- --stack <name> --from <region> --to <region> [--zone <zone>] [--origin-certificate-arn <arn>] [--dry-run]";

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
    USAGE,
  );
  const missing = (["stack", "from", "to"] as const).filter((flag) => !args[flag]).map((flag) => `--${flag}`);
  if (missing.length > 0) throw new UsageError(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} required\nusage: ${USAGE}`);
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
      `${result.notes.join("\n")}\n\nNext: review \`git diff ${result.stackFile}\`, then \`npm run plan -- --stack ${args.stack}\`.\n`,
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
