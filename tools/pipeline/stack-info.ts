/**
 * What a workflow needs to know about a stack, read by the same loader and config model the
 * offline plan and the program use (never a `sed` over the YAML, which disagrees with the YAML
 * parser on legal inputs such as quoted, commented or flow-style values).
 */
import * as path from "node:path";
import { PlatformConfig } from "../../components/config";
import { resolveStack } from "../clone/stacks";
import { policyConfigFileFor } from "../policy/config";

export interface StackInfo {
  readonly stack: string;
  /** `platform:environment`: dev or prod. */
  readonly environment: string;
  /** The `--policy-pack-config` file for this environment, relative to the repository root. */
  readonly "policy-config": string;
  /** The stack's regions in stack-file order. */
  readonly regions: readonly string[];
  /** Residency zones in first-appearance order, each with its regions. */
  readonly zones: readonly { readonly zone: string; readonly regions: readonly string[] }[];
}

export const STACK_INFO_FIELDS = ["stack", "environment", "policy-config", "regions", "zones"] as const;
export type StackInfoField = (typeof STACK_INFO_FIELDS)[number];

export function zonesOf(config: PlatformConfig): StackInfo["zones"] {
  const zones = new Map<string, string[]>();
  for (const r of config.regions) zones.set(r.zone, [...(zones.get(r.zone) ?? []), r.region]);
  return [...zones.entries()].map(([zone, regions]) => ({ zone, regions }));
}

/** Loads and validates the stack (ConfigError / StackFileError on bad input) and summarises it. */
export function stackInfo(repo: string, stack: string): StackInfo {
  const { config } = resolveStack(repo, stack);
  return {
    stack,
    environment: config.environment,
    "policy-config": path.relative(repo, policyConfigFileFor(repo, config.environment)).split(path.sep).join("/"),
    regions: config.regions.map((r) => r.region),
    zones: zonesOf(config),
  };
}

/** One field as a shell reads it: strings bare, everything else as compact JSON. */
export function formatField(info: StackInfo, field: StackInfoField): string {
  const value = info[field];
  return typeof value === "string" ? value : JSON.stringify(value);
}
