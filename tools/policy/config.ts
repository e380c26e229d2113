/**
 * Policy config exactly as the CLI reconciles a `--policy-pack-config` file: each policy starts
 * from its schema's defaults and its own enforcement level, then the file's `all` (an enforcement
 * level only), then the file's entry for the policy (level and properties, key by key). The
 * result is validated against each policy's schema.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EnforcementLevel, Policies } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL } from "../../policies/pack";
import { validateJsonSchema } from "./json-schema";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** A bad policy config file: the plan exits 2, as for bad stack config. */
export class PolicyConfigError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: readonly string[],
  ) {
    super(`${file}: invalid policy pack config:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "PolicyConfigError";
  }
}

export interface PolicySettings {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Readonly<Record<string, unknown>>;
}

export type ResolvedPolicyConfig = ReadonlyMap<string, PolicySettings>;

/** policies/config/<environment>.json, the file the PR workflow passes to `pulumi preview`. */
export function policyConfigFileFor(repo: string, environment: string): string {
  return path.join(repo, "policies", "config", `${environment}.json`);
}

export function loadPolicyConfig(file: string, policies: Policies): ResolvedPolicyConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PolicyConfigError(file, ["cannot be read"]);
  }
  let parsed: unknown;
  try {
    parsed = text.trim() === "" ? {} : JSON.parse(text);
  } catch (error) {
    throw new PolicyConfigError(file, [`is not JSON: ${(error as Error).message}`]);
  }
  return resolvePolicyConfig(parsed, policies, file);
}

export function resolvePolicyConfig(given: unknown, policies: Policies, file = "(policy config)"): ResolvedPolicyConfig {
  const problems: string[] = [];
  if (given === null || typeof given !== "object" || Array.isArray(given))
    throw new PolicyConfigError(file, ["must be a JSON object of policy names"]);
  const entries = new Map<string, { level?: EnforcementLevel; properties: Record<string, unknown> }>();
  for (const [name, value] of Object.entries(given as Record<string, unknown>)) {
    if (name !== "all" && !policies.some((p) => p.name === name)) {
      problems.push(`${name}: no such policy in the pack; policies: ${policies.map((p) => p.name).join(", ")}`);
      continue;
    }
    if (typeof value === "string") {
      if (!ENFORCEMENT_LEVELS.includes(value as EnforcementLevel))
        problems.push(`${name}: "${value}" is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`);
      else entries.set(name, { level: value as EnforcementLevel, properties: {} });
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const { enforcementLevel, ...properties } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined && !ENFORCEMENT_LEVELS.includes(enforcementLevel as EnforcementLevel)) {
        problems.push(
          `${name}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`,
        );
      }
      if (name === "all" && Object.keys(properties).length > 0) {
        problems.push(`all: only enforcementLevel applies to every policy; set ${Object.keys(properties).join(", ")} per policy`);
      }
      entries.set(name, { level: enforcementLevel as EnforcementLevel | undefined, properties });
    } else {
      problems.push(`${name}: must be an enforcement level or an object, got ${JSON.stringify(value)}`);
    }
  }

  const all = entries.get("all")?.level;
  const resolved = new Map<string, PolicySettings>();
  for (const policy of policies) {
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (typeof schema === "object" && schema.default !== undefined) defaults[key] = structuredClone(schema.default);
    }
    const own = entries.get(policy.name);
    const enforcementLevel = own?.level ?? all ?? policy.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL;
    const properties = { ...defaults, ...(own?.properties ?? {}) };
    if (policy.configSchema !== undefined) {
      const schema = { type: "object" as const, properties: policy.configSchema.properties, required: policy.configSchema.required };
      problems.push(...validateJsonSchema(properties, schema, policy.name).map((p) => p.replace(`${policy.name}.`, `${policy.name}: `)));
    } else if (Object.keys(own?.properties ?? {}).length > 0) {
      problems.push(`${policy.name}: takes no configuration besides enforcementLevel`);
    }
    resolved.set(policy.name, { enforcementLevel, properties });
  }
  if (problems.length > 0) throw new PolicyConfigError(file, problems);
  return resolved;
}
