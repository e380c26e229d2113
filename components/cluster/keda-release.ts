/**
 * The KEDA release the platform installs, with the facts read at its source (never recalled).
 * To move to another release: read its chart (kedacore/charts keda/values.yaml and
 * templates/crds/ at the "prepare vX.Y.Z release" commit), its row in KEDA's compatibility
 * matrix, and update this file and the chart's row in tools/deploy-checks/charts.ts together.
 */

export const KEDA = {
  /** Helm chart `keda` from https://kedacore.github.io/charts; chart and app versions are equal. */
  chart: "keda",
  repo: "https://kedacore.github.io/charts",
  version: "2.20.2",
  /** kedacore/charts commit cbb9bb8 "prepare v2.20.2 release (#895)": keda/Chart.yaml version and appVersion 2.20.2. */
  chartSource: "https://github.com/kedacore/charts/blob/cbb9bb8ce0809dc9048f72302f7c09765d66ed56/keda/Chart.yaml",
  /** Kubernetes minor versions KEDA 2.20 is tested on ("v2.20 | v1.33 - v1.35"). */
  kubernetes: ["1.33", "1.34", "1.35"],
  kubernetesSource:
    "KEDA docs, Operate > Cluster, Kubernetes Compatibility (kedacore/keda-docs content/docs/2.20/operate/cluster.md @a55c5d3)",
  /** Namespace and the operator's service account (chart value serviceAccount.operator.name). */
  namespace: "keda",
  operatorServiceAccount: "keda-operator",
} as const;

/**
 * KEDA's compatibility matrix, KEDA minor -> Kubernetes minors it is tested on (keda.sh/docs/2.22/operate/cluster/,
 * "Kubernetes Compatibility"; the 2.20 row also in kedacore/keda-docs content/docs/2.20/operate/cluster.md @a55c5d3).
 */
export const KEDA_COMPATIBILITY: Readonly<Record<string, readonly string[]>> = {
  "2.19": ["1.32", "1.33", "1.34"],
  "2.20": ["1.33", "1.34", "1.35"],
  "2.21": ["1.34", "1.35", "1.36"],
};

/** True when KEDA `version` (chart = app version, default the pinned one) is tested on this Kubernetes minor version. */
export function kedaSupports(kubernetes: string, version: string = KEDA.version): boolean {
  const minor = version.replace(/^v/, "").split(".").slice(0, 2).join(".");
  return (KEDA_COMPATIBILITY[minor] ?? []).includes(kubernetes);
}
