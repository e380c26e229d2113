import { z } from "zod";
import { ConfigIssue } from "./errors";
import { describe } from "./tiers/common";

/** Turning zod issues and near misses into the messages a stack author reads. */

export function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_type":
      if (issue.message.startsWith("Invalid input")) {
        // Parsed with reportInput, so the value given is on the issue.
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
 * sets that path, else `regionDefaults` if that does (naming the region that inherited it), else
 * the region (a default of the environment).
 */
export function attribute(
  path: readonly PropertyKey[],
  rawRegions: unknown,
  sharedDefaults: Record<string, unknown>,
): { readonly path: readonly PropertyKey[]; readonly inheritedBy?: number } {
  if (path[0] !== "regions" || typeof path[1] !== "number" || !Array.isArray(rawRegions)) return { path };
  const inner = path.slice(2);
  const entry: unknown = rawRegions[path[1]];
  if (inner.length === 0 || hasPath(entry, inner) || !hasPath(sharedDefaults, inner)) return { path };
  return { path: ["regionDefaults", ...inner], inheritedBy: path[1] };
}

function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = value;
  for (const part of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) return false;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return true;
}

/** A problem before it is worded for the file: a regionDefaults value names the regions it broke. */
export interface RawIssue {
  readonly path: string;
  readonly message: string;
  readonly inheritedBy?: string;
}

/** Most problems listed in one error; the rest are counted. */
export const MAX_ISSUES = 50;

/** One issue per path and message; regionDefaults problems list every region that inherited them. */
export function dedupe(issues: readonly RawIssue[]): ConfigIssue[] {
  const merged = new Map<string, { path: string; message: string; regions: string[] }>();
  for (const issue of issues) {
    const key = `${issue.path}\u0000${issue.message}`;
    const seen = merged.get(key) ?? { path: issue.path, message: issue.message, regions: [] };
    if (issue.inheritedBy !== undefined && !seen.regions.includes(issue.inheritedBy)) seen.regions.push(issue.inheritedBy);
    merged.set(key, seen);
  }
  const all = [...merged.values()].map(({ path, message, regions }) => ({
    path,
    message: regions.length > 0 ? `${message} (inherited by ${regions.join(", ")})` : message,
  }));
  if (all.length <= MAX_ISSUES) return all;
  const [first] = all;
  const rest = all.length - MAX_ISSUES;
  return [
    ...all.slice(0, MAX_ISSUES),
    { path: first.path.split(":")[0] + ":", message: `and ${rest} more problem(s) not listed; fix these first` },
  ];
}

/** ` (did you mean "x"?)` for a near miss: the same name in another case, or one within a few edits. */
export function suggest(value: string, candidates: readonly string[]): string {
  const best = closest(value, candidates, Math.max(2, Math.floor(value.length / 4)));
  if (best === undefined) return "";
  return best.toLowerCase() === value.toLowerCase() ? ` (did you mean "${best}"? names are case-sensitive)` : ` (did you mean "${best}"?)`;
}

/** The candidate nearest to `value`: one equal but for case first, else by edit distance within `maxDistance`. */
export function closest(value: string, candidates: readonly string[], maxDistance: number): string | undefined {
  const sameLetters = candidates.find((c) => c.toLowerCase() === value.toLowerCase());
  if (sameLetters !== undefined) return sameLetters;
  // Edit distance is quadratic: a value far longer than every candidate is no near miss.
  const longest = Math.max(0, ...candidates.map((c) => c.length));
  if (value.length > longest + maxDistance) return undefined;
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
