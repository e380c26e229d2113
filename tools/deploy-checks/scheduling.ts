/**
 * Where pods can run: the node capacity a plan declares (EKS managed node groups, Karpenter
 * NodePools) as taints, possible labels and node counts, and the scheduler's hard rules a pod
 * must pass on it (https://kubernetes.io/docs/concepts/scheduling-eviction/): taints with effect
 * NoSchedule/NoExecute tolerated, nodeSelector and required node affinity satisfiable, required
 * pod anti-affinity per hostname leaving a node per replica. Preferred rules and topology spread
 * never keep a pod Pending forever on their own here, so they are not modelled.
 */
import { PlannedResource } from "../engine/model";
import { inputsOf, metadataName } from "./kubernetes";

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

/** The values a label may have on a node of this capacity: a set, any value, or (absent key) none. */
export type LabelDomain = ReadonlyMap<string, ReadonlySet<string> | "any">;

export interface NodeCapacity {
  readonly resource: PlannedResource;
  readonly description: string;
  readonly taints: readonly Taint[];
  readonly labels: LabelDomain;
  /** Nodes right after creation (a node group's desired size); Infinity when provisioned on demand. */
  readonly nodes: number;
}

export interface PodScheduling {
  readonly replicas: number;
  readonly nodeSelector: Readonly<Record<string, unknown>>;
  readonly tolerations: readonly Readonly<Record<string, unknown>>[];
  readonly affinity: Readonly<Record<string, any>>;
}

// EKS managed node group taint effects as the EKS API spells them.
const EKS_EFFECTS: Record<string, string> = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" };

/**
 * A managed node group: its taints and labels, plus the labels every node carries: kubelet's
 * kubernetes.io/os and kubernetes.io/arch (from the AMI type), and EKS's
 * eks.amazonaws.com/nodegroup and eks.amazonaws.com/capacityType
 * (https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html).
 */
export function nodeGroupCapacity(group: PlannedResource): NodeCapacity {
  const inputs = inputsOf(group);
  const amiType = String(inputs.amiType ?? "");
  const labels = new Map<string, ReadonlySet<string> | "any">();
  for (const [key, value] of Object.entries((inputs.labels ?? {}) as Record<string, unknown>)) labels.set(key, new Set([String(value)]));
  labels.set("kubernetes.io/os", new Set([amiType.startsWith("WINDOWS") ? "windows" : "linux"]));
  labels.set("kubernetes.io/arch", amiType === "" ? "any" : new Set([/ARM_64/.test(amiType) ? "arm64" : "amd64"]));
  labels.set("kubernetes.io/hostname", "any");
  labels.set("topology.kubernetes.io/zone", "any");
  labels.set("eks.amazonaws.com/nodegroup", "any");
  labels.set("eks.amazonaws.com/capacityType", new Set([String(inputs.capacityType ?? "ON_DEMAND")]));
  if (Array.isArray(inputs.instanceTypes)) labels.set("node.kubernetes.io/instance-type", new Set(inputs.instanceTypes.map(String)));
  const taints = ((inputs.taints ?? []) as Record<string, unknown>[]).map((t) => ({
    key: String(t.key),
    ...(t.value !== undefined ? { value: String(t.value) } : {}),
    effect: EKS_EFFECTS[String(t.effect)] ?? String(t.effect),
  }));
  return {
    resource: group,
    description: `node group ${group.name}`,
    taints,
    labels,
    nodes: Number(inputs.scalingConfig?.desiredSize ?? 0),
  };
}

/**
 * A Karpenter NodePool (karpenter.sh/v1): template labels and taints, its requirements as label
 * domains, and karpenter.sh/nodepool=<name> on every node it launches. Nodes come on demand.
 */
