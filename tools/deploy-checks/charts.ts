/**
 * What the deploy checks know about the Helm charts the program installs, read from each chart's
 * sources at the pinned version: the CRDs it ships (its `crds/` directory, which `helm install`
 * applies before anything else unless `skipCrds`, or templates gated by a values key, as KEDA's),
 * and for each workload the chart's default values that decide where its pods may run (at dotted
 * values paths, with the chart-wide keys a template falls back to). A release of a chart or version not listed here
 * cannot be checked, and the checks say so: add the row from the chart's values.yaml.
 */
import { PodScheduling } from "./scheduling";

export interface ApiKind {
  readonly group: string;
  readonly kind: string;
}

export interface Workload {
  /** The Deployment the chart renders. */
  readonly name: string;
  /** The values keys that feed its pod template (dotted paths into values.yaml, e.g. `operator.replicaCount`). */
  readonly keys: { readonly replicas: string; readonly nodeSelector: string; readonly tolerations: string; readonly affinity: string };
  /** Scheduling-related values of its pod template, as the chart's values.yaml defaults them. */
  readonly defaults: PodScheduling;
  /**
   * Chart-wide keys the template falls back to when the workload's own key is empty (Helm's
   * `default` function: `.Values.operator.tolerations | default .Values.tolerations`), with their defaults.
   */
  readonly fallbacks?: { readonly keys: Partial<Workload["keys"]>; readonly defaults: Partial<Omit<PodScheduling, "replicas">> };
  /** nodeSelector entries the template always writes, whatever the values. */
  readonly fixedNodeSelector?: Readonly<Record<string, string>>;
  /** The values key that renders the workload at all (`metricsServer.enabled`), with its default. */
  readonly enabled?: { readonly key: string; readonly default: boolean };
}

export interface ChartFacts {
  /** Chart name (the last segment of the release's `chart`). */
  readonly chart: string;
  readonly version: string;
  /** values.yaml (and crds/) at the commit that released this version. */
  readonly source: string;
  readonly crds: readonly ApiKind[];
  /**
   * Where the CRDs are: the chart's crds/ directory (the default; `skipCrds` leaves them out), or
   * templates gated by a values key (`crds.install`), which helm applies with the release's other
   * objects; skipCrds does not apply to them.
   */
  readonly crdsTemplated?: { readonly key: string; readonly default: boolean };
  readonly workloads: readonly Workload[];
}

const standardKeys = { replicas: "replicas", nodeSelector: "nodeSelector", tolerations: "tolerations", affinity: "affinity" } as const;

