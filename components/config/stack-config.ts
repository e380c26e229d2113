import { parsePrivateBlock, allocateBlocks, checkRegionNames } from "./regions";
import { Cidr } from "../../policies/lib/cidr";
import { AwsRegionName } from "./aws-regions";
import { checkBounds } from "./bounds";
import { ConfigError, formatPath } from "./errors";
import { RawIssue, allowedKeysAt, attribute, dedupe, messageOf, suggest } from "./messages";
import { checkEdgeAgainstPack, checkPublicEndpoints, checkRegionAgainstPack } from "./pack-checks";
import { packLimits } from "./pack-limits";
import { RDS_MAINTENANCE_WINDOW } from "../database/postgres-settings";
import { BACKUP_START_WINDOW_MINUTES } from "../recovery/sibling-region";
import { backupScheduleConflicts } from "../recovery/windows";
import { KNOWN_KEYS, REQUIRED_KEYS, regionDefaultsOf, requiredHint, resolvedShape, stackDefaultsOf, topLevel } from "./schema";
import { AccountSettings } from "./tiers/account";
import { CacheSettings, checkCache } from "./tiers/cache";
import { ClusterSettings, checkCluster } from "./tiers/cluster";
import { Environment } from "./tiers/common";
import { DatabaseSettings, checkDatabase } from "./tiers/database";
import { DeployerSettings, checkDeployer } from "./tiers/deployer";
import { EdgeSettings, checkEdge } from "./tiers/edge";
import { NetworkSettings } from "./tiers/network";
import { AlarmSettings, ObservabilitySettings, checkAlarms, checkObservability } from "./tiers/observability";
import { QueueSettings, checkQueues, scaledQueues } from "./tiers/queues";
import { KEDA, kedaSupports } from "../cluster/keda-release";
import { RecoverySettings, checkRecovery } from "./tiers/recovery";
import { checkTags } from "./tiers/tags";

