import { hex } from "../ids";
import { MockResourceContext } from "./types";

/**
 * The physical name the provider would use: the given one, else Pulumi's auto-name (logical name
 * plus a random suffix, here derived from the URN).
 */
export function physicalName(ctx: MockResourceContext, key = "name", suffixLength = 7): string {
  const given = ctx.inputs[key];
  if (typeof given === "string" && given !== "") return given;
  const prefix = ctx.inputs[`${key}Prefix`];
  if (typeof prefix === "string" && prefix !== "") return `${prefix}${hex(ctx.urn, 26)}`;
  return `${ctx.name}-${hex(ctx.urn, suffixLength)}`;
}

/** `vpc-0a1b…`, `subnet-…`: EC2-style ids with 17 hex digits. */
export function ec2Id(prefix: string, seed: string): string {
  return `${prefix}-${hex(seed, 17)}`;
}
