import { z } from "zod";

export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** A whole number within [min, max]; messages say the range, so errors read "must be 1-6, got 9". */
export function intBetween(min: number, max: number) {
  return z
    .number({ error: (issue) => `must be a whole number from ${min} to ${max}, got ${describe(issue.input)}` })
    .int({ error: (issue) => `must be a whole number from ${min} to ${max}, got ${describe(issue.input)}` })
    .min(min, { error: (issue) => `must be ${min}-${max}, got ${describe(issue.input)}` })
    .max(max, { error: (issue) => `must be ${min}-${max}, got ${describe(issue.input)}` });
}

/** One of a fixed set of strings; the message lists what is allowed. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (issue) => `must be one of ${values.join(", ")}; got ${describe(issue.input)}` });
}

export function nonEmptyString(what: string) {
  return z
    .string({ error: (issue) => `must be ${what} (a string), got ${describe(issue.input)}` })
    .min(1, { error: `must be ${what}, not empty` });
}

/**
 * true or false. Pulumi reads stack files as YAML 1.2 (go-yaml v3 into untyped values), where
 * `yes`, `on` and `"true"` are strings, not booleans; the message says so and what to write.
 */
export function flag() {
  return z.boolean({ error: (issue) => `must be true or false, got ${describe(issue.input)}${booleanHint(issue.input)}` });
}

function booleanHint(value: unknown): string {
  if (typeof value === "string" && /^(y|yes|n|no|on|off|true|false)$/i.test(value)) {
    const meant = /^(y|yes|on|true)$/i.test(value) ? "true" : "false";
    return ` (a string: stack files are YAML 1.2, where only unquoted true and false are booleans; write ${meant})`;
  }
  if (value === 0 || value === 1) return ` (a number; write ${value === 1 ? "true" : "false"})`;
  return "";
}

/** Longest text of a value shown in an error; the rest is elided. */
const SHOWN = 80;

/** How a config value is shown in an error: strings quoted and escaped (control characters too), objects as JSON, short. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing (the key is missing)";
  if (value === null) return "null (an empty value)";
  if (typeof value === "string")
    return value.length > SHOWN ? `${JSON.stringify(value.slice(0, SHOWN))}… (${value.length} characters)` : JSON.stringify(value);
  if (Array.isArray(value)) return `a list (${JSON.stringify(value).slice(0, 60)})`;
  if (value !== null && typeof value === "object") return `an object (${JSON.stringify(value).slice(0, 60)})`;
  return String(value);
}

/** What a tier's cross-field check may report. `path` is relative to the tier's key. */
export type IssueReporter = (path: readonly (string | number)[], message: string) => void;
