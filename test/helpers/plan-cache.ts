/**
 * Plans shared between mocha's worker processes (and between runs): a plan is computed by one
 * process and written to build/.test-cache/plans/<build key>/<stack>-<stack file hash>.plan, where
 * the build key hashes everything else a plan depends on (the build manifest of every non-test
 * source, Pulumi.yaml, the lockfile, the Node version). A worker that finds another one planning
 * the same stack file waits for its result instead of planning it again. Values keep their classes
 * (Secret, ResourceRef, Unknown) and `undefined` across the round trip.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { deserialize, serialize } from "node:v8";
import { Plan } from "../../tools/engine/model";
import { ResourceRef, Secret, UNKNOWN_VALUE, Unknown } from "../../tools/engine/values";
import { processAlive, writeFileAtomic } from "../../tools/shared-state";

const TAG = "\u0000plan-cache";

/** Class instances as tagged plain objects (v8's serializer keeps only plain data). */
function encode(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== "object") return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  let result: unknown;
  if (value instanceof Secret) result = { [TAG]: "secret", value: encode(value.value, seen) };
  else if (value instanceof ResourceRef) result = { [TAG]: "ref", urn: value.urn, id: value.id };
  else if (value instanceof Unknown) result = { [TAG]: "unknown" };
  else if (Array.isArray(value)) {
    const array: unknown[] = [];
    seen.set(value, array);
    for (const item of value) array.push(encode(item, seen));
    return array;
  } else {
    const object: Record<string, unknown> = {};
    seen.set(value, object);
    for (const [k, v] of Object.entries(value)) object[k] = encode(v, seen);
    return object;
  }
  seen.set(value, result);
  return result;
}

function decode(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== "object") return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const array: unknown[] = [];
    seen.set(value, array);
    for (const item of value) array.push(decode(item, seen));
    return array;
  }
  const record = value as Record<string, unknown>;
  let result: unknown;
  switch (record[TAG]) {
    case "secret":
      result = new Secret(decode(record.value, seen));
      break;
    case "ref":
      result = new ResourceRef(record.urn as string, record.id as string | undefined);
      break;
    case "unknown":
      result = UNKNOWN_VALUE;
      break;
    default: {
      const object: Record<string, unknown> = {};
      seen.set(value, object);
      for (const [k, v] of Object.entries(record)) object[k] = decode(v, seen);
      return object;
    }
  }
  seen.set(value, result);
  return result;
}

export function serializePlan(plan: Plan): Buffer {
  return serialize(encode(plan));
}

export function deserializePlan(data: Buffer): Plan {
  return decode(deserialize(data)) as Plan;
}

/**
 * What every plan depends on besides its stack file: the build manifest of every non-test source,
 * Pulumi.yaml, the lockfile, the Node version. Undefined when build/ has no manifest (a build not
 * made by tools/build.cjs): then nothing is shared.
 */
function buildKey(repo: string): string | undefined {
  let manifest: { key: string; files: Record<string, string> };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(repo, "build/.build-manifest.json"), "utf8"));
  } catch {
    return undefined;
  }
  const sources = Object.entries(manifest.files).filter(([file]) => !file.startsWith("test/"));
  const hash = createHash("sha256").update(JSON.stringify([manifest.key, sources, process.version]));
  for (const file of ["Pulumi.yaml", "package-lock.json"]) hash.update(fs.readFileSync(path.join(repo, file)));
  return hash.digest("hex").slice(0, 24);
}

/** A cache name for the plan of `stack` from exactly this stack file text. */
export function planName(stack: string, stackFileText: string): string {
  return `${stack}-${createHash("sha256").update(stackFileText).digest("hex").slice(0, 24)}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The plan called `name` (see planName): read from the shared cache, or computed by `plan` here
 * (holding a lock file, so other workers wait for it) and written there. A failed plan is not
 * cached: whoever waited plans again and fails the same way.
 */
export async function sharedPlan(repo: string, name: string, plan: () => Promise<Plan>, waitMs = 180_000): Promise<Plan> {
  const key = buildKey(repo);
  if (key === undefined) return plan();
  const root = path.join(repo, "build/.test-cache/plans");
  const dir = path.join(root, key);
  const file = path.join(dir, `${name}.plan`);
  const lock = `${file}.lock`;
  fs.mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (fs.existsSync(file)) return deserializePlan(fs.readFileSync(file));
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // Another process is planning this stack: wait for its file, unless it died (a lock left
      // by an interrupted run) or takes too long (then plan here, without the cache).
      const owner = Number(fs.readFileSync(lock, "utf8"));
      if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) return plan();
      else await sleep(50);
      continue;
    }
    try {
      const result = await plan();
      writeFileAtomic(file, serializePlan(result));
      // Plans of other builds are of no further use.
      for (const old of fs.readdirSync(root)) if (old !== key) fs.rmSync(path.join(root, old), { recursive: true, force: true });
      return result;
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}
