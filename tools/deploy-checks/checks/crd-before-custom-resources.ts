import { PlannedResource } from "../../engine/model";
import { ChartFacts, chartFacts, coalesce, valueAt } from "../charts";
import {
  BUILT_IN_API_GROUPS,
  CRD,
  apiTypeOf,
  chartOf,
  clusterKeyOf,
  inputsOf,
  isHelmRelease,
  isKubernetesObject,
  talksToKubernetes,
} from "../kubernetes";
import { DeployCheck, DeployFinding } from "../types";

const NAME = "crd-before-custom-resources";

/**
 * A custom resource (EC2NodeClass, NodePool, TargetGroupBinding, ...) is created after whatever
 * installs its CustomResourceDefinition: a CRD object of the stack, or the Helm release of the
 * chart that ships it, in crds/ or as templates its values turn on (charts.ts). Without the CRD the API server has no such type and
 * the provider fails with `no matches for kind "<Kind>" in version "<group/version>"`.
 */
export const crdBeforeCustomResources: DeployCheck = {
  name: NAME,
  description: "a custom resource is created after the CRD object or Helm release that installs its CustomResourceDefinition",
  run({ plan, order }) {
    const findings: DeployFinding[] = [];
    const kube = plan.resources.filter(talksToKubernetes);
    const installersOf = (r: PlannedResource): PlannedResource[] => {
      const { group, kind } = apiTypeOf(r);
      const cluster = clusterKeyOf(plan, r);
      return kube.filter((candidate) => {
        if (candidate.urn === r.urn || clusterKeyOf(plan, candidate) !== cluster) return false;
        const inputs = inputsOf(candidate);
        if (candidate.type === CRD) return inputs.spec?.group === group && inputs.spec?.names?.kind === kind;
        if (!isHelmRelease(candidate)) return false;
        const facts = chartFacts(chartOf(candidate), String(inputs.version ?? ""));
        if (facts === undefined || !installsCrds(facts, inputs)) return false;
        return facts.crds.some((crd) => crd.group === group && crd.kind === kind);
      });
    };
    for (const r of kube) {
      if (!isKubernetesObject(r)) continue;
      const type = apiTypeOf(r);
      if (BUILT_IN_API_GROUPS.has(type.group)) continue;
      const installers = installersOf(r);
      if (installers.some((i) => order.precedes(i.urn, r.urn))) continue;
      const atDeploy = `the Kubernetes provider fails: no matches for kind "${type.kind}" in version "${type.apiVersion}"`;
      if (installers.length === 0) {
        const releases = kube.filter((k) => isHelmRelease(k) && clusterKeyOf(plan, k) === clusterKeyOf(plan, r));
        const unknown = releases.filter((k) => chartFacts(chartOf(k), String(inputsOf(k).version ?? "")) === undefined);
        findings.push({
          check: NAME,
          resource: r.urn,
          atDeploy: `${atDeploy}: nothing in this stack installs the ${type.kind} CRD (${type.group}) in that cluster`,
          fix:
            unknown.length > 0
              ? `record the CRDs of ${unknown.map((k) => `${chartOf(k)} ${String(inputsOf(k).version)}`).join(", ")} in tools/deploy-checks/charts.ts (from the chart's crds/ at that version), or install the CRD before ${r.name}`
              : `install the chart that ships the ${type.kind} CRD (or declare the CustomResourceDefinition) and create ${r.name} after it`,
        });
        continue;
      }
      findings.push({
        check: NAME,
        resource: r.urn,
        related: installers[0].urn,
        atDeploy: `${atDeploy} when it is created before ${installers[0].name} has installed the CRD (nothing orders them)`,
        fix: `add dependsOn: [${installers[0].name}] to ${r.name}`,
      });
    }
    return findings;
  },
};

/** A release installs its chart's CRDs: from crds/ unless skipCrds, or as templates when their values key is on. */
function installsCrds(facts: ChartFacts, inputs: Record<string, any>): boolean {
  if (facts.crdsTemplated === undefined) return inputs.skipCrds !== true;
  return coalesce(facts.crdsTemplated.default, valueAt(inputs.values ?? {}, facts.crdsTemplated.key)) !== false;
}
