import { RESIDENCY_ZONES } from "../../policies/residency-zones";
import { Cidr, cidr, formatCidr, nthSubnet, overlaps, parseCidr } from "../shared/cidr";
import { planSubnets } from "../network/subnet-plan";
import { RDS_MAINTENANCE_WINDOW } from "../database/plan";
import { BACKUP_START_WINDOW_MINUTES } from "../recovery/plan";
import { backupScheduleConflicts } from "../recovery/windows";
import {
  AWS_REGION_NAMES,
  AwsRegionName,
  EKS_UNSUPPORTED_ZONE_IDS,
  isAwsRegion,
  regionSlot,
  usableZoneCount,
  zoneIdsOf,
} from "./aws-regions";
import { ConfigError, ConfigIssue, formatPath } from "./errors";
import { allowedKeysAt, attribute, collect, dedupe, messageOf, suggest } from "./messages";
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
import { QueueSettings, checkQueues } from "./tiers/queues";
import { RecoverySettings, checkRecovery } from "./tiers/recovery";

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

  const envRegionDefaults = regionDefaultsOf(environment);
  const rawRegions = source.values.regions;
  const mergedRegions = Array.isArray(rawRegions)
    ? rawRegions.map((entry) => (isPlainObject(entry) ? deepMerge(deepMerge(envRegionDefaults, sharedDefaults), entry) : entry))
    : rawRegions;

  const parsed = resolvedShape.safeParse({
    network: source.values.network,
    deployer: source.values.deployer,
    regions: mergedRegions,
    edge: deepMerge(stackDefaultsOf(environment).edge, source.values.edge ?? {}),
    observability: deepMerge(stackDefaultsOf(environment).observability, source.values.observability ?? {}),
    recovery: deepMerge(stackDefaultsOf(environment).recovery, source.values.recovery ?? {}),
    account: deepMerge(stackDefaultsOf(environment).account, source.values.account ?? {}),
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

  const { network, deployer, regions: entries, edge, observability, recovery, account, tags } = parsed.data;
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
    const usable = usableZoneCount(name);
    if (entry.azCount > usable) {
      report(
        [...where, "azCount"],
        `${name} has ${usable} availability zones EKS accepts (zone IDs ${zoneIdsOf(name)
          .filter((id) => !EKS_UNSUPPORTED_ZONE_IDS.includes(id))
          .join(", ")}), got ${entry.azCount}`,
      );
    }
    const azSlots = Array.from({ length: entry.azCount }, (_, i) => `az${i + 1}`);
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
      if (entry.azCount <= usable && planSubnets(vpcCidr, azSlots) === undefined) {
        report([...where, "azCount"], `${entry.azCount} AZs of subnets do not fit in ${vpcCidr}; use a larger block or fewer AZs`);
      }
    }
    const tierReport = (tier: string) => (path: readonly PropertyKey[], message: string) => report([...where, tier, ...path], message);
    checkCluster(entry.cluster, environment, tierReport("cluster"));
    checkDatabase(entry.database, { region: name, zone: entry.zone, stackRegions }, tierReport("database"));
    checkCache(entry.cache, tierReport("cache"));
    checkQueues(entry.queues, tierReport("queues"));
    checkAlarms(entry.alarms, { database: entry.database, queues: entry.queues }, tierReport("alarms"));
    for (const problem of backupScheduleConflicts(
      entry.database.backupWindow,
      RDS_MAINTENANCE_WINDOW,
      recovery.backup.schedule,
      BACKUP_START_WINDOW_MINUTES,
    )) {
      report([...where, "database", "backupWindow"], `${problem}; move one of them (recovery.backup.schedule or this window)`);
    }
    return {
      region: name,
      zone: entry.zone,
      cidr: vpcCidr ?? "",
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
  checkDeployer(
    deployer,
    { environment, regions: regions.map((r) => r.cluster) },
    (path, message) => report(["deployer", ...path], message),
    (index, message) => report(["regions", index, "cluster", "publicAccessCidrs"], message),
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
  for (const [key, value] of Object.entries(override)) result[key] = deepMerge(base[key], value);
  return result;
}
