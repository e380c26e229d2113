/**
 * `npm run rollout -- --stack <name> [--org <pulumi-org>] [--canary <region>] [--bake-minutes <n>] [--dry-run]`
 *
 * Prints the plan of waves (canary region, rest of its zone, other zones, edge), planned offline
 * from this commit's program, then drives it through Pulumi's Automation API: one `pulumi up` with
 * the policy pack per wave, a bake with the region-unhealthy alarms watched after each, and a stop
 * on the first failed update or firing alarm. Exit codes: 0 done (or --dry-run), 1 stopped,
 * 2 bad input or no Pulumi CLI / AWS CLI on this machine.
 */
import * as path from "node:path";
import { EXIT, REPO_ROOT, UsageError, parseToolArgs, runTool } from "./cli";
import { planStack } from "./engine/run";
import { policyConfigFileFor } from "./policy/config";
import { zonesOf } from "./pipeline/stack-info";
import { resolveStack } from "./clone/stacks";
import { automationDriver, findPulumiCli, hasAwsCli } from "./rollout/automation";
import { executeRollout } from "./rollout/execute";
import { planWaves, renderWaves } from "./rollout/waves";

const USAGE = "npm run rollout -- --stack <name> [--org <pulumi-org>] [--canary <region>] [--bake-minutes <n>] [--dry-run]";
const POLL_SECONDS = 30;

async function main(): Promise<number> {
  const args = parseToolArgs(
    {
      stack: { type: "string" },
      org: { type: "string" },
      canary: { type: "string" },
      "bake-minutes": { type: "string", default: "10" },
      "dry-run": { type: "boolean", default: false },
    },
    USAGE,
  );
  if (!args.stack) throw new UsageError(`--stack is required\nusage: ${USAGE}`);
  const bakeMinutes = Number(args["bake-minutes"]);
  if (!Number.isInteger(bakeMinutes) || bakeMinutes < 0 || bakeMinutes > 240) {
    throw new UsageError(`--bake-minutes ${args["bake-minutes"]}: must be a whole number of minutes from 0 to 240`);
  }

  const { config } = resolveStack(REPO_ROOT, args.stack);
  const plan = await planStack({ dir: REPO_ROOT, stack: args.stack });
  const waves = planWaves(plan, { zones: zonesOf(config), canary: args.canary });
  process.stdout.write(`${renderWaves(args.stack, waves)}\n\n`);
  if (args["dry-run"]) return EXIT.ok;

  const command = await findPulumiCli();
  if (command === undefined) {
    process.stderr.write(
      "error: the Pulumi CLI is not installed here (no `pulumi` on PATH), so the Automation API cannot run these waves; " +
        "nothing was deployed. Install it (https://www.pulumi.com/docs/install/) or let the deploy workflow run it.\n",
    );
    return EXIT.badInput;
  }
  if (waves.some((w) => w.watch.length > 0) && !(await hasAwsCli())) {
    process.stderr.write(
      "error: the AWS CLI is not installed here, so the region-unhealthy alarms cannot be watched; nothing was deployed\n",
    );
    return EXIT.badInput;
  }
  const policyConfig = path.relative(REPO_ROOT, policyConfigFileFor(REPO_ROOT, config.environment));
  const driver = await automationDriver({
    repo: REPO_ROOT,
    // The Pulumi Cloud stack: <org>/<project>/<stack> with --org, else the login's default org.
    stack: args.org ? `${args.org}/${plan.project}/${args.stack}` : args.stack,
    policyConfig,
    command,
    write: (text) => process.stdout.write(text),
  });
  const outcome = await executeRollout(waves, driver, { bakeMinutes, pollSeconds: POLL_SECONDS });
  if (outcome.status === "stopped") {
    process.stderr.write(`error: rollout of ${args.stack} stopped: ${outcome.reason}; later waves were not started\n`);
    return EXIT.failed;
  }
  process.stdout.write(`rollout of ${args.stack} completed: ${outcome.waves} wave(s)\n`);
  return EXIT.ok;
}

runTool(main);
