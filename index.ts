import * as aws from "@pulumi/aws";
import { loadPlatformConfig } from "./components/config";
import { deployerPrincipalArn } from "./components/cluster/deployer";
import { supportPhase } from "./components/cluster/versions";
import { placeholderNotices } from "./components/config/placeholders";
import { DrReplica } from "./components/database/dr-replica";
import { Cdn } from "./components/edge/cdn";
import { cdnLogNotices, edgeNotices } from "./components/edge/edge-plan";
import { ValidationRecords } from "./components/edge/validation-records";
import { ZoneRouting } from "./components/edge/zone-routing";
import { regionalProvider, standardTags } from "./components/region/provider";
import { Region, eksAvailabilityZones } from "./components/region/region";
import { declareServiceLinkedRoles } from "./components/shared/service-linked-roles";
import { CostBudget } from "./components/cost/budget";
import { declareZoneRecovery } from "./components/recovery/zone-recovery";
import { operationsNotices } from "./components/observability/notices";
import { deployerNotices } from "./components/config/tiers/deployer";
import { drReplicaLagThresholdSeconds } from "./components/observability/plan";

/**
 * The platform: stack config -> one provider and one Region per configured AWS region ->
 * cross-region links -> the global edge -> stack outputs. The same program runs under
 * `pulumi up` and under the offline plan (tools/engine).
 */
export = async () => {
  const platform = loadPlatformConfig();

  // CloudFront takes its certificate and web ACL from us-east-1 only, whatever the stack's regions;
  // Route 53 records shared by several regions (see ValidationRecords) go through it too.
  const usEast1 = new aws.Provider("aws-edge-us-east-1", {
    region: "us-east-1",
    defaultTags: { tags: standardTags(platform, "us-east-1", "global") },
  });
  // Whoever runs `pulumi up` gets an explicit admin access entry in every cluster (no creator admin).
  const deployerArn = await deployerPrincipalArn(usEast1);
  const { domain, hostedZoneId } = platform.edge;
  const validationRecords =
    domain !== undefined && hostedZoneId !== undefined
      ? new ValidationRecords("edge-validation", { hostedZoneId, provider: usEast1 })
      : undefined;

  // Account-wide service-linked roles this stack declares (platform:account); Karpenter's spot
  // launches need the EC2 Spot one, so the NodePools wait for it.
  const serviceLinkedRoles = declareServiceLinkedRoles(platform.account, { provider: usEast1 });
  const spotRole = serviceLinkedRoles.get("spot.amazonaws.com");

  const providers = platform.regions.map((region) => regionalProvider(platform, region.region, region.zone));
  // Zone names map to physical zones per account: ask AWS, then pick by zone ID.
  const zones = await Promise.all(platform.regions.map((region, i) => eksAvailabilityZones(region, providers[i])));
  const regions = platform.regions.map(
    (region, i) =>
      new Region(region.region, {
        platform,
        region,
        provider: providers[i],
        availabilityZones: zones[i],
        validationRecords,
        deployerArn,
        nodePoolDependsOn: spotRole ? [spotRole] : [],
      }),
  );

  // Section: cross-region links (DR replicas sourced from another region of the same zone).
  // Each DR replica is declared under its TARGET Region (whose provider it inherits); config
  // validation has checked that the target is another region of the source's zone.
  platform.regions.forEach((config, index) => {
    const dr = config.database.drReplica;
    if (dr === undefined) return;
    const source = regions[index];
    const target = regions.find((r) => r.regionName === dr.region);
    if (target === undefined) throw new Error(`DR replica target ${dr.region} of ${source.regionName} is not a region of this stack`);
    target.drReplicas.push(
      new DrReplica(
        `${target.regionName}-database-dr-${source.regionName}`,
        {
          source: source.database,
          target: target.database,
          instanceClass: dr.instanceClass,
          protect: platform.environment === "prod",
          lagAlarm: {
            alarmName: `${platform.project}-${platform.stack}-${target.regionName}-dr-${source.regionName}-replica-lag`,
            thresholdSeconds: drReplicaLagThresholdSeconds(
              platform.regions.find((r) => r.region === target.regionName)!.alarms.rdsReplicaLagSeconds,
              platform.recovery.objectives.rpoMinutes,
            ),
            topicArn: target.observability.topicArn,
          },
        },
        { parent: target },
      ),
    );
  });

  // Section: recovery (backup copies and automated-backup replication stay inside the zone) and cost.
  const recovery = declareZoneRecovery(
    platform.stack,
    platform.recovery,
    platform.regions.map((config, index) => ({
      region: config.region,
      zone: config.zone,
      drReplicaRegion: config.database.drReplica?.region,
      component: regions[index],
      vault: regions[index].backupVault,
      accountId: regions[index].accountId,
      databaseArn: regions[index].database.primaryArn,
    })),
    platform.environment === "prod",
  );
  // Budgets are global; declared under the first region only to use its provider and alert topic.
  const budget = new CostBudget(
    "cost",
    {
      environment: platform.environment,
      budgetName: `${platform.project}-${platform.stack}-monthly`,
      settings: platform.observability.budget,
      topicArn: regions[0].observability.topicArn,
    },
    { parent: regions[0] },
  );

  // Section: global edge (CloudFront, WAF and certificate through the us-east-1 provider; Route 53).
  const edgeRegions = regions.map((r) => ({ region: r.regionName, zone: r.zone, origin: r.origin, provider: r.getProvider("aws::")! }));
  const cdn = new Cdn("edge", { regions: edgeRegions, settings: platform.edge, environment: platform.environment, usEast1 });
  if (domain !== undefined && hostedZoneId !== undefined) {
    new ZoneRouting("edge-routing", { domain, hostedZoneId, regions: edgeRegions, cdn, provider: usEast1 });
  }

  /** Plain statements of what this stack's configuration leaves weaker, printed by every plan. */
  const notices: string[] = [];
  notices.push(...placeholderNotices(platform));
  notices.push(...deployerNotices(platform.deployer, [...new Set(platform.regions.flatMap((r) => r.cluster.publicAccessCidrs))]));
  notices.push(...edgeNotices(platform.edge), ...cdnLogNotices(cdn.plan, platform.edge));
  notices.push(...operationsNotices(platform, recovery.alone));
  const today = new Date().toISOString().slice(0, 10);
  for (const region of platform.regions) {
    const phase = supportPhase(region.cluster.version, today);
    if (phase !== "standard") {
      notices.push(
        `cluster: Kubernetes ${region.cluster.version} in ${region.region} is ${phase === "ended" ? "past EKS extended support" : "in EKS extended support, billed per cluster hour"} as of ${today} (calendar: components/cluster/versions.ts).`,
      );
    }
  }

  return {
    environment: platform.environment,
    regions: Object.fromEntries(regions.map((region) => [region.regionName, region.exports()])),
    edge: cdn.exports(),
    notices,
    operations: {
      budgetName: budget.budgetName,
      recoveryObjectives: platform.recovery.objectives,
      backupCopies: Object.fromEntries(recovery.backups.map((b, i) => [platform.regions[i].region, b.copyRegion ?? "none"])),
    },
  };
};
