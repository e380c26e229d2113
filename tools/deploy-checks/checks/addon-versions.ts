import { ADDON_NAMES } from "../../../components/cluster/addons";
import {
  KARPENTER_MINIMUM,
  KARPENTER_SOURCE,
  knownAddonVersions,
  addonRows,
  karpenterSupports,
} from "../../../components/cluster/versions";
import { KEDA, KEDA_COMPATIBILITY, kedaSupports } from "../../../components/cluster/keda-release";
import { Plan, PlannedResource } from "../../engine/model";
import { clusterOf as targetClusterOf } from "../kubernetes";
import { DeployCheck, DeployFinding } from "../types";
import { ancestorOfType, inputsOf, regionKey } from "../plan-lookup";

const CLUSTER_COMPONENT = "platform:cluster:Cluster";
const EKS_CLUSTER = "aws:eks/cluster:Cluster";

/** The EKS cluster a resource belongs to: the EKS cluster of the nearest Cluster component above it. */
function clusterOf(plan: Plan, resource: PlannedResource): PlannedResource | undefined {
  const component = ancestorOfType(plan, resource, CLUSTER_COMPONENT);
  return component === undefined ? undefined : plan.resources.find((r) => r.type === EKS_CLUSTER && r.parent === component.urn);
}

const CONFIG_KEY_OF_ADDON = new Map(Object.entries(ADDON_NAMES).map(([key, name]) => [name, key]));

/**
 * EKS refuses an add-on version not offered for the cluster's Kubernetes version (CreateAddon:
 * "InvalidParameterException: Addon version specified is not supported", nebari-dev/nebari#3016),
 * and a Karpenter below the compatibility matrix's minimum is unsupported on that Kubernetes.
 * Every pairing must be vouched for by a row of components/cluster/versions.ts.
 */
export const addonVersionsCheck: DeployCheck = {
  name: "addon-versions",
  description:
    "every EKS add-on version and the Karpenter and KEDA charts are valid for their cluster's Kubernetes version (components/cluster/versions.ts and keda-release.ts, rows with sources)",
  run({ plan }) {
    const findings: DeployFinding[] = [];
    for (const addon of plan.resources.filter((r) => r.type === "aws:eks/addon:Addon")) {
      const cluster = clusterOf(plan, addon);
      const { addonName, addonVersion } = inputsOf(addon);
      if (cluster === undefined || typeof addonVersion !== "string") continue;
      const kubernetes = String(inputsOf(cluster).version);
      if (addonRows(addonName, addonVersion, kubernetes).length > 0) continue;
      const known = knownAddonVersions(addonName, kubernetes);
      findings.push({
        check: "addon-versions",
        resource: addon.urn,
        related: cluster.urn,
        atDeploy: `EKS refuses ${addonName} ${addonVersion} on Kubernetes ${kubernetes}: "InvalidParameterException: Addon version specified is not supported" (no row of components/cluster/versions.ts offers it for ${kubernetes})`,
        fix: `set ${regionKey(plan, cluster.region, `cluster.addons.${CONFIG_KEY_OF_ADDON.get(addonName) ?? addonName}`)} to ${known.length > 0 ? known.join(" or ") : "a build offered for it"}; a build not in the table needs a row with its source (aws eks describe-addon-versions --kubernetes-version ${kubernetes} --addon-name ${addonName})`,
      });
    }
    for (const release of plan.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release")) {
      const { chart, version } = inputsOf(release);
      if (chart === KEDA.chart && typeof version === "string") {
        // KEDA is installed beside the Cluster component: its cluster is the one its provider targets.
        const target = targetClusterOf(plan, release);
        const kubernetes = target === undefined ? undefined : String(inputsOf(target).version);
        if (kubernetes === undefined || kedaSupports(kubernetes, version)) continue;
        findings.push({
          check: "addon-versions",
          resource: release.urn,
          related: target?.urn,
          atDeploy: `KEDA ${version} is not tested on Kubernetes ${kubernetes} (${KEDA.kubernetesSource})`,
          fix: `install a KEDA release whose row of KEDA_COMPATIBILITY (components/cluster/keda-release.ts) lists ${kubernetes}: ${
            Object.entries(KEDA_COMPATIBILITY)
              .filter(([, k]) => k.includes(kubernetes))
              .map(([minor]) => minor)
              .join(", ") || "none recorded"
          }`,
        });
        continue;
      }
      if (typeof chart !== "string" || !/\/karpenter$/.test(chart) || typeof version !== "string") continue;
      const cluster = clusterOf(plan, release);
      if (cluster === undefined) continue;
      const kubernetes = String(inputsOf(cluster).version);
      if (karpenterSupports(version, kubernetes)) continue;
      const minimum = KARPENTER_MINIMUM[kubernetes];
      findings.push({
        check: "addon-versions",
        resource: release.urn,
        related: cluster.urn,
        atDeploy: `Karpenter ${version} does not support Kubernetes ${kubernetes}${minimum ? ` (needs >= ${minimum})` : " (the matrix has no column for it)"} (${KARPENTER_SOURCE})`,
        fix: `set ${regionKey(plan, cluster.region, "cluster.karpenter.version")} to ${minimum ? `${minimum} or later` : "a release whose matrix lists it"}`,
      });
    }
    return findings;
  },
};
