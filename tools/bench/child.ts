import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { OFFLINE_ACCOUNT_ID } from "../engine/ids";
import { planLoadedStack } from "../engine/run";
import { loadStack } from "../engine/stack-files";

/**
 * One measurement in a fresh process: `plan <dir> <stack>` runs the real program,
 * `floor <dir> <stack> <count>` registers `count` bare resources under the same mocks and engine,
 * created in one synchronous loop (the fastest the SDK allows). Prints one JSON line.
 */
class BareResource extends pulumi.CustomResource {
  constructor(name: string) {
    super("aws:cloudwatch/logGroup:LogGroup", name, { retentionInDays: 7 });
  }
}

async function main(): Promise<void> {
  const [mode, dir, stack, countText] = process.argv.slice(2);
  const loaded = loadStack(dir, stack);
  // Module loading (@pulumi/aws, awsx, kubernetes) is timed apart from evaluation.
  const loadStarted = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here only to time it
  if (mode === "plan") require(path.resolve(__dirname, "../../index.js"));
  const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
  const started = process.hrtime.bigint();
  const floorProgram = async () => {
    for (let i = 0; i < Number(countText); i++) new BareResource(`floor-${i}`);
    return {};
  };
  const plan = await planLoadedStack(loaded, OFFLINE_ACCOUNT_ID, mode === "floor" ? floorProgram : undefined);
  const evalMs = Number(process.hrtime.bigint() - started) / 1e6;
  const resources = plan.resources.length;
  process.stdout.write(`${JSON.stringify({ mode, stack, resources, loadMs, evalMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench child failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
