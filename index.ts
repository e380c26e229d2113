import * as aws from "@pulumi/aws";
import { loadPlatformConfig } from "./components/config";
import { deployerPrincipalArn } from "./components/cluster/deployer";
import { supportPhase } from "./components/cluster/versions";
import { placeholderNotices } from "./components/config/placeholders";
import { Cdn } from "./components/edge/cdn";
import { cdnLogNotices, edgeNotices } from "./components/edge/edge-plan";
import { ValidationRecords } from "./components/edge/validation-records";
import { ZoneRouting } from "./components/edge/zone-routing";
import { regionalProvider, standardTags } from "./components/region/provider";
import { Region, eksAvailabilityZones } from "./components/region/region";
import { declareServiceLinkedRoles } from "./components/shared/service-linked-roles";
import { admitCdnAtOrigins, linkRegions } from "./components/links/cross-region";
import { operationsNotices } from "./components/observability/notices";
import { deployerNotices } from "./components/config/tiers/deployer";

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

  // Zone names map to physical zones per account: ask AWS, then pick by zone ID.
  const placed = await Promise.all(
    platform.regions.map(async (region) => {
      const provider = regionalProvider(platform, region.region, region.zone);
      return { region, provider, availabilityZones: await eksAvailabilityZones(region, provider) };
    }),
  );
  const regions = new Map(
    placed.map(({ region, provider, availabilityZones }) => [
      region.region,
      new Region(region.region, {
        region,
        namePrefix: `${platform.project}-${platform.stack}`,
        deployer: platform.deployer,
        edge: platform.edge,
        observability: platform.observability,
        nodeTags: standardTags(platform, region.region, region.zone),
        protect: platform.environment === "prod",
        provider,
        availabilityZones,
        validationRecords,
        deployerArn,
        nodePoolDependsOn: spotRole ? [spotRole] : [],
      }),
    ]),
  );

  // Section: cross-region links (DR replicas, backup copies, the budget, the CDN's origins).
  const links = linkRegions(platform, regions);

  // Section: global edge (CloudFront, WAF and certificate through the us-east-1 provider; Route 53).
  const cdn = new Cdn("edge", { regions: links.cdnOrigins, settings: platform.edge, protect: platform.environment === "prod", usEast1 });
  admitCdnAtOrigins(cdn, links.cdnOrigins);
  if (domain !== undefined && hostedZoneId !== undefined) {
    new ZoneRouting("edge-routing", { domain, hostedZoneId, regions: links.cdnOrigins, cdn, provider: usEast1 });
  }

  /** Plain statements of what this stack's configuration leaves weaker, printed by every plan. */
  const notices: string[] = [];
  notices.push(...placeholderNotices(platform));
  notices.push(...deployerNotices(platform.deployer, [...new Set(platform.regions.flatMap((r) => r.cluster.publicAccessCidrs))]));
  notices.push(...edgeNotices(platform.edge), ...cdnLogNotices(cdn.plan, platform.edge));
  notices.push(...operationsNotices(platform, links.recovery.alone));
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
    regions: Object.fromEntries([...regions].map(([name, region]) => [name, region.exports(links.drReplicas.get(name) ?? [])])),
    edge: cdn.exports(),
    notices,
    operations: {
      budgetName: links.budget.budgetName,
      recoveryObjectives: platform.recovery.objectives,
      backupCopies: Object.fromEntries(links.recovery.backups.map((b) => [b.regionName, b.copyRegion ?? "none"])),
    },
  };
};
