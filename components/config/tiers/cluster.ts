import { z } from "zod";
import { parseCidr } from "../../../policies/lib/cidr";
import type { PackLimits } from "../pack-limits";
import { Environment, IssueReporter, flag, intBetween, nonEmptyString } from "./common";
import { dns1123Label, dns1123Subdomain } from "./kubernetes-names";
import { EKS_VERSIONS } from "../../cluster/versions";

const cidrList = z.array(nonEmptyString("an IPv4 CIDR block"), { error: "must be a list of IPv4 CIDR blocks" });

/** EKS per region: control plane, the system node group, Karpenter, the workload identity. */
export const clusterSettings = z.strictObject({
  /** Kubernetes minor version, e.g. "1.33". */
  version: z.string().regex(/^1\.(2[89]|3\d)$/, {
    error: (i) => `must be a Kubernetes version from 1.28 to 1.39 such as "1.33", got ${JSON.stringify(i.input)}`,
  }),
  /**
   * Networks besides the deployer's (`platform:deployer.cidrs`) that may reach the public API
   * endpoint, e.g. an office VPN for kubectl. Nodes use the private endpoint.
   */
  publicAccessCidrs: cidrList,
  /** Days CloudWatch keeps the control-plane logs (api, audit, authenticator, controllerManager, scheduler). */
  logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90), z.literal(180), z.literal(365)], {
    error: (issue) => `must be one of 7, 14, 30, 90, 180, 365 (CloudWatch retention periods), got ${String(issue.input)}`,
  }),
  /** IAM role ARNs given cluster-admin through EKS access entries. */
  adminRoleArns: z.array(
    z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/, {
      error: (i) => `must be an IAM role ARN like arn:aws:iam::111122223333:role/platform-admin, got ${JSON.stringify(i.input)}`,
    }),
  ),
  systemNodeGroup: z.strictObject({
    instanceTypes: z
      .array(
        z.string().regex(/^[a-z0-9]+\.[a-z0-9]+$/, {
          error: (i) => `must be an EC2 instance type such as "m7g.large", got ${JSON.stringify(i.input)}`,
        }),
      )
      .min(1, { error: "must list at least one instance type" }),
    minSize: intBetween(0, 100),
    desiredSize: intBetween(0, 100),
    maxSize: intBetween(1, 100),
    diskSizeGiB: intBetween(20, 1000),
  }),
  karpenter: z.strictObject({
    /** Karpenter Helm chart version. */
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, { error: (i) => `must be a chart version such as "1.5.0", got ${JSON.stringify(i.input)}` }),
    instanceCategories: z
      // No "t": burstable families are at most generation 4, which the NodePool's current-generation
      // requirement (instance-generation > 5) excludes, so listing them would silently do nothing.
      .array(
        z.enum(["c", "m", "r"], {
          error: (i) =>
            `must be one of c, m, r (burstable t instances are excluded by the NodePool's instance-generation > 5 requirement); got ${JSON.stringify(i.input)}`,
        }),
      )
      .min(1, { error: "must list at least one instance category" }),
    capacityTypes: z
      .array(z.enum(["on-demand", "spot"], { error: (i) => `must be on-demand or spot, got ${JSON.stringify(i.input)}` }))
      .min(1, { error: "must list at least one capacity type" }),
    /** Upper bound of vCPUs Karpenter may provision in the default NodePool. */
    cpuLimit: intBetween(1, 100000),
    /** Upper bound of memory (GiB) Karpenter may provision in the default NodePool. */
    memoryLimitGiB: intBetween(1, 1000000),
    /** Controller replicas (leader-elected; 2 keeps node provisioning alive through a node loss). */
    replicas: intBetween(1, 3),
  }),
  /** metrics-server, which HorizontalPodAutoscalers read CPU and memory from. */
  metricsServer: z.strictObject({
    /** metrics-server Helm chart version. */
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, { error: (i) => `must be a chart version such as "3.13.0", got ${JSON.stringify(i.input)}` }),
    replicas: intBetween(1, 3),
  }),
  /** EKS managed add-on versions (e.g. "v1.19.2-eksbuild.1"). */
  addons: z.strictObject({
    vpcCni: nonEmptyString("an add-on version"),
    coredns: nonEmptyString("an add-on version"),
    kubeProxy: nonEmptyString("an add-on version"),
    podIdentityAgent: nonEmptyString("an add-on version"),
    ebsCsiDriver: nonEmptyString("an add-on version"),
    /** amazon-cloudwatch-observability (CloudWatch agent and Fluent Bit); installed only with `containerInsights`. */
    cloudwatchObservability: nonEmptyString("an add-on version"),
  }),
  /**
   * Container Insights through the amazon-cloudwatch-observability add-on: node and pod metrics,
   * including the `node_cpu_limit` the Karpenter capacity alarm reads (no add-on, no alarm).
   */
  containerInsights: flag(),
  /** The Kubernetes service account the application runs as; it gets the workload IAM role. */
  workload: z.strictObject({
    namespace: dns1123Label("a Kubernetes namespace name"),
    serviceAccount: dns1123Subdomain("a Kubernetes service account name"),
  }),
});
export type ClusterSettings = z.infer<typeof clusterSettings>;

/**
 * Kubernetes 1.35: 1.33 left EKS standard support on 2026-07-29 and 1.34 on 2026-12-02; 1.35 has
 * it until 2027-03-27 (EKS_VERSIONS). The add-on builds and Karpenter are rows of the same tables
 * (components/cluster/versions.ts), so the addon-versions deploy check vouches for the defaults.
 */
