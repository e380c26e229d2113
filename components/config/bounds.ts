/**
 * Size limits on stack config values, checked on the raw values before any parsing or merging, so
 * a hostile or runaway stack file (100,000 tag keys, 10,000 alert addresses, megabyte strings)
 * costs bounded time and memory and gets one clear error instead of a minutes-long plan or an
 * out-of-memory abort. The stack file's own size and YAML structure are checked when it is loaded.
 */
import { AWS_REGION_NAMES } from "./aws-regions";
import { MAX_STACK_TAGS } from "./tiers/tags";
import { MAX_ALERT_EMAILS } from "./tiers/observability";

/** No value of the schema is longer (ARNs, the longest, are at most 2048 characters). */
export const MAX_STRING_LENGTH = 2048;
/** The schema nests 5 levels (regions[].cluster.systemNodeGroup.instanceTypes[]). */
export const MAX_DEPTH = 10;
/** Entries of any one list or object unless a key has its own limit below. */
export const MAX_ENTRIES = 1000;
/** Values in the whole namespace; the committed prod stack has about 100. */
export const MAX_VALUES = 20000;
/** Problems reported before giving up: a file with thousands of bad values gets the first few. */
export const MAX_REPORTED = 20;

/** Collections with a tighter limit than MAX_ENTRIES, by path (list indices as `[]`), and why. */
const COLLECTION_LIMITS: Record<string, { readonly max: number; readonly why: string }> = {
  tags: {
    max: MAX_STACK_TAGS,
    why: "AWS allows 50 tags per resource, and the platform's own and per-resource tags take the rest",
  },
  regions: { max: AWS_REGION_NAMES.length, why: `each of the ${AWS_REGION_NAMES.length} supported AWS regions may appear once` },
  "observability.alertEmails": {
    max: MAX_ALERT_EMAILS,
    why: "each address becomes an SNS email subscription in every region, confirmed by hand; subscribe a mailing list or an on-call tool for more people",
  },
};

export type BoundsReporter = (path: readonly PropertyKey[], message: string) => void;

/**
 * Walks the raw values breadth-first with a budget and reports what is too large or too deep.
 * Returns false when anything was reported (the caller stops before parsing).
 */
export function checkBounds(values: Readonly<Record<string, unknown>>, report: BoundsReporter): boolean {
  let reported = 0;
  let visited = 0;
  const problem = (path: readonly PropertyKey[], message: string) => {
    if (reported++ < MAX_REPORTED) report(path, message);
  };
  const queue: { path: readonly PropertyKey[]; value: unknown }[] = Object.keys(values).map((key) => ({ path: [key], value: values[key] }));
  for (let i = 0; i < queue.length; i++) {
    const { path, value } = queue[i];
    if (++visited > MAX_VALUES) {
      problem([], `holds more than ${MAX_VALUES} values; no stack needs that many (is a generated file looping?)`);
      break;
    }
    if (typeof value === "string") {
      if (value.length > MAX_STRING_LENGTH)
        problem(path, `is ${value.length} characters long; no value here may be longer than ${MAX_STRING_LENGTH}`);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (path.length > MAX_DEPTH) {
      problem(path, `nests deeper than ${MAX_DEPTH} levels; no key of the platform config does`);
      continue;
    }
    const keys = Object.keys(value);
    const pattern = path
      .map((p) => (typeof p === "number" ? "[]" : String(p)))
      .join(".")
      .replace(/\.\[\]/g, "[]");
    const limit = COLLECTION_LIMITS[pattern];
    const max = limit?.max ?? MAX_ENTRIES;
    if (keys.length > max) {
      const what = Array.isArray(value) ? "entries" : "keys";
      problem(path, `has ${keys.length} ${what}; at most ${max} are allowed${limit ? ` (${limit.why})` : ""}`);
      continue;
    }
    for (const key of keys) {
      // JSON gives "__proto__" as an own key, but JavaScript objects built from it drop or misread it.
      if (key === "__proto__") {
        problem([...path, key], 'is a reserved name ("__proto__") that cannot be used as a key');
        continue;
      }
      if (key.length > MAX_STRING_LENGTH) {
        problem(path, `has a key ${key.length} characters long; no key may be longer than ${MAX_STRING_LENGTH}`);
        continue;
      }
      if (queue.length > MAX_VALUES) break;
      queue.push({ path: [...path, Array.isArray(value) ? Number(key) : key], value: (value as Record<string, unknown>)[key] });
    }
  }
  if (reported > MAX_REPORTED) report([], `and ${reported - MAX_REPORTED} more value(s) too large; fix these first`);
  return reported === 0;
}
