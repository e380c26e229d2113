import { PlatformConfig } from "../config";
import { CostBudget } from "../cost/budget";
import { DrReplica } from "../database/dr-replica";
import { Cdn, CdnRegion } from "../edge/cdn";
import { ORIGIN_VERIFY_HEADER } from "../edge/regional-origin";
import { drReplicaLagThresholdSeconds } from "../observability/metric-math";
import { ZoneRecoveryResult, declareZoneRecovery } from "../recovery/zone-recovery";
import { Region } from "../region/region";

/**
 * Every link between the stack's regions, declared in one place from the regions by name: DR
 * replicas, backup copies and replicated automated backups (all inside a residency zone), the
 * stack's budget, and the CDN's origins. Each link is a child of the Region whose provider it
 * needs (a DR replica and a replicated backup of the TARGET region, a backup plan of the SOURCE),
 * so providers travel through `parent`, never fetched back from a component.
 */
export interface CrossRegionLinks {
  /** DR replicas by the region they live in (the target); a region without any is absent. */
  readonly drReplicas: ReadonlyMap<string, readonly DrReplica[]>;
  /** Backup plans (with their copy region), replicated automated backups, regions backed up alone. */
  readonly recovery: ZoneRecoveryResult;
  /** The stack's monthly budget (global; under the home region, the first the stack names). */
  readonly budget: CostBudget;
  /** The CDN's view of each region: its origin and the provider of its log bucket. */
  readonly cdnOrigins: readonly CdnRegion[];
}

/** The config slices the links read: the regions' DR targets, recovery, the budget, protection. */
export type LinkSettings = Pick<PlatformConfig, "project" | "stack" | "environment" | "regions" | "recovery" | "observability">;

/** Declares the cross-region links of `regions` (by region name, in stack order). */
export function linkRegions(settings: LinkSettings, regions: ReadonlyMap<string, Region>): CrossRegionLinks {
  const protect = settings.environment === "prod";
  const regionNamed = (name: string, what: string): Region => {
    const region = regions.get(name);
    if (region === undefined) throw new Error(`${what}: ${name} is not a region of this stack (${[...regions.keys()].join(", ")})`);
    return region;
  };

  // DR replicas: sourced from another region of the same zone (config validation checked that),
  // declared under the TARGET Region, whose provider they inherit.
  const drReplicas = new Map<string, DrReplica[]>();
  for (const config of settings.regions) {
    const dr = config.database.drReplica;
    if (dr === undefined) continue;
    const source = regionNamed(config.region, "DR replica source");
    const target = regionNamed(dr.region, `DR replica target of ${config.region}`);
    const targetConfig = settings.regions.find((r) => r.region === target.regionName)!;
    const replica = new DrReplica(
      `${target.regionName}-database-dr-${source.regionName}`,
      {
        source: source.database,
        target: target.database,
        instanceClass: dr.instanceClass,
        protect,
        lagAlarm: {
          alarmName: `${settings.project}-${settings.stack}-${target.regionName}-dr-${source.regionName}-replica-lag`,
          thresholdSeconds: drReplicaLagThresholdSeconds(targetConfig.alarms.rdsReplicaLagSeconds, settings.recovery.objectives.rpoMinutes),
          topicArn: target.observability.topicArn,
        },
      },
      // Under the target Region, with its provider (explicit, not only inherited through the parent).
      { parent: target, providers: { aws: target.provider } },
    );
    drReplicas.set(target.regionName, [...(drReplicas.get(target.regionName) ?? []), replica]);
  }

  // Recovery: backup copies and automated-backup replication stay inside the zone.
  const recovery = declareZoneRecovery(
    settings.stack,
    settings.recovery,
    settings.regions.map((config) => {
      const region = regionNamed(config.region, "backup source");
      return {
        region: region.regionName,
        zone: region.zone,
        drReplicaRegion: config.database.drReplica?.region,
        component: region,
        provider: region.provider,
        vault: region.backupVault,
        accountId: region.accountId,
        databaseArn: region.database.primaryArn,
      };
    }),
    protect,
  );

  // Budgets are global; declared under the home region only to use its provider and alert topic.
  const home = regionNamed(settings.regions[0].region, "home region");
  const budget = new CostBudget(
    "cost",
    {
      environment: settings.environment,
      budgetName: `${settings.project}-${settings.stack}-monthly`,
      settings: settings.observability.budget,
      topicArn: home.observability.topicArn,
    },
    { parent: home, providers: { aws: home.provider } },
  );

  const cdnOrigins = settings.regions.map((config) => {
    const region = regionNamed(config.region, "CDN origin");
    return { region: region.regionName, zone: region.zone, origin: region.origin, provider: region.provider };
  });
  return { drReplicas, recovery, budget, cdnOrigins };
}

/**
 * The CDN's link back to its origins: each regional ALB forwards only requests carrying the CDN's
 * secret header (the origin-facing prefix list admits every CloudFront distribution, not only ours).
 */
export function admitCdnAtOrigins(cdn: Cdn, origins: readonly CdnRegion[]): void {
  for (const { origin } of origins) origin.admitCdn(ORIGIN_VERIFY_HEADER, cdn.originVerifyValue);
}