export const CHART_FACTS: readonly ChartFacts[] = [
  {
    chart: "aws-load-balancer-controller",
    version: "1.13.4",
    // Tag v2.13.4 ("cut v2.13.4 release"); the template adds only a *preferred* pod anti-affinity
    // (configureDefaultAffinity), which never keeps a pod from scheduling.
    source:
      "https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/6157304fed7964f63e4b1b77bba949fa07ed433d/helm/aws-load-balancer-controller/values.yaml",
    crds: [
      { group: "elbv2.k8s.aws", kind: "IngressClassParams" },
      { group: "elbv2.k8s.aws", kind: "TargetGroupBinding" },
      { group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration" },
      { group: "gateway.k8s.aws", kind: "TargetGroupConfiguration" },
    ],
    workloads: [
      {
        name: "aws-load-balancer-controller",
        keys: { ...standardKeys, replicas: "replicaCount" },
        defaults: { replicas: 2, nodeSelector: {}, tolerations: [], affinity: {} },
      },
    ],
  },
  {
    chart: "karpenter",
    version: "1.9.2",
    // "Stable Release updates Release v1.9.2." (the commit after tag v1.9.2 that stamps 1.9.2 into
    // Chart.yaml and the image tag): charts/karpenter/values.yaml, and charts/karpenter/crds/
    // (links to pkg/apis/crds/), which gained NodeOverlay (karpenter.sh/v1alpha1) after 1.5.0. Its
    // zone topologySpreadConstraints (as in 1.5.0) are not modelled by the checks (scheduling.ts).
    source: "https://github.com/aws/karpenter-provider-aws/blob/235f98ef077eb700b80a99dfbba9457e69dbaa38/charts/karpenter/values.yaml",
    crds: [
      { group: "karpenter.k8s.aws", kind: "EC2NodeClass" },
      { group: "karpenter.sh", kind: "NodeClaim" },
      { group: "karpenter.sh", kind: "NodeOverlay" },
      { group: "karpenter.sh", kind: "NodePool" },
    ],
    workloads: [
      {
        name: "karpenter",
        keys: standardKeys,
        defaults: {
          replicas: 2,
          nodeSelector: { "kubernetes.io/os": "linux" },
          tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
          // Never on nodes Karpenter launched itself, and one replica per node.
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }] }],
              },
            },
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] },
          },
        },
      },
    ],
  },
  {
    chart: "metrics-server",
    version: "3.13.0",
    // Tag metrics-server-helm-chart-3.13.0.
    source:
      "https://github.com/kubernetes-sigs/metrics-server/blob/1a64100c33acf2d7dfa4439f20c75bc64d86983f/charts/metrics-server/values.yaml",
    crds: [],
    workloads: [{ name: "metrics-server", keys: standardKeys, defaults: { replicas: 1, nodeSelector: {}, tolerations: [], affinity: {} } }],
  },
  {
    chart: "keda",
    version: "2.20.2",
    // "prepare v2.20.2 release (#895)": keda/values.yaml, keda/templates/crds/ (CRDs as templates,
    // gated by crds.install) and the three Deployments' templates (manager/, metrics-server/,
    // webhooks/deployment.yaml), each writing nodeSelector kubernetes.io/os: linux and falling
    // back to the chart-wide nodeSelector, tolerations and affinity when its own are empty.
    source: "https://github.com/kedacore/charts/blob/cbb9bb8ce0809dc9048f72302f7c09765d66ed56/keda/values.yaml",
    crds: [
      { group: "eventing.keda.sh", kind: "CloudEventSource" },
      { group: "eventing.keda.sh", kind: "ClusterCloudEventSource" },
      { group: "keda.sh", kind: "ClusterTriggerAuthentication" },
      { group: "keda.sh", kind: "ScaledJob" },
      { group: "keda.sh", kind: "ScaledObject" },
      { group: "keda.sh", kind: "TriggerAuthentication" },
    ],
    crdsTemplated: { key: "crds.install", default: true },
    workloads: (["operator", "metricsServer", "webhooks"] as const).map((component) => ({
      name: { operator: "keda-operator", metricsServer: "keda-operator-metrics-apiserver", webhooks: "keda-admission-webhooks" }[component],
      keys: {
        replicas: `${component}.replicaCount`,
        nodeSelector: `${component}.nodeSelector`,
        tolerations: `${component}.tolerations`,
        affinity: `${component}.affinity`,
      },
      defaults: { replicas: 1, nodeSelector: {}, tolerations: [], affinity: {} },
      fallbacks: {
        keys: { nodeSelector: "nodeSelector", tolerations: "tolerations", affinity: "affinity" },
        defaults: { nodeSelector: {}, tolerations: [], affinity: {} },
      },
      fixedNodeSelector: { "kubernetes.io/os": "linux" },
      ...(component === "operator" ? {} : { enabled: { key: `${component}.enabled`, default: true } }),
    })),
  },
];

export function chartFacts(chart: string, version: string): ChartFacts | undefined {
  return CHART_FACTS.find((c) => c.chart === chart && c.version === version);
}

/**
 * Helm's merge of a release's values over the chart's defaults (helm.sh/helm/v3 pkg/chartutil
 * coalesce.go): maps merge key by key, anything else (lists included) is replaced, and `null`
 * deletes the default.
 */
export function coalesce(defaults: unknown, user: unknown): unknown {
  if (user === undefined) return defaults;
  if (user === null) return undefined;
  if (isMap(defaults) && isMap(user)) {
    const result: Record<string, unknown> = { ...defaults };
    for (const [key, value] of Object.entries(user)) {
      const merged = coalesce(defaults[key], value);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    }
    return result;
  }
  return user;
}

/** The value at a dotted path of a values map (`operator.replicaCount`), undefined when absent. */
export function valueAt(values: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => (isMap(v) ? v[key] : undefined), values);
}

/** Helm's `default`: the value when it is non-empty (not null, "", 0, false, [] or {}), else the fallback. */
export function helmDefault(value: unknown, fallback: unknown): unknown {
  const empty =
    value === undefined ||
    value === null ||
    value === "" ||
    value === 0 ||
    value === false ||
    (Array.isArray(value) && value.length === 0) ||
    (isMap(value) && Object.keys(value).length === 0);
  return empty ? fallback : value;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
