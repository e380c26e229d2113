import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { planStack } from "../../tools/engine/run";
import { reveal } from "../../tools/engine/values";
import { planName, sharedPlan } from "./plan-cache";

/** The repository root (tests run from build/test/...). */
export const REPO = path.resolve(__dirname, "../../..");

const cache = new Map<string, Promise<Plan>>();

/**
 * The offline plan of a committed stack, computed once per test run: once per process, and
 * shared through build/.test-cache between mocha's parallel workers (test/helpers/plan-cache.ts).
 * Tests must not change it: copy first (test/policies/helpers.ts `edit` does).
 */
export function committedPlan(stack: "dev" | "prod"): Promise<Plan> {
  let plan = cache.get(stack);
  if (!plan) {
    const text = fs.readFileSync(path.join(REPO, `Pulumi.${stack}.yaml`), "utf8");
    plan = sharedPlan(REPO, planName(stack, text), () => planStack({ dir: REPO, stack }));
    cache.set(stack, plan);
  }
  return plan;
}

/** A temporary project directory holding Pulumi.yaml and the given stack files. */
export function tempProject(stacks: Record<string, string | object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-test-"));
  fs.copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  for (const [stack, content] of Object.entries(stacks)) {
    const text = typeof content === "string" ? content : stringify(content);
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
  }
  return dir;
}

/**
 * Plans a stack given as a config object (`{ "platform:environment": "dev", ... }`). Identical
 * stack files are planned once per test run, whichever test file asks (test/helpers/plan-cache.ts).
 */
export function planConfig(config: Record<string, unknown>, stack = "test"): Promise<Plan> {
  const text = stringify({ config });
  return sharedPlan(REPO, planName(stack, text), () => planStack({ dir: tempProject({ [stack]: text }), stack }));
}

/** Reads a committed stack file's `config:` block as an object, for tests to modify. */
export function committedConfig(stack: "dev" | "prod"): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(REPO, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return structuredClone(doc.config);
}

export function ofType(plan: Plan, type: string): PlannedResource[] {
  return plan.resources.filter((r) => r.type === type);
}

/** Inputs with secrets unwrapped, as a policy would see them. */
export function inputsOf(resource: PlannedResource): Record<string, any> {
  return reveal(resource.inputs) as Record<string, any>;
}

export function outputsOf(resource: PlannedResource): Record<string, any> {
  return reveal(resource.outputs) as Record<string, any>;
}

/** The single resource of a type in a region (fails loudly if not exactly one). */
export function single(plan: Plan, type: string, region: string): PlannedResource {
  const found = ofType(plan, type).filter((r) => r.region === region);
  if (found.length !== 1) throw new Error(`expected one ${type} in ${region}, found ${found.length}`);
  return found[0];
}
