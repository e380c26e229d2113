/**
 * Building blocks of the catalogue's input rules: names (given or auto-named), tags, ARNs in the
 * resource's own region. Each entry composes them with its own limits and sources.
 */
import { AWS_TAGGING_LIMITS, PULUMI_AWS_DEFAULT_AUTONAME } from "./sources";
import { InputRule, ValidationContext } from "./types";
import { regionOfArn } from "../../policies/residency-zones";

/** `arn:aws:rds:eu-west-1:111122223333:db:orders` -> `eu-west-1` (spelled once, in the pack). */
export { regionOfArn };

export function isArn(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("arn:");
}

/** The physical name the provider would send: the given one, else the mock's auto-name. */
export function physicalName(ctx: ValidationContext, input: string, output = input): { value?: string; auto: boolean } {
  const given = ctx.inputs[input];
  if (typeof given === "string" && given !== "") return { value: given, auto: false };
  const made = ctx.outputs[output];
  return { value: typeof made === "string" ? made : undefined, auto: true };
}

export interface NameSpec {
  /** Input property holding the name. */
  readonly property: string;
  /** Output property holding the auto-name when the input is unset (default: the same key). */
  readonly output?: string;
  readonly min: number;
  readonly max: number;
  /** The whole name must match (character set, first character...). */
  readonly pattern: RegExp;
  /** Further constraints: a pattern the name must NOT match, and what it means. */
  readonly forbidden?: readonly (readonly [RegExp, string])[];
  /** AWS's rule in words. */
  readonly rule: string;
  readonly sources: readonly string[];
}

/** A name AWS refuses: wrong length, characters outside the set, or a forbidden form. */
export function nameRule(spec: NameSpec): InputRule {
  return {
    property: spec.property,
    rule: spec.rule,
    sources: spec.sources,
    check: (ctx) => {
      const { value, auto } = physicalName(ctx, spec.property, spec.output);
      if (value === undefined) return undefined;
      const shown = `"${value}"${auto ? ` (auto-named from the logical name "${ctx.name}")` : ""}`;
      const problems: string[] = [];
      if (value.length < spec.min || value.length > spec.max) problems.push(`${shown} has ${value.length} characters`);
      else if (!spec.pattern.test(value)) problems.push(`${shown} has characters or a form outside the allowed set`);
      for (const [pattern, meaning] of spec.forbidden ?? []) if (pattern.test(value)) problems.push(`${shown} ${meaning}`);
      return problems;
    },
  };
}

/**
 * The provider's auto-name (`<logical name>-<7 random hex>`) fails Check when longer than the
 * resource's maximum ("plus 7 random chars is longer than maximum length").
 */
export const AUTONAME_SOURCES = [PULUMI_AWS_DEFAULT_AUTONAME];

/** AWS's tag limits, applied to the tags a resource ends up with (provider default tags included). */
export const TAG_LIMITS: InputRule = {
  property: "tags",
  rule: "at most 50 user tags per resource (provider default tags included); keys 1-128 characters, values at most 256; the aws: prefix (any case) is reserved for AWS in keys and values",
  sources: [AWS_TAGGING_LIMITS, "https://docs.aws.amazon.com/batch/latest/userguide/tag-restrictions.html"],
  check: (ctx) => {
    const own = ctx.inputs.tags;
    const tags: Record<string, unknown> = { ...ctx.defaultTags, ...(own !== null && typeof own === "object" ? own : {}) };
    const keys = Object.keys(tags);
    const problems: string[] = [];
    if (keys.length > 50) problems.push(`${keys.length} tags (${Object.keys(ctx.defaultTags).length} from the provider's default tags)`);
    for (const key of keys) {
      if (/^aws:/i.test(key)) problems.push(`tag key "${key}" uses the reserved aws: prefix`);
      if (typeof tags[key] === "string" && /^aws:/i.test(tags[key] as string))
        problems.push(`tag "${key}" has a value with the reserved aws: prefix`);
      if (key.length < 1 || key.length > 128) problems.push(`tag key "${key.slice(0, 40)}..." has ${key.length} characters`);
      const value = tags[key];
      if (typeof value === "string" && value.length > 256) problems.push(`tag "${key}" has a value of ${value.length} characters`);
    }
    return problems;
  },
};

/**
 * A key, secret or other regional resource named by ARN must live in the resource's own region
 * (KMS keys are regional: a key of another region cannot encrypt here).
 */
export function arnInOwnRegion(property: string, what: string, sources: readonly string[]): InputRule {
  return {
    property,
    rule: `${what} must be in the resource's own region`,
    sources,
    check: (ctx) => {
      const value = ctx.inputs[property];
      const region = regionOfArn(value);
      return region !== undefined && region !== ctx.region ? `${value} is in ${region}, the resource in ${ctx.region}` : undefined;
    },
  };
}

/** A value must be one of a fixed set. */
export function oneOfRule(property: string, allowed: readonly (string | number)[], sources: readonly string[]): InputRule {
  return {
    property,
    rule: `one of ${allowed.join(", ")}`,
    sources,
    check: (ctx) => {
      const value = ctx.inputs[property];
      return value === undefined || allowed.includes(value) ? undefined : `${JSON.stringify(value)} is not allowed`;
    },
  };
}

/** A number AWS accepts only within [min, max]. */
export function rangeRule(property: string, min: number, max: number, what: string, sources: readonly string[]): InputRule {
  return {
    property,
    rule: `${what}: ${min}-${max}`,
    sources,
    check: (ctx) => {
      const value = ctx.inputs[property];
      return typeof value === "number" && (value < min || value > max) ? `${value}` : undefined;
    },
  };
}

/** An input that must be an IAM role ARN (`arn:aws:iam::<account>:role/...`). */
export function roleArnRule(property: string, sources: readonly string[]): InputRule {
  return {
    property,
    rule: "an IAM role ARN (arn:aws:iam::<account>:role/...)",
    sources,
    check: (ctx) => {
      const value = ctx.inputs[property];
      return typeof value === "string" && !/^arn:aws[a-z-]*:iam::\d{12}:role\//.test(value) ? `"${value}"` : undefined;
    },
  };
}
