import { z } from "zod";
import { RESIDENCY_ZONES } from "../../policies/residency-zones";
import { Cidr, cidr, formatCidr, nthSubnet, overlaps, parseCidr } from "../shared/cidr";
import { planSubnets } from "../network/subnet-plan";
import { AWS_REGION_NAMES, AwsRegionName, availabilityZonesOf, isAwsRegion, regionSlot } from "./aws-regions";
import { ConfigError, ConfigIssue, formatPath } from "./errors";
import { CacheSettings, cacheDefaults, cacheSettings, checkCache } from "./tiers/cache";
import { ClusterSettings, checkCluster, clusterDefaults, clusterSettings } from "./tiers/cluster";
import { ENVIRONMENTS, Environment, describe, intBetween, oneOf } from "./tiers/common";
import { DatabaseSettings, checkDatabase, databaseDefaults, databaseSettings } from "./tiers/database";
import { EdgeSettings, checkEdge, edgeDefaults, edgeSettings } from "./tiers/edge";
import { NetworkSettings, networkDefaults, networkSettings, regionPrefixLength } from "./tiers/network";
import {
  AlarmSettings,
  ObservabilitySettings,
  alarmDefaults,
  alarmSettings,
  checkAlarms,
  checkObservability,
  observabilityDefaults,
  observabilitySettings,
} from "./tiers/observability";
import { QueueSettings, checkQueues, queuesDefaults, queuesSettings } from "./tiers/queues";
import { RecoverySettings, checkRecovery, recoveryDefaults, recoverySettings } from "./tiers/recovery";

/** The project name, which is also the config namespace (`platform:regions`). */
export const PROJECT = "platform";

/** One region of a stack, fully resolved: defaults applied, CIDR allocated, validated. */
export interface RegionConfig {
  readonly region: AwsRegionName;
  readonly zone: string;
  /** The VPC CIDR block. */
  readonly cidr: string;
  /** True when the CIDR came from the supernet slot rather than the stack file. */
  readonly cidrAllocated: boolean;
  readonly availabilityZones: readonly string[];
  readonly network: NetworkSettings;
  readonly cluster: ClusterSettings;
  readonly database: DatabaseSettings;
  readonly cache: CacheSettings;
  readonly queues: readonly QueueSettings[];
  /** CloudWatch alarm thresholds of the region. */
  readonly alarms: AlarmSettings;
}

export interface PlatformConfig {
  readonly project: string;
  readonly stack: string;
  /** The stack file the values came from, named in every error. */
  readonly stackFile: string;
  readonly environment: Environment;
  readonly supernet: string;
  readonly regionPrefixLength: number;
  /** Extra tags on every resource (besides the standard ones the providers add). */
  readonly tags: Readonly<Record<string, string>>;
  readonly regions: readonly RegionConfig[];
  readonly edge: EdgeSettings;
  /** Alert subscribers, SLOs and the monthly budget. */
  readonly observability: ObservabilitySettings;
  /** Backups, their copies inside the zone, and the recovery objectives. */
  readonly recovery: RecoverySettings;
}

const regionTiers = {
  azCount: intBetween(2, 6),
  network: networkSettings,
  cluster: clusterSettings,
  database: databaseSettings,
  cache: cacheSettings,
  queues: queuesSettings,
  alarms: alarmSettings,
};

const regionEntry = z.strictObject({
  region: z.string({ error: (i) => `must be an AWS region name, got ${describe(i.input)}` }),
  zone: z.string({ error: (i) => `must be a residency zone (${Object.keys(RESIDENCY_ZONES).join(", ")}), got ${describe(i.input)}` }),
  cidr: z.string({ error: (i) => `must be an IPv4 CIDR block such as 10.1.0.0/16, got ${describe(i.input)}` }).optional(),
  ...regionTiers,
});

const tagValue = z
  .string({ error: (i) => `must be a string, got ${describe(i.input)}` })
  .max(256, { error: "must be at most 256 characters" });

/** Top-level keys of the `platform:` namespace, each with its schema. */
const topLevel = {
  environment: oneOf(ENVIRONMENTS),
  network: z.strictObject({
    supernet: z.string({ error: (i) => `must be an IPv4 CIDR block such as 10.0.0.0/9, got ${describe(i.input)}` }),
    regionPrefixLength: regionPrefixLength.default(16),
  }),
  regions: z
    .array(regionEntry, { error: (i) => `must be a list of regions, got ${describe(i.input)}` })
    .min(1, { error: "must list at least one region" }),
  regionDefaults: z.record(z.string(), z.unknown()).optional(),
  edge: edgeSettings,
  observability: observabilitySettings,
  recovery: recoverySettings,
  tags: z
    .record(
      z.string().regex(/^[\w.:/=+@-]{1,128}$/, { error: "tag keys must be 1-128 characters of letters, digits and _.:/=+@-" }),
      tagValue,
    )
    .default({}),
} as const;

