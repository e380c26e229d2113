/**
 * Policy results for the PR report, when the policy engine (tools/policy) is part of this
 * checkout: loaded at run time, so the report works with or without it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Plan } from "../engine/model";
import { PolicyResults, renderPolicyMarkdown } from "./policy-section";

interface PolicyEngine {
  evaluatePolicies(plan: Plan, configFile: string): Promise<PolicyResults>;
  policyConfigFileFor(repo: string, environment: string): string;
}

/** The markdown policy section, or undefined when no policy engine exists in this checkout. */
export async function policySectionFor(plan: Plan, repo: string): Promise<string | undefined> {
  const module = path.resolve(__dirname, "../policy/run-policies.js");
  if (!fs.existsSync(module)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const engine = require(module) as PolicyEngine;
  const environment = plan.config?.["platform:environment"] ?? plan.stack;
  const report = await engine.evaluatePolicies(plan, engine.policyConfigFileFor(repo, environment));
  return renderPolicyMarkdown(report);
}