const KUBERNETES_VERSION = "1.35";
const KARPENTER_VERSION = "1.9.2";
const addons = {
  vpcCni: "v1.21.1-eksbuild.7",
  coredns: "v1.13.2-eksbuild.4",
  kubeProxy: "v1.35.3-eksbuild.2",
  podIdentityAgent: "v1.3.10-eksbuild.2",
  ebsCsiDriver: "v1.58.0-eksbuild.1",
  cloudwatchObservability: "v6.0.1-eksbuild.1",
};

export const clusterDefaults: Record<Environment, ClusterSettings> = {
  dev: {
    version: KUBERNETES_VERSION,
    publicAccessCidrs: [],
    logRetentionDays: 14,
    adminRoleArns: [],
    systemNodeGroup: { instanceTypes: ["t4g.large"], minSize: 1, desiredSize: 2, maxSize: 3, diskSizeGiB: 40 },
    karpenter: {
      version: KARPENTER_VERSION,
      instanceCategories: ["c", "m"],
      capacityTypes: ["spot", "on-demand"],
      cpuLimit: 32,
      memoryLimitGiB: 128,
      replicas: 1,
    },
    metricsServer: { version: "3.13.0", replicas: 1 },
    addons,
    containerInsights: true,
    workload: { namespace: "app", serviceAccount: "app" },
  },
  prod: {
    version: KUBERNETES_VERSION,
    publicAccessCidrs: [],
    logRetentionDays: 90,
    adminRoleArns: [],
    systemNodeGroup: { instanceTypes: ["m7g.large"], minSize: 3, desiredSize: 3, maxSize: 6, diskSizeGiB: 80 },
    karpenter: {
      version: KARPENTER_VERSION,
      instanceCategories: ["c", "m", "r"],
      capacityTypes: ["on-demand"],
      cpuLimit: 1000,
      memoryLimitGiB: 4000,
      replicas: 2,
    },
    metricsServer: { version: "3.13.0", replicas: 2 },
    addons,
    containerInsights: true,
    workload: { namespace: "app", serviceAccount: "app" },
  },
};

/** CPU architecture of an EC2 instance type: Graviton families carry a "g" after the generation (m7g, c7gn, t4g). */
export function architectureOf(instanceType: string): "arm64" | "x86_64" {
  const family = instanceType.split(".")[0];
  return /^[a-z]+\d+g[a-z]*$/.test(family) ? "arm64" : "x86_64";
}

export function checkCluster(cluster: ClusterSettings, limits: PackLimits, report: IssueReporter): void {
  const ng = cluster.systemNodeGroup;
  if (ng.minSize > ng.maxSize) report(["systemNodeGroup", "minSize"], `must be at most maxSize (${ng.maxSize}), got ${ng.minSize}`);
  else if (ng.desiredSize < ng.minSize || ng.desiredSize > ng.maxSize) {
    report(
      ["systemNodeGroup", "desiredSize"],
      `must be between minSize (${ng.minSize}) and maxSize (${ng.maxSize}), got ${ng.desiredSize}`,
    );
  }
  if (limits.nodeGroupHeadroom && ng.maxSize <= ng.minSize) {
    report(
      ["systemNodeGroup", "maxSize"],
      `must be greater than minSize (${ng.minSize}), so the group can scale out (policy autoscaling-bounds, requireHeadroom in ${limits.file}); got ${ng.maxSize}`,
    );
  }
  // One AMI type serves a managed node group, so its instance types must share an architecture.
  const architectures = new Set(ng.instanceTypes.map(architectureOf));
  if (architectures.size > 1) {
    report(
      ["systemNodeGroup", "instanceTypes"],
      `must all be Graviton (arm64, e.g. m7g.large) or all x86_64 (e.g. m7i.large): one node group runs one AMI type; got ${ng.instanceTypes.join(", ")}`,
    );
  }
  checkPublicAccess(cluster.publicAccessCidrs, report);
  if (!EKS_VERSIONS.some((v) => v.version === cluster.version)) {
    report(
      ["version"],
      `must be a Kubernetes version of the EKS release calendar (${EKS_VERSIONS.map((v) => v.version).join(", ")}; components/cluster/versions.ts), got "${cluster.version}"`,
    );
  }
  // EKS only accepts the kube-proxy build of the cluster's own minor version.
  if (!cluster.addons.kubeProxy.startsWith(`v${cluster.version}.`)) {
    report(
      ["addons", "kubeProxy"],
      `must be a kube-proxy build of the cluster version (v${cluster.version}.x-eksbuild.y), got ${JSON.stringify(cluster.addons.kubeProxy)}`,
    );
  }
}

/**
 * The extra networks that may reach the public API endpoint: IPv4 only (EKS refuses IPv6 public
 * access CIDRs on IPv4 clusters: VpcConfigRequest.publicAccessCidrs in the EKS API reference).
 * How much of the internet they admit, with the deployer's, is checked with the stack
 * (pack-checks.ts: checkPublicEndpoints).
 */
function checkPublicAccess(texts: readonly string[], report: IssueReporter): void {
  texts.forEach((text, index) => {
    const parsed = parseCidr(text, 4);
    if (typeof parsed !== "string") return;
    if (typeof parseCidr(text) !== "string") {
      report(
        ["publicAccessCidrs", index],
        `${parsed}: EKS accepts IPv6 public access CIDRs only on IPv6 clusters, and these clusters are IPv4`,
      );
    } else report(["publicAccessCidrs", index], parsed);
  });
}
