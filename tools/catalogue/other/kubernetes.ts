/** Kubernetes objects the platform installs: Helm releases, namespaces, service accounts and CRD instances. */
import { hex, uuid, uuidV4 } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { MockResourceContext, MockResourceResult } from "../../engine/mocks/types";
import { registry } from "../sources";
import { InputRule, TypeEntry, none } from "../types";

export const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
export const NAMESPACE = "kubernetes:core/v1:Namespace";
export const SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
export const NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
export const EC2_NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
export const TARGET_GROUP_BINDING = "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding";

const CREATED = "2026-01-01T00:00:00Z";
const NAMES = "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/";
const IN_CLUSTER = none("runs inside the cluster's nodes: priced with the nodes and control plane");
const NO_TRIGGERS = none("holds no data; the provider replaces it when its name or namespace changes (not catalogued)");
const NO_DATA = none("a Kubernetes object applied from code");
/** RFC 1123 label (namespaces) and DNS subdomain (most other objects). */
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** What the Kubernetes API server adds to every object's metadata. */
function kubeObject(ctx: MockResourceContext, namespaced: boolean): MockResourceResult {
  const metadata = (ctx.inputs.metadata ?? {}) as Record<string, unknown>;
  const name = typeof metadata.name === "string" ? metadata.name : `${ctx.name}-${hex(ctx.urn, 8)}`;
  const namespace = namespaced ? (typeof metadata.namespace === "string" ? metadata.namespace : "default") : undefined;
  return {
    id: namespace ? `${namespace}/${name}` : name,
    outputs: {
      metadata: {
        ...metadata,
        name,
        ...(namespace ? { namespace } : {}),
        uid: uuid(ctx.urn),
        resourceVersion: String(parseInt(hex(ctx.urn, 6), 16)),
        generation: 1,
        creationTimestamp: CREATED,
      },
    },
  };
}

/** `metadata.name` (and namespace) as the API server validates them. */
const objectName = (max: number, pattern: RegExp, what: string): InputRule => ({
  property: "metadata.name",
  rule: `${what}: at most ${max} lowercase letters, digits${pattern === SUBDOMAIN ? ", '.'" : ""} or '-', starting and ending with a letter or digit`,
  sources: [NAMES],
  check: (ctx) => {
    const problems: string[] = [];
    const name = ctx.inputs.metadata?.name;
    if (typeof name === "string" && (name.length > max || !pattern.test(name))) problems.push(`name "${name}"`);
    const namespace = ctx.inputs.metadata?.namespace;
    if (typeof namespace === "string" && (namespace.length > 63 || !LABEL.test(namespace))) problems.push(`namespace "${namespace}"`);
    return problems;
  },
});

export const kubernetesObject = (
  type: string,
  namespaced: boolean,
  pattern: RegExp,
  max: number,
  what: string,
  sources: readonly string[],
  seconds: number,
): TypeEntry => ({
  type,
  mock: (ctx) => kubeObject(ctx, namespaced),
  mockSources: sources,
  validation: [objectName(max, pattern, what)],
  creation: { seconds, source: `${sources[0]} (one API call; no readiness wait)` },
  price: IN_CLUSTER,
  replacement: NO_TRIGGERS,
  data: NO_DATA,
});

export const KUBERNETES_ENTRIES: readonly TypeEntry[] = [
  {
    type: HELM_RELEASE,
    mock: (ctx) => {
      const name = physicalName(ctx);
      const namespace = ctx.inputs.namespace ?? "default";
      const chart = String(ctx.inputs.chart).split("/").pop();
      const version = ctx.inputs.version ?? "0.0.0";
      return {
        id: `${namespace}/${name}`,
        outputs: { name, namespace, status: { name, namespace, chart, version, appVersion: version, revision: 1, status: "deployed" } },
      };
    },
    mockSources: [registry(HELM_RELEASE)],
    validation: [
      {
        property: "name",
        rule: "Helm release names are at most 53 characters, lowercase letters, digits, '-' or '.', starting and ending with a letter or digit",
        sources: ["https://github.com/helm/helm/blob/main/pkg/chartutil/validate_name.go"],
        check: (ctx) => {
          const name = String(ctx.outputs.name);
          return name.length > 53 || !SUBDOMAIN.test(name) ? `"${name}"` : undefined;
        },
      },
    ],
    // The provider waits for the release's resources to be ready (timeout 300 s): a small
    // controller chart is typically ready in about a minute (image pull, readiness probes).
    creation: {
      seconds: 60,
      source:
        "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/ (waits for readiness unless skipAwait; 300 s timeout)",
    },
    price: IN_CLUSTER,
    replacement: none("holds no data; the provider replaces a release when its name or namespace changes (not catalogued)"),
    data: NO_DATA,
  },
  {
    ...kubernetesObject(NAMESPACE, false, LABEL, 63, "namespace names are RFC 1123 labels", [registry(NAMESPACE), NAMES], 2),
    mock: (ctx) => {
      const result = kubeObject(ctx, false);
      return { ...result, outputs: { ...result.outputs, status: { phase: "Active" } } };
    },
  },
  kubernetesObject(SERVICE_ACCOUNT, true, SUBDOMAIN, 253, "object names are DNS subdomains", [registry(SERVICE_ACCOUNT), NAMES], 1),
  kubernetesObject(
    NODE_POOL,
    false,
    SUBDOMAIN,
    253,
    "object names are DNS subdomains",
    ["https://github.com/aws/karpenter-provider-aws/blob/main/pkg/apis/crds/karpenter.sh_nodepools.yaml", NAMES],
    1,
  ),
  kubernetesObject(
    EC2_NODE_CLASS,
    false,
    SUBDOMAIN,
    253,
    "object names are DNS subdomains",
    ["https://github.com/aws/karpenter-provider-aws/blob/main/pkg/apis/crds/karpenter.k8s.aws_ec2nodeclasses.yaml", NAMES],
    1,
  ),
  {
    ...kubernetesObject(
      TARGET_GROUP_BINDING,
      true,
      SUBDOMAIN,
      253,
      "object names are DNS subdomains",
      [
        "https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/main/config/crd/bases/elbv2.k8s.aws_targetgroupbindings.yaml",
        NAMES,
      ],
      2,
    ),
    mock: (ctx) => {
      const metadata = ctx.inputs.metadata ?? {};
      return {
        id: `${metadata.namespace ?? "default"}/${metadata.name}`,
        outputs: { metadata: { ...metadata, uid: uuidV4(ctx.urn), generation: 1 }, status: { observedGeneration: 1 } },
      };
    },
  },
];
