import { Cidr, formatShare, openness, parseCidr } from "../../policies/lib/cidr";
import { PackLimits, fromPolicy } from "./pack-limits";
import { CacheSettings } from "./tiers/cache";
import { IssueReporter } from "./tiers/common";
import { DatabaseSettings } from "./tiers/database";
import { EdgeSettings } from "./tiers/edge";

/**
 * What the environment's policy pack would refuse on the resources, refused here at the key the
 * user typed: a prod stack with `database.multiAz: false` hears it at that key, before the plan.
 * The limits come from the pack (pack-limits.ts); the pack stays the authority on the plan.
 */

/** A region's database and cache; paths are relative to the region. */
export function checkRegionAgainstPack(
  region: { readonly database: DatabaseSettings; readonly cache: CacheSettings; readonly zone: string; readonly name: string },
  context: { readonly limits: PackLimits; readonly environment: string; readonly zoneRegions: readonly string[] },
  report: IssueReporter,
): void {
  const { limits, environment } = context;
  const { database, cache } = region;
  if (limits.multiAz) {
    if (!database.multiAz) {
      report(
        ["database", "multiAz"],
        `must be true in ${environment}: a primary must survive the loss of an availability zone${fromPolicy(limits, "multi-az")}`,
      );
    }
    if (!cache.multiAz) {
      report(
        ["cache", "multiAz"],
        `must be true in ${environment}: the cache must fail over to another availability zone${fromPolicy(limits, "multi-az")}`,
      );
    }
  }
  if (limits.backup !== undefined) {
    if (database.backupRetentionDays < limits.backup.minimumDays) {
      report(
        ["database", "backupRetentionDays"],
        `must be at least ${limits.backup.minimumDays} in ${environment}, got ${database.backupRetentionDays}${fromPolicy(limits, "backup-retention")}`,
      );
    }
    if (cache.snapshotRetentionDays < limits.backup.cacheMinimumDays) {
      report(
        ["cache", "snapshotRetentionDays"],
        `must be at least ${limits.backup.cacheMinimumDays} in ${environment}, got ${cache.snapshotRetentionDays}${fromPolicy(limits, "backup-retention")}`,
      );
    }
  }
  if (limits.deletionProtection && !database.deletionProtection) {
    report(
      ["database", "deletionProtection"],
      `must be true in ${environment}: a database is deleted only after turning it off on purpose${fromPolicy(limits, "deletion-protection")}`,
    );
  }
  const siblings = context.zoneRegions.filter((r) => r !== region.name);
  if (limits.drReplicaPerZone && siblings.length > 0 && database.drReplica === undefined) {
    report(
      ["database", "drReplica"],
      `is required in ${environment}: zone "${region.zone}" has other regions in this stack (${siblings.join(", ")}), so the primary needs a DR replica in one of them, e.g. drReplica: { region: ${siblings[0]} }${fromPolicy(limits, "dr-replica-per-zone")}`,
    );
  }
}

/** The edge; paths are relative to `edge`. */
export function checkEdgeAgainstPack(
  edge: EdgeSettings,
  context: { readonly limits: PackLimits; readonly environment: string },
  report: IssueReporter,
): void {
  const { limits, environment } = context;
  if (limits.cdnNeedsDomain && edge.domain === undefined) {
    report(
      ["domain"],
      `is required in ${environment}: without a domain the CDN serves CloudFront's default certificate (TLSv1 floor) and reaches the ALBs over HTTP, which the pack refuses there; set domain and certificate.strategy${fromPolicy(limits, "cloudfront-https-only")}`,
    );
  }
}

/**
 * How much of the internet each cluster's public endpoint admits: the deployer's egress CIDRs
 * (every cluster admits them) and the region's own `cluster.publicAccessCidrs`, summed as the
 * eks-endpoint-restricted policy sums them. Unreadable CIDRs are reported where they are parsed.
 */
export function checkPublicEndpoints(
  deployerCidrs: readonly string[],
  regions: readonly { readonly publicAccessCidrs: readonly string[] }[],
  limits: PackLimits,
  report: IssueReporter,
  reportRegion: (index: number, path: readonly PropertyKey[], message: string) => void,
): void {
  const max = limits.publicAccessMaxSharePercent;
  if (max === undefined) return;
  const blocks = (texts: readonly string[]) => texts.map((t) => parseCidr(t, 4)).filter((b): b is Cidr => typeof b !== "string");
  const why = `which is the internet, not a set of networks (more than ${max}%: policy eks-endpoint-restricted, ${limits.file})`;
  const deployer = openness(blocks(deployerCidrs), max);
  if (deployer.open) {
    report(
      ["deployer", "cidrs"],
      `together cover ${formatShare(deployer.ipv4)} of the public IPv4 address space, ${why}; every cluster's public endpoint admits them: list the egress addresses deploys run from`,
    );
    return;
  }
  regions.forEach((region, index) => {
    const open = openness(blocks([...deployerCidrs, ...region.publicAccessCidrs]), max);
    if (open.open) {
      reportRegion(
        index,
        ["cluster", "publicAccessCidrs"],
        `together cover ${formatShare(open.ipv4)} of the public IPv4 address space, ${why}; list the office or VPN CIDRs that may reach the API (platform:deployer.cidrs are admitted too), or none`,
      );
    }
  });
}