export { KNOWN_KEYS } from "./schema";

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
  /** How many AZs the region spans; the names come from aws.getAvailabilityZones at deploy time. */
  readonly azCount: number;
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
  /** Where `pulumi up` runs and how it reaches each cluster's Kubernetes API. */
  readonly deployer: DeployerSettings;
  readonly edge: EdgeSettings;
  /** Alert subscribers, SLOs and the monthly budget. */
  readonly observability: ObservabilitySettings;
  /** Backups, their copies inside the zone, and the recovery objectives. */
  readonly recovery: RecoverySettings;
  /** What the stack relies on in its AWS account (service-linked roles). */
  readonly account: AccountSettings;
}

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
  const issues: RawIssue[] = [];
  const at = (path: readonly PropertyKey[]) => formatPath(`${project}:`, path).replace(":.", ":");
  const report = (path: readonly PropertyKey[], message: string) => issues.push({ path: at(path), message });
  const fail = () => new ConfigError(stackFile, dedupe(issues));

  // Sizes first, on the raw values: nothing below may run on a runaway file.
  if (!checkBounds(source.values, report)) throw fail();
  for (const key of Object.keys(source.values)) {
    if (!KNOWN_KEYS.includes(key)) report([key], `unknown key${suggest(key, KNOWN_KEYS)}; allowed keys: ${KNOWN_KEYS.join(", ")}`);
  }
  for (const key of REQUIRED_KEYS) {
    if (source.values[key] === undefined) report([key], `is required (${requiredHint[key]})`);
  }
  if (issues.length > 0) throw fail();

  const environmentResult = topLevel.environment.safeParse(source.values.environment, { reportInput: true });
  if (!environmentResult.success) {
    for (const issue of environmentResult.error.issues) report(["environment", ...issue.path], messageOf(issue));
    throw fail();
  }
  const environment = environmentResult.data;
  const limits = packLimits(environment);

  const regionDefaults = topLevel.regionDefaults.safeParse(source.values.regionDefaults, { reportInput: true });
  if (!regionDefaults.success) for (const issue of regionDefaults.error.issues) report(["regionDefaults", ...issue.path], messageOf(issue));
  const sharedDefaults = regionDefaults.success ? (regionDefaults.data ?? {}) : {};
  for (const key of ["region", "zone", "cidr"]) {
    if (Object.hasOwn(sharedDefaults, key)) {
      report(
        ["regionDefaults", key],
        `cannot be set in regionDefaults: each entry of regions names its own region, zone and cidr (a shared ${key} would be overridden by every region, or make their VPCs overlap); move it to the regions that need it`,
      );
    }
  }
  if (issues.length > 0) throw fail();

  // A problem in a merged region is reported where its value was written (regionDefaults or the entry).
  const rawRegions = source.values.regions;
  const reportRegion = (index: number, path: readonly PropertyKey[], message: string) => {
    const where = attribute(["regions", index, ...path], rawRegions, sharedDefaults);
    const name = Array.isArray(rawRegions) ? (rawRegions[index] as { region?: unknown } | undefined)?.region : undefined;
    const inheritedBy = where.inheritedBy === undefined ? undefined : `regions[${index}]${typeof name === "string" ? ` (${name})` : ""}`;
    issues.push({ path: at(where.path), message, inheritedBy });
  };
  const envRegionDefaults = regionDefaultsOf(environment);
  const mergedRegions = Array.isArray(rawRegions)
    ? rawRegions.map((entry) => (isPlainObject(entry) ? deepMerge(deepMerge(envRegionDefaults, sharedDefaults), entry) : entry))
    : rawRegions;

  const parsed = resolvedShape.safeParse(
    {
      network: source.values.network,
      deployer: source.values.deployer,
      regions: mergedRegions,
      edge: deepMerge(stackDefaultsOf(environment).edge, source.values.edge ?? {}),
      observability: deepMerge(stackDefaultsOf(environment).observability, source.values.observability ?? {}),
      recovery: deepMerge(stackDefaultsOf(environment).recovery, source.values.recovery ?? {}),
      account: deepMerge(stackDefaultsOf(environment).account, source.values.account ?? {}),
      tags: source.values.tags,
    },
    { reportInput: true },
  );
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const paths = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      for (const path of paths) {
        const message =
          issue.code === "unrecognized_keys"
            ? (() => {
                const allowed = allowedKeysAt(resolvedShape, issue.path);
                const key = String(path[path.length - 1]);
                return `unknown key${suggest(key, allowed)}; allowed keys: ${allowed.join(", ")}`;
              })()
            : messageOf(issue);
        if (path[0] === "regions" && typeof path[1] === "number") reportRegion(path[1], path.slice(2), message);
        else report(path, message);
      }
    }
    throw fail();
  }

  const { network, deployer, regions: entries, edge, observability, recovery, account, tags } = parsed.data;
  checkObservability(observability, (path, message) => report(["observability", ...path], message));
  checkRecovery(recovery, environment, (path, message) => report(["recovery", ...path], message));
  checkTags(tags, limits.requiredTags, (path, message) => report(["tags", ...path], message));
  const supernetBlock = parsePrivateBlock(network.supernet);
  if (typeof supernetBlock === "string") report(["network", "supernet"], supernetBlock);
  const supernet: Cidr | undefined = typeof supernetBlock === "string" ? undefined : supernetBlock;

  const stackRegions = checkRegionNames(entries, reportRegion);
  if (issues.length > 0) throw fail();

  const blocks = allocateBlocks(entries, network, supernet, reportRegion);
  const regions: RegionConfig[] = entries.map((entry, index) => {
    const name = entry.region as AwsRegionName;
    const tierReport = (tier: string) => (path: readonly PropertyKey[], message: string) => reportRegion(index, [tier, ...path], message);
    // A version EKS itself refuses is reported once, by checkCluster; KEDA's check stays silent then.
    let versionRefused = false;
    checkCluster(entry.cluster, limits, (path, message) => {
      if (path[0] === "version") versionRefused = true;
      tierReport("cluster")(path, message);
    });
    checkDatabase(entry.database, { region: name, zone: entry.zone, stackRegions }, tierReport("database"));
    checkCache(entry.cache, tierReport("cache"));
    checkQueues(entry.queues, { environment, limits, workloadNamespace: entry.cluster.workload.namespace }, tierReport("queues"));
    if (scaledQueues(entry.queues).length > 0 && !versionRefused && !kedaSupports(entry.cluster.version)) {
      tierReport("cluster")(
        ["version"],
        `must be a Kubernetes version KEDA ${KEDA.version} is tested on (${KEDA.kubernetes.join(", ")}; ${KEDA.kubernetesSource}) while a queue of this region has scaling enabled; got "${entry.cluster.version}"`,
      );
    }
    checkAlarms(entry.alarms, { database: entry.database, queues: entry.queues }, tierReport("alarms"));
    for (const problem of backupScheduleConflicts(
      entry.database.backupWindow,
      RDS_MAINTENANCE_WINDOW,
      recovery.backup.schedule,
      BACKUP_START_WINDOW_MINUTES,
    )) {
      reportRegion(index, ["database", "backupWindow"], `${problem}; move one of them (recovery.backup.schedule or this window)`);
    }
    const zoneRegions = [...stackRegions].filter(([, zone]) => zone === entry.zone).map(([region]) => region);
    checkRegionAgainstPack(
      { database: entry.database, cache: entry.cache, zone: entry.zone, name },
      { limits, environment, zoneRegions },
      (path, message) => reportRegion(index, path, message),
    );
    return {
      region: name,
      zone: entry.zone,
      cidr: blocks[index].cidr ?? "",
      cidrAllocated: entry.cidr === undefined,
      azCount: entry.azCount,
      network: entry.network,
      cluster: entry.cluster,
      database: entry.database,
      cache: entry.cache,
      queues: entry.queues,
      alarms: entry.alarms,
    };
  });
  checkEdge(edge, { regions }, (path, message) => report(["edge", ...path], message));
  checkEdgeAgainstPack(edge, { limits, environment }, (path, message) => report(["edge", ...path], message));
  checkDeployer(
    deployer,
    { environment, regions: regions.map((r) => r.cluster) },
    (path, message) => report(["deployer", ...path], message),
    (index, message) => reportRegion(index, ["cluster", "publicAccessCidrs"], message),
  );
  checkPublicEndpoints(
    deployer.cidrs,
    regions.map((r) => r.cluster),
    limits,
    report,
    reportRegion,
  );
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
    deployer,
    edge,
    observability,
    recovery,
    account,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Merges `override` onto `base`: objects key by key, everything else (lists too) replaced. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    // Own keys only: a key named like an Object.prototype member ("constructor") is plain data here.
    const inherited = Object.hasOwn(base, key) ? base[key] : undefined;
    Object.defineProperty(result, key, { value: deepMerge(inherited, value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}
