import { Plan, PlannedResource } from "../../engine/model";
import { ChartFacts, Workload, chartFacts, coalesce, helmDefault, valueAt } from "../charts";
import { EKS_NODE_GROUP, chartOf, clusterKeyOf, clusterOf, inputsOf, isHelmRelease, references } from "../kubernetes";
import { NodeCapacity, PodScheduling, nodeGroupCapacity, nodePoolCapacity, onePerNode, tolerates, whyNot } from "../scheduling";
import { CreationOrder, DeployCheck, DeployFinding } from "../types";

const NAME = "helm-pods-schedulable";
const NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
/** pulumi-kubernetes provider/pkg/provider/helm_release.go: `defaultTimeoutSeconds = 300`. */
const DEFAULT_TIMEOUT_SECONDS = 300;

/**
 * A Helm release that waits for its pods (no `skipAwait`: the Kubernetes provider runs `helm
 * install --wait`, pulumi-kubernetes provider/pkg/provider/helm_release.go) is created after node
 * capacity its pods can schedule on: the taints, labels and sizes of the node groups and Karpenter
 * NodePools that exist at that moment, against the chart's default values (charts.ts) merged with
 * the release's own.
 */
export const helmPodsSchedulable: DeployCheck = {
  name: NAME,
  description:
    "a Helm release that waits for its pods is created after node capacity they can schedule on (taints, tolerations, node selectors, node affinity, anti-affinity; chart defaults included)",
  run({ plan, order }) {
    const findings: DeployFinding[] = [];
    for (const release of plan.resources.filter(isHelmRelease)) {
      const inputs = inputsOf(release);
      if (inputs.skipAwait === true) continue;
      const facts = chartFacts(chartOf(release), String(inputs.version ?? ""));
      if (facts === undefined) {
        findings.push({
          check: NAME,
          resource: release.urn,
          atDeploy: `the release waits up to ${timeoutOf(inputs)} s for pods whose scheduling rules the plan does not know: chart ${chartOf(release)} ${String(inputs.version ?? "(no version)")} has no recorded defaults`,
          fix: `record the chart's default replicas, nodeSelector, tolerations and affinity at that version in tools/deploy-checks/charts.ts (with the values.yaml source), or pin a recorded version`,
        });
        continue;
      }
      const existing = capacityOf(plan, release, order, true);
      const anywhere = capacityOf(plan, release, order, false);
      for (const workload of facts.workloads) {
        if (!rendered(workload, inputs.values ?? {})) continue;
        const finding = checkWorkload(
          release,
          facts,
          workload,
          podOf(workload, inputs.values ?? {}),
          existing,
          anywhere,
          timeoutOf(inputs),
        );
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
};

function timeoutOf(inputs: Record<string, any>): number {
  return typeof inputs.timeout === "number" && inputs.timeout > 0 ? inputs.timeout : DEFAULT_TIMEOUT_SECONDS;
}

function podOf(workload: Workload, values: Record<string, unknown>): PodScheduling {
  const value = (key: keyof Workload["keys"], fallback: unknown) => {
    const own = coalesce(fallback, valueAt(values, workload.keys[key]));
    const globalKey = workload.fallbacks?.keys[key];
    if (globalKey === undefined || key === "replicas") return own;
    const global = coalesce(workload.fallbacks?.defaults[key as "nodeSelector" | "tolerations" | "affinity"], valueAt(values, globalKey));
    return helmDefault(own, global);
  };
  const nodeSelector = (value("nodeSelector", workload.defaults.nodeSelector) ?? {}) as Record<string, unknown>;
  return {
    replicas: Number(value("replicas", workload.defaults.replicas) ?? 1),
    nodeSelector: { ...(workload.fixedNodeSelector ?? {}), ...nodeSelector },
    tolerations: (value("tolerations", workload.defaults.tolerations) ?? []) as Record<string, unknown>[],
    affinity: (value("affinity", workload.defaults.affinity) ?? {}) as Record<string, unknown>,
  };
}

/** Whether the chart renders the workload at all with these values (`metricsServer.enabled`). */
function rendered(workload: Workload, values: Record<string, unknown>): boolean {
  if (workload.enabled === undefined) return true;
  return coalesce(workload.enabled.default, valueAt(values, workload.enabled.key)) !== false;
}

/** Node groups and NodePools of the release's cluster; `before`: only those created before it. */
function capacityOf(plan: Plan, release: PlannedResource, order: CreationOrder, before: boolean): NodeCapacity[] {
  const cluster = clusterOf(plan, release);
  const key = clusterKeyOf(plan, release);
  const prerequisites = order.prerequisites(release.urn);
  return plan.resources
    .filter((r) => !before || prerequisites.has(r.urn))
    .flatMap((r) => {
      if (r.type === EKS_NODE_GROUP && cluster !== undefined && references(r, "clusterName", cluster.urn)) return [nodeGroupCapacity(r)];
      if (r.type === NODE_POOL && clusterKeyOf(plan, r) === key) return [nodePoolCapacity(r)];
      return [];
    });
}

function checkWorkload(
  release: PlannedResource,
  facts: ChartFacts,
  workload: Workload,
  pod: PodScheduling,
  existing: readonly NodeCapacity[],
  anywhere: readonly NodeCapacity[],
  timeout: number,
): DeployFinding | undefined {
  if (pod.replicas <= 0) return undefined;
  const waits = `the release waits up to ${timeout} s for the ${workload.name} pods (helm install --wait; the Kubernetes provider's default timeout is ${DEFAULT_TIMEOUT_SECONDS} s) and fails`;
  const eligible = existing.filter((c) => whyNot(pod, c) === undefined);
  if (eligible.length === 0) {
    const reasons = existing.map((c) => `${c.description}: ${whyNot(pod, c)}`);
    const later = anywhere.find((c) => !existing.includes(c) && whyNot(pod, c) === undefined);
    const refusing = existing[0];
    const taint = refusing?.taints.find((t) => t.effect !== "PreferNoSchedule" && !tolerates(pod.tolerations, t));
    const options: string[] = [];
    if (refusing && taint) {
      options.push(
        `set values.${workload.keys.tolerations} to tolerate ${taint.key} so its pods run on ${refusing.resource.name} (${facts.chart} ${facts.version} defaults to ${JSON.stringify(workload.defaults.tolerations)})`,
      );
    }
    if (later) options.push(`create ${release.name} after ${later.resource.name} (dependsOn), where its pods can run`);
    if (options.length === 0) {
      options.push(
        `create ${release.name} after node capacity its pods can run on (a node group or NodePool whose taints, labels and size fit its values)`,
      );
    }
    return {
      check: NAME,
      resource: release.urn,
      related: refusing?.resource.urn ?? later?.resource.urn,
      atDeploy: `${waits}: its pods stay Pending, ${existing.length === 0 ? "no node group or NodePool of the cluster exists yet" : reasons.join("; ")}`,
      fix: options.join("; or "),
    };
  }
  const nodes = eligible.reduce((sum, c) => sum + c.nodes, 0);
  if (onePerNode(pod) && nodes < pod.replicas) {
    return {
      check: NAME,
      resource: release.urn,
      related: eligible[0].resource.urn,
      atDeploy: `${waits}: ${pod.replicas} replicas must run on different nodes (required pod anti-affinity on kubernetes.io/hostname) and only ${nodes} node(s) they may use exist (${eligible.map((c) => c.description).join(", ")})`,
      fix: `lower values.${workload.keys.replicas} to ${nodes}, or raise the desired size of ${eligible[0].resource.name}`,
    };
  }
  return undefined;
}
