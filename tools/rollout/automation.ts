/**
 * The rollout driver on Pulumi's Automation API: each wave is `stack.up` of the project's own
 * program (LocalWorkspace in the repository root) with the CrossGuard pack and the environment's
 * policy config, exactly what `pulumi up --policy-pack policies --policy-pack-config ...` runs.
 * Alarm states come from the AWS CLI (`aws cloudwatch describe-alarms`), with the credentials the
 * deploy job holds.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { AlarmState, RolloutDriver } from "./execute";

const run = promisify(execFile);

/** The `pulumi` on PATH, or undefined when there is none (the Automation API only drives a CLI). */
export async function findPulumiCli(): Promise<PulumiCommand | undefined> {
  try {
    return await PulumiCommand.get();
  } catch (error) {
    if (/ENOENT/.test(String((error as Error).message))) return undefined;
    throw error;
  }
}

/** True when `aws --version` runs. */
export async function hasAwsCli(): Promise<boolean> {
  try {
    await run("aws", ["--version"]);
    return true;
  } catch {
    return false;
  }
}

export interface AutomationOptions {
  readonly repo: string;
  readonly stack: string;
  /** The `--policy-pack-config` file, relative to the repository. */
  readonly policyConfig: string;
  readonly command: PulumiCommand;
  readonly write: (text: string) => void;
}

export async function automationDriver(options: AutomationOptions): Promise<RolloutDriver> {
  const stack = await LocalWorkspace.selectStack({ stackName: options.stack, workDir: options.repo }, { pulumiCommand: options.command });
  return {
    async isFirstDeployment() {
      const state = await stack.exportStack();
      const resources = (state.deployment as { resources?: unknown[] } | undefined)?.resources ?? [];
      return resources.length === 0;
    },
    async up(wave) {
      const constrained = wave.exclude.length > 0;
      await stack.up({
        policyPacks: [path.join(options.repo, "policies")],
        policyPackConfigs: [path.join(options.repo, options.policyConfig)],
        ...(constrained ? { exclude: [...wave.exclude], excludeDependents: true } : {}),
        message: `rollout wave ${wave.index}: ${wave.label}`,
        color: "never",
        onOutput: options.write,
      });
    },
    async alarmState(region, alarm): Promise<AlarmState> {
      const { stdout } = await run("aws", [
        "cloudwatch",
        "describe-alarms",
        "--alarm-names",
        alarm,
        "--alarm-types",
        "CompositeAlarm",
        "--region",
        region,
        "--output",
        "json",
      ]);
      const state = (JSON.parse(stdout) as { CompositeAlarms?: { StateValue?: string }[] }).CompositeAlarms?.[0]?.StateValue;
      return state === "OK" || state === "ALARM" || state === "INSUFFICIENT_DATA" ? state : "MISSING";
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: (line) => options.write(`${line}\n`),
  };
}
