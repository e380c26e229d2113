import * as path from "node:path";
import type { Policies } from "@pulumi/policy";
import { POLICIES } from "../../policies/rules";
import { DEFAULT_OPTIONS, Plan, PlannedResource, engineUrn } from "../../tools/engine/model";
import { reveal } from "../../tools/engine/values";
import { PolicyReport, PolicyViolation, loadPolicyConfig, policyConfigFileFor, runPolicies } from "../../tools/policy/run-policies";
import { REPO } from "../helpers/plan";

export type Env = "dev" | "prod";

export function policyNamed(name: string) {
  const policy = POLICIES.find((p) => p.name === name);
  if (!policy) throw new Error(`no policy ${name}`);
  return policy;
}

export function configFile(env: Env): string {
  return policyConfigFileFor(REPO, env);
}

/** Runs some policies against a plan with an environment's committed policy config. */
export async function report(plan: Plan, env: Env, policies: Policies = POLICIES): Promise<PolicyReport> {
  return runPolicies(plan, loadPolicyConfig(configFile(env), POLICIES), policies);
}

/** The violations one policy reports on a plan. */
export async function violations(policy: string, plan: Plan, env: Env): Promise<readonly PolicyViolation[]> {
  return (await report(plan, env, [policyNamed(policy)])).policies[0].violations;
}

/** A copy of the plan with the inputs of the first resource that matches changed (one field per case). */
export function edit(
  plan: Plan,
  match: (r: PlannedResource) => boolean,
  change: (inputs: Record<string, any>, r: PlannedResource) => void,
): Plan {
  const index = plan.resources.findIndex(match);
  if (index < 0) throw new Error("edit: no resource matches");
  const target = plan.resources[index];
  const before = reveal(target.inputs) as Record<string, any>;
  const inputs = reveal(target.inputs) as Record<string, any>;
  change(inputs, target);
  // Providers echo inputs into outputs (what stack policies read): carry the change over.
  const outputs = reveal(target.outputs) as Record<string, any>;
  for (const key of new Set([...Object.keys(before), ...Object.keys(inputs)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(inputs[key])) continue;
    if (key in inputs) outputs[key] = inputs[key];
    else delete outputs[key];
  }
  const resources = [...plan.resources];
  resources[index] = { ...target, inputs, outputs };
  return { ...plan, resources };
}

/** A copy of the plan with one resource's other fields (options, provider, outputs) replaced. */
export function replace(
  plan: Plan,
  match: (r: PlannedResource) => boolean,
  change: (r: PlannedResource) => Partial<PlannedResource>,
): Plan {
  return { ...plan, resources: plan.resources.map((r) => (match(r) ? { ...r, ...change(r) } : r)) };
}

export function without(plan: Plan, match: (r: PlannedResource) => boolean): Plan {
  return { ...plan, resources: plan.resources.filter((r) => !match(r)) };
}

export const named = (name: string) => (r: PlannedResource) => r.name === name;
export const typed = (type: string, region?: string) => (r: PlannedResource) =>
  r.type === type && (region === undefined || r.region === region);

/** Adds a custom AWS resource created through a region's provider of the plan (for types no stack uses yet). */
export function add(
  plan: Plan,
  resource: {
    type: string;
    name: string;
    region: string;
    inputs: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
  },
): Plan {
  const provider = plan.resources.find(
    (r) => r.type === "pulumi:providers:aws" && r.region === resource.region && !r.name.includes("edge"),
  );
  if (!provider) throw new Error(`no provider for ${resource.region}`);
  const planned: PlannedResource = {
    urn: engineUrn(plan.stack, plan.project, undefined, resource.type, resource.name),
    type: resource.type,
    name: resource.name,
    custom: true,
    remote: false,
    provider: provider.urn,
    region: resource.region,
    inputs: resource.inputs,
    outputs: resource.outputs ?? {},
    dependencies: [],
    propertyDependencies: resource.propertyDependencies ?? {},
    options: DEFAULT_OPTIONS,
  };
  return { ...plan, resources: [...plan.resources, planned] };
}

export const POLICIES_DIR = path.join(REPO, "policies");
