/**
 * What a workflow needs to know about a stack, read by the same loader and config model the
 * offline plan and the program use (never a `sed` over the YAML, which disagrees with the YAML
 * parser on legal inputs such as quoted, commented or flow-style values).
 */
import * as path from "node:path";
import { PlatformConfig } from "../../components/config";
import { contains, parseCidr } from "../../policies/lib/cidr";
import { listStacks } from "../engine/stack-files";
import { resolveStack, valuesOf } from "../clone/stacks";
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
  /** `platform:deployer.cidrs`: the public egress ranges `pulumi up` must run from (empty when unset). */
  readonly "deployer-cidrs": readonly string[];
}

export const STACK_INFO_FIELDS = ["stack", "environment", "policy-config", "regions", "zones", "deployer-cidrs"] as const;
export type StackInfoField = (typeof STACK_INFO_FIELDS)[number];

export function zonesOf(config: PlatformConfig): StackInfo["zones"] {
  const zones = new Map<string, string[]>();
  for (const r of config.regions) zones.set(r.zone, [...(zones.get(r.zone) ?? []), r.region]);
  return [...zones.entries()].map(([zone, regions]) => ({ zone, regions }));
}

/** Loads and validates the stack (ConfigError / StackFileError on bad input) and summarises it. */
export function stackInfo(repo: string, stack: string): StackInfo {
  const { loaded, config } = resolveStack(repo, stack);
  const deployer = valuesOf(loaded).deployer as { cidrs?: unknown } | undefined;
  return {
    stack,
    environment: config.environment,
    "policy-config": path.relative(repo, policyConfigFileFor(repo, config.environment)).split(path.sep).join("/"),
    regions: config.regions.map((r) => r.region),
    zones: zonesOf(config),
    "deployer-cidrs": Array.isArray(deployer?.cidrs) ? deployer.cidrs.map(String) : [],
  };
}

/** Every stack of the project, for a workflow matrix. */
export function allStackInfo(repo: string): StackInfo[] {
  return listStacks(repo).map((stack) => stackInfo(repo, stack));
}

/** One field as a shell reads it: strings bare, everything else as compact JSON. */
export function formatField(info: StackInfo, field: StackInfoField): string {
  const value = info[field];
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Whether an address (the runner's public egress, as https://checkip.amazonaws.com reports it) is
 * one the stack's clusters admit on their API endpoint; undefined when it is, else why not.
 */
export function egressProblem(info: StackInfo, ip: string): string | undefined {
  const address = parseCidr(`${ip}/32`);
  if (typeof address === "string") return `${ip} is not an IPv4 address`;
  if (info["deployer-cidrs"].length === 0) return `Pulumi.${info.stack}.yaml sets no platform:deployer.cidrs`;
  const inside = info["deployer-cidrs"].some((text) => {
    const block = parseCidr(text);
    return typeof block !== "string" && contains(block, address);
  });
  return inside
    ? undefined
    : `this runner's public address ${ip} is not in platform:deployer.cidrs of Pulumi.${info.stack}.yaml (${info["deployer-cidrs"].join(", ")}): ` +
        "the cluster API endpoints would refuse it and every Helm release and Kubernetes object would time out; run on a runner egressing from those ranges";
}