export function nodePoolCapacity(pool: PlannedResource): NodeCapacity {
  const spec = inputsOf(pool).spec ?? {};
  const template = spec.template ?? {};
  const labels = new Map<string, ReadonlySet<string> | "any">([
    ["kubernetes.io/os", new Set(["linux"])],
    ["kubernetes.io/arch", new Set(["amd64", "arm64"])],
    ["kubernetes.io/hostname", "any"],
    ["topology.kubernetes.io/zone", "any"],
    ["karpenter.sh/capacity-type", new Set(["on-demand"])],
  ]);
  for (const requirement of (template.spec?.requirements ?? []) as Record<string, any>[]) {
    const key = String(requirement.key);
    const values = ((requirement.values ?? []) as unknown[]).map(String);
    if (requirement.operator === "In") labels.set(key, new Set(values));
    else if (requirement.operator === "DoesNotExist") labels.delete(key);
    else labels.set(key, "any");
  }
  for (const [key, value] of Object.entries((template.metadata?.labels ?? {}) as Record<string, unknown>))
    labels.set(key, new Set([String(value)]));
  labels.set("karpenter.sh/nodepool", new Set([metadataName(pool) ?? pool.name]));
  const taints = ((template.spec?.taints ?? []) as Record<string, unknown>[]).map((t) => ({
    key: String(t.key),
    ...(t.value !== undefined ? { value: String(t.value) } : {}),
    effect: String(t.effect),
  }));
  return { resource: pool, description: `Karpenter NodePool ${metadataName(pool) ?? pool.name}`, taints, labels, nodes: Infinity };
}

export function tolerates(tolerations: PodScheduling["tolerations"], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect !== undefined && t.effect !== "" && t.effect !== taint.effect) return false;
    if (t.operator === "Exists") return t.key === undefined || t.key === "" || t.key === taint.key;
    return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
  });
}

function satisfiable(labels: LabelDomain, expression: Record<string, any>): boolean {
  const domain = labels.get(String(expression.key));
  const values = ((expression.values ?? []) as unknown[]).map(String);
  switch (expression.operator) {
    case "In":
      return domain !== undefined && (domain === "any" || values.some((v) => domain.has(v)));
    case "NotIn":
      return domain === undefined || domain === "any" || [...domain].some((v) => !values.includes(v));
    case "Exists":
    case "Gt":
    case "Lt":
      return domain !== undefined;
    case "DoesNotExist":
      return domain === undefined;
    default:
      return false;
  }
}

/** Why the pod cannot run on this capacity at all, or undefined when it can. */
export function whyNot(pod: PodScheduling, capacity: NodeCapacity): string | undefined {
  const untolerated = capacity.taints.filter((t) => t.effect !== "PreferNoSchedule" && !tolerates(pod.tolerations, t));
  if (untolerated.length > 0) {
    return `its taint ${untolerated.map((t) => `${t.key}${t.value !== undefined ? `=${t.value}` : ""}:${t.effect}`).join(", ")} is not tolerated`;
  }
  for (const [key, value] of Object.entries(pod.nodeSelector)) {
    if (!satisfiable(capacity.labels, { key, operator: "In", values: [value] }))
      return `it has no label ${key}=${String(value)} (nodeSelector)`;
  }
  const terms = pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as
    Record<string, any>[] | undefined;
  if (terms !== undefined && terms.length > 0) {
    const ok = terms.some((term) => ((term.matchExpressions ?? []) as Record<string, any>[]).every((e) => satisfiable(capacity.labels, e)));
    if (!ok) {
      const wanted = terms.map((term) =>
        ((term.matchExpressions ?? []) as Record<string, any>[])
          .map((e) => `${e.key} ${e.operator}${e.values ? ` ${(e.values as unknown[]).join(",")}` : ""}`)
          .join(" and "),
      );
      return `no term of the required node affinity matches (${wanted.join(" or ")})`;
    }
  }
  return undefined;
}

/** True when the pod's required anti-affinity puts at most one replica on a node. */
export function onePerNode(pod: PodScheduling): boolean {
  const terms = (pod.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Record<string, unknown>[];
  return terms.some((t) => t.topologyKey === "kubernetes.io/hostname");
}