const resolvedShape = z.strictObject({
  network: topLevel.network,
  regions: topLevel.regions,
  edge: topLevel.edge,
  observability: topLevel.observability,
  recovery: topLevel.recovery,
  tags: topLevel.tags,
});

/** Keys a stack may set in the `platform:` namespace. */
export const KNOWN_KEYS: readonly string[] = Object.keys(topLevel);
const REQUIRED_KEYS = ["environment", "network", "regions"] as const;

export interface StackSource {
  readonly project?: string;
  readonly stack: string;
  /** File name shown in errors, e.g. `Pulumi.prod.yaml`. */
  readonly stackFile?: string;
  /** Values of the `platform:` namespace, keys without the namespace, structured values parsed. */
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Validates a stack's `platform:` config and resolves it into the typed model: environment
 * defaults, then `regionDefaults`, then each region's own values; CIDRs allocated; every rule
 * checked. Throws one ConfigError listing every problem, before any resource is declared.
 */
export function resolvePlatformConfig(source: StackSource): PlatformConfig {
  const project = source.project ?? PROJECT;
  const stackFile = source.stackFile ?? `Pulumi.${source.stack}.yaml`;
  const issues: ConfigIssue[] = [];
  const at = (path: readonly PropertyKey[]) => formatPath(`${project}:`, path).replace(":.", ":");
  const report = (path: readonly PropertyKey[], message: string) => issues.push({ path: at(path), message });
  const fail = () => new ConfigError(stackFile, dedupe(issues));

  for (const key of Object.keys(source.values)) {
    if (!KNOWN_KEYS.includes(key)) report([key], `unknown key${suggest(key, KNOWN_KEYS)}; allowed keys: ${KNOWN_KEYS.join(", ")}`);
  }
  for (const key of REQUIRED_KEYS) {
    if (source.values[key] === undefined) report([key], `is required (${requiredHint[key]})`);
  }
  if (issues.length > 0) throw fail();

  const environmentResult = topLevel.environment.safeParse(source.values.environment);
  if (!environmentResult.success) {
    collect(environmentResult.error, ["environment"], report);
    throw fail();
  }
  const environment = environmentResult.data;

  const regionDefaults = topLevel.regionDefaults.safeParse(source.values.regionDefaults);
  if (!regionDefaults.success) collect(regionDefaults.error, ["regionDefaults"], report);
  const sharedDefaults = regionDefaults.success ? (regionDefaults.data ?? {}) : {};

  const envRegionDefaults = {
    azCount: environment === "prod" ? 3 : 2,
    network: networkDefaults[environment],
    cluster: clusterDefaults[environment],
    database: databaseDefaults[environment],
    cache: cacheDefaults[environment],
    queues: queuesDefaults,
    alarms: alarmDefaults[environment],
  };
  const rawRegions = source.values.regions;
  const mergedRegions = Array.isArray(rawRegions)
    ? rawRegions.map((entry) => (isPlainObject(entry) ? deepMerge(deepMerge(envRegionDefaults, sharedDefaults), entry) : entry))
    : rawRegions;

  const parsed = resolvedShape.safeParse({
    network: source.values.network,
    regions: mergedRegions,
    edge: deepMerge(edgeDefaults[environment], source.values.edge ?? {}),
    observability: deepMerge(observabilityDefaults[environment], source.values.observability ?? {}),
    recovery: deepMerge(recoveryDefaults[environment], source.values.recovery ?? {}),
    tags: source.values.tags,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // A problem inherited from regionDefaults is reported once, where it was written.
      if (issue.code === "unrecognized_keys") {
        const allowed = allowedKeysAt(resolvedShape, issue.path);
        for (const key of issue.keys) {
          report(
            attribute([...issue.path, key], rawRegions, sharedDefaults),
            `unknown key${suggest(key, allowed)}; allowed keys: ${allowed.join(", ")}`,
          );
        }
      } else report(attribute(issue.path, rawRegions, sharedDefaults), messageOf(issue));
    }
    throw fail();
  }

  const { network, regions: entries, edge, observability, recovery, tags } = parsed.data;
  checkObservability(observability, (path, message) => report(["observability", ...path], message));
  checkRecovery(recovery, environment, (path, message) => report(["recovery", ...path], message));
  const supernet = parseCidr(network.supernet);
  if (typeof supernet === "string") report(["network", "supernet"], supernet);

  const stackRegions = new Map<string, string>();
  entries.forEach((entry, index) => {
    const where = ["regions", index];
    if (!isAwsRegion(entry.region)) {
      report(
        [...where, "region"],
        `unknown AWS region "${entry.region}"${suggest(entry.region, AWS_REGION_NAMES)}; allowed: ${AWS_REGION_NAMES.join(", ")}`,
      );
      return;
    }
    if (stackRegions.has(entry.region)) {
      report([...where, "region"], `"${entry.region}" is listed twice; each region may appear once in a stack`);
      return;
    }
    const zoneRegions: readonly string[] | undefined = (RESIDENCY_ZONES as Record<string, readonly string[]>)[entry.zone];
    if (zoneRegions === undefined) {
      report([...where, "zone"], `unknown residency zone "${entry.zone}"; allowed: ${Object.keys(RESIDENCY_ZONES).join(", ")}`);
    } else if (!zoneRegions.includes(entry.region)) {
      report([...where, "zone"], `${entry.region} is not in residency zone "${entry.zone}" (which holds ${zoneRegions.join(", ")})`);
    }
    stackRegions.set(entry.region, entry.zone);
  });
  if (issues.length > 0) throw fail();

  const blocks: { index: number; block: Cidr; text: string }[] = [];
  const regions: RegionConfig[] = entries.map((entry, index) => {
    const where = ["regions", index];
    const name = entry.region as AwsRegionName;
    const azs = availabilityZonesOf(name);
    if (entry.azCount > azs.length) {
      report([...where, "azCount"], `${name} has ${azs.length} availability zones (${azs.join(", ")}), got ${entry.azCount}`);
    }
    let vpcCidr: string | undefined;
    if (entry.cidr !== undefined) {
      const explicit = parseCidr(entry.cidr);
      if (typeof explicit === "string") report([...where, "cidr"], explicit);
      else if (explicit.prefix < 16 || explicit.prefix > 20)
        report(
          [...where, "cidr"],
          `must be a /16 to /20 block (AWS allows /16 at most; smaller leaves no room for three subnet tiers), got /${explicit.prefix}`,
        );
      else vpcCidr = entry.cidr;
    } else if (typeof supernet !== "string") {
      const slot = nthSubnet(supernet, network.regionPrefixLength, regionSlot(name));
      if (slot === undefined) {
        report(
          [...where, "cidr"],
          `cannot be allocated: supernet ${network.supernet} holds ${2 ** (network.regionPrefixLength - supernet.prefix)} /${network.regionPrefixLength} slots and ${name} needs slot ${regionSlot(name)}; set a larger supernet or an explicit cidr`,
        );
      } else vpcCidr = formatCidr(slot);
    }
    if (vpcCidr !== undefined) {
      const block = cidr(vpcCidr);
      for (const other of blocks) {
        if (overlaps(block, other.block)) {
          report(
            [...where, "cidr"],
            `${vpcCidr} (${entry.cidr === undefined ? "allocated" : "given"}) overlaps ${other.text} of regions[${other.index}] (${entries[other.index].region}); VPCs of one stack must not overlap`,
          );
        }
      }
      blocks.push({ index, block, text: vpcCidr });
      if (entry.azCount <= azs.length && planSubnets(vpcCidr, azs.slice(0, entry.azCount)) === undefined) {
        report([...where, "azCount"], `${entry.azCount} AZs of subnets do not fit in ${vpcCidr}; use a larger block or fewer AZs`);
      }
    }
    const tierReport = (tier: string) => (path: readonly PropertyKey[], message: string) => report([...where, tier, ...path], message);
    checkCluster(entry.cluster, environment, tierReport("cluster"));
    checkDatabase(entry.database, { region: name, zone: entry.zone, stackRegions }, tierReport("database"));
    checkCache(entry.cache, tierReport("cache"));
    checkQueues(entry.queues, tierReport("queues"));
    checkAlarms(entry.alarms, { database: entry.database, queues: entry.queues }, tierReport("alarms"));
    return {
      region: name,
      zone: entry.zone,
      cidr: vpcCidr ?? "",
      cidrAllocated: entry.cidr === undefined,
      availabilityZones: azs.slice(0, entry.azCount),
      network: entry.network,
      cluster: entry.cluster,
      database: entry.database,
      cache: entry.cache,
      queues: entry.queues,
      alarms: entry.alarms,
    };
  });
  checkEdge(edge, { regions }, (path, message) => report(["edge", ...path], message));
  if (issues.length > 0) throw fail();

  return {
    project,
    stack: source.stack,
    stackFile,
    environment,
    supernet: network.supernet,
    regionPrefixLength: network.regionPrefixLength,
    tags,
    regions,
    edge,
    observability,
    recovery,
  };
}

const requiredHint: Record<(typeof REQUIRED_KEYS)[number], string> = {
  environment: `one of ${ENVIRONMENTS.join(", ")}`,
  network: "an object with the stack's supernet, e.g. { supernet: 10.0.0.0/9 }",
  regions: "a list of { region, zone } entries",
};

function collect(error: z.ZodError, prefix: readonly PropertyKey[], report: (path: readonly PropertyKey[], message: string) => void): void {
  for (const issue of error.issues) report([...prefix, ...issue.path], messageOf(issue));
}

function messageOf(issue: z.core.$ZodIssue): string {
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
function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
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
function attribute(path: readonly PropertyKey[], rawRegions: unknown, sharedDefaults: Record<string, unknown>): readonly PropertyKey[] {
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Merges `override` onto `base`: objects key by key, everything else (lists too) replaced. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) result[key] = deepMerge(base[key], value);
  return result;
}

function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** ` (did you mean "x"?)` for a near miss, by edit distance. */
function suggest(value: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 4)) ? ` (did you mean "${best}"?)` : "";
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
