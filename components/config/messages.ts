import { z } from "zod";
import { ConfigIssue } from "./errors";
import { describe } from "./tiers/common";

/** Turning zod issues and near misses into the messages a stack author reads. */

export function collect(
  error: z.ZodError,
  prefix: readonly PropertyKey[],
  report: (path: readonly PropertyKey[], message: string) => void,
): void {
  for (const issue of error.issues) report([...prefix, ...issue.path], messageOf(issue));
}

export function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_type":
      if (issue.message.startsWith("Invalid input")) {
        return `must be ${article(issue.expected)}, got ${describe((issue as { input?: unknown }).input)}`;
      }
      return issue.message;
    default:
      return issue.message;
  }
}

/** The keys an object schema accepts at `path` (walking objects, arrays, optionals, defaults). */
export function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const part of path) {
    current = unwrap(current);
    if (current instanceof z.ZodArray && typeof part === "number") current = current.element;
    else if (current instanceof z.ZodObject) current = (current.shape as Record<string, unknown>)[String(part)];
    else return [];
  }
  current = unwrap(current);
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap();
  return current;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/**
 * Maps an issue in a merged region back to where the value was written: the region entry if it
 * sets that path, else `regionDefaults` if that does, else the region (a default of ours).
 */
export function attribute(
  path: readonly PropertyKey[],
  rawRegions: unknown,
  sharedDefaults: Record<string, unknown>,
): readonly PropertyKey[] {
  if (path[0] !== "regions" || typeof path[1] !== "number" || !Array.isArray(rawRegions)) return path;
  const inner = path.slice(2);
  const entry: unknown = rawRegions[path[1]];
  if (hasPath(entry, inner) || !hasPath(sharedDefaults, inner)) return path;
  return ["regionDefaults", ...inner];
}

function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = value;
  for (const part of path) {
    if (current === null || typeof current !== "object" || !(part in (current as object))) return false;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return true;
}

export function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** ` (did you mean "x"?)` for a near miss, by edit distance. */
export function suggest(value: string, candidates: readonly string[]): string {
  const best = closest(value, candidates, Math.max(2, Math.floor(value.length / 4)));
  return best !== undefined ? ` (did you mean "${best}"?)` : "";
}

/** The candidate nearest to `value` by edit distance, if within `maxDistance`. */
export function closest(value: string, candidates: readonly string[], maxDistance: number): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= maxDistance ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
