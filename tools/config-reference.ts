import * as fs from "node:fs";
import * as path from "node:path";
import { withReference } from "../components/config/reference";
import { EXIT, REPO_ROOT, parseToolArgs, runTool } from "./cli";

/** `npm run config-reference`: rewrites README.md's config reference from the schema (--check: only compare). */
async function main(): Promise<number> {
  const args = parseToolArgs(
    { check: { type: "boolean", default: false } },
    {
      usage: "npm run config-reference [-- --check]",
      summary: "Rewrites README.md's stack config reference from the config schema.",
      flags: { "--check": "only compare: exit 1 when README.md is out of date" },
      exitCodes: { 1: "with --check: README.md's config reference is out of date" },
    },
  );
  const file = path.join(REPO_ROOT, "README.md");
  const current = fs.readFileSync(file, "utf8");
  const next = withReference(current);
  if (args.check) {
    if (next === current) return EXIT.ok;
    process.stderr.write("error: README.md's config reference is out of date; run npm run config-reference\n");
    return EXIT.failed;
  }
  if (next !== current) fs.writeFileSync(file, next);
  return EXIT.ok;
}

runTool(main);
