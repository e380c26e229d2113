/**
 * How the deploy checks read Kubernetes resources in a plan: what a resource is (object, Helm
 * release), its API group and kind, its namespace, and which EKS cluster its provider talks to.
 */
import { Plan, PlannedResource } from "../engine/model";
import { reveal } from "../engine/values";

export const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
export const KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";
export const EKS_CLUSTER = "aws:eks/cluster:Cluster";
export const EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
export const NAMESPACE = "kubernetes:core/v1:Namespace";
export const CRD = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

/**
 * Namespaces every cluster has from the start (kube-apiserver creates them:
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces).
 */
export const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);

/**
 * API groups the API server serves without a CRD (kubectl api-resources on a plain cluster;
 * https://kubernetes.io/docs/reference/using-api/#api-groups). "" is the core group (apiVersion v1).
 */
export const BUILT_IN_API_GROUPS: ReadonlySet<string> = new Set([
  "",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "apps",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "resource.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
]);

export function isHelmRelease(r: PlannedResource): boolean {
  return r.type === HELM_RELEASE;
}

/** A Kubernetes API object the provider creates itself (not a release, a provider or a component). */
export function isKubernetesObject(r: PlannedResource): boolean {
  return r.custom && r.type.startsWith("kubernetes:") && !isHelmRelease(r);
}

/** Everything the deployer sends to a cluster's API: objects and Helm releases. */
export function talksToKubernetes(r: PlannedResource): boolean {
  return isKubernetesObject(r) || isHelmRelease(r);
}

export interface ApiType {
  /** API group; "" for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** `group/version` as written in manifests (`v1` for the core group). */
  readonly apiVersion: string;
}

/** `kubernetes:karpenter.sh/v1:NodePool` -> karpenter.sh, v1, NodePool; `kubernetes:core/v1:Namespace` -> "", v1. */
export function apiTypeOf(r: PlannedResource): ApiType {
  const [, groupVersion = "", kind = ""] = r.type.split(":");
  const slash = groupVersion.lastIndexOf("/");
  const rawGroup = slash < 0 ? "" : groupVersion.slice(0, slash);
  const version = slash < 0 ? groupVersion : groupVersion.slice(slash + 1);
  const group = rawGroup === "core" ? "" : rawGroup;
  return { group, version, kind, apiVersion: group === "" ? version : `${group}/${version}` };
}

/** Inputs with secrets unwrapped (names and namespaces are never secret in practice). */
export function inputsOf(r: PlannedResource): Record<string, any> {
  return reveal(r.inputs) as Record<string, any>;
}

export function metadataName(r: PlannedResource): string | undefined {
  const name = inputsOf(r).metadata?.name;
  return typeof name === "string" ? name : undefined;
}

/**
 * The namespace an object or a release is created in, or undefined for cluster-scoped objects
 * (no `metadata.namespace`). A release without `namespace` goes to `default`, as `helm install` does.
 */
export function namespaceOf(r: PlannedResource): string | undefined {
  const inputs = inputsOf(r);
  if (isHelmRelease(r)) return typeof inputs.namespace === "string" && inputs.namespace !== "" ? inputs.namespace : "default";
  const namespace = inputs.metadata?.namespace;
  return typeof namespace === "string" && namespace !== "" ? namespace : undefined;
}

/** Chart name of a release: `oci://public.ecr.aws/karpenter/karpenter` -> `karpenter`, `repo/chart` -> `chart`. */
export function chartOf(release: PlannedResource): string {
  return String(inputsOf(release).chart ?? "")
    .split("/")
    .pop()!;
}

/**
 * The EKS cluster a Kubernetes resource goes to: its provider's kubeconfig is built from the
 * cluster's outputs, so the provider's `kubeconfig` input depends on it. Undefined when the
 * provider does not take its kubeconfig from a cluster of this plan (or is the default provider).
 */
export function clusterOf(plan: Plan, r: PlannedResource): PlannedResource | undefined {
  const byUrn = indexOf(plan);
  const provider = r.provider ? byUrn.get(r.provider) : undefined;
  if (!provider || provider.type !== KUBERNETES_PROVIDER) return undefined;
  const sources = provider.propertyDependencies.kubeconfig ?? [];
  const clusters = sources.map((urn) => byUrn.get(urn)).filter((c): c is PlannedResource => c?.type === EKS_CLUSTER);
  return clusters.length === 1 ? clusters[0] : undefined;
}

const indexes = new WeakMap<Plan, ReadonlyMap<string, PlannedResource>>();

/** The plan's resources by URN, built once per plan. */
export function indexOf(plan: Plan): ReadonlyMap<string, PlannedResource> {
  let index = indexes.get(plan);
  if (!index) {
    index = new Map(plan.resources.map((r) => [r.urn, r]));
    indexes.set(plan, index);
  }
  return index;
}

/** Which cluster a resource is in, for grouping: its EKS cluster, else its provider. */
export function clusterKeyOf(plan: Plan, r: PlannedResource): string {
  return clusterOf(plan, r)?.urn ?? r.provider ?? "default Kubernetes provider";
}

/** Resources whose input `property` references `target` (e.g. a node group's `clusterName`). */
export function references(r: PlannedResource, property: string, target: string): boolean {
  return (r.propertyDependencies[property] ?? []).includes(target);
}
