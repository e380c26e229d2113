import { ClusterSettings } from "../config/tiers/cluster";

/**
 * The default NodePool and EC2NodeClass (Karpenter v1 APIs), pure so tests read them without
 * mocks. Names are fixed: the NodePool refers to the class by name.
 */
export const NODE_CLASS_NAME = "default";
export const NODE_POOL_NAME = "default";

export interface NodeClassSpecArgs {
  /** Instance profile of the Karpenter node role (ours, so the controller needs no IAM writes). */
  readonly instanceProfile: string;
  readonly subnetIds: readonly string[];
  /** The EKS cluster security group and the workload security group, by id. */
  readonly securityGroupIds: readonly string[];
  readonly volumeSizeGiB: number;
  readonly tags: Readonly<Record<string, string>>;
}

export function ec2NodeClassSpec(args: NodeClassSpecArgs): Record<string, unknown> {
  return {
    // EKS-optimized AL2023 for the node's architecture; Karpenter resolves the alias per launch.
    amiSelectorTerms: [{ alias: "al2023@latest" }],
    instanceProfile: args.instanceProfile,
    subnetSelectorTerms: args.subnetIds.map((id) => ({ id })),
    securityGroupSelectorTerms: args.securityGroupIds.map((id) => ({ id })),
    // IMDSv2 only, hop limit 1: pods get AWS credentials from Pod Identity, never from the node.
    metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [
      {
        deviceName: "/dev/xvda",
        rootVolume: true,
        ebs: { volumeSize: `${args.volumeSizeGiB}Gi`, volumeType: "gp3", encrypted: true, deleteOnTermination: true },
      },
    ],
    tags: { ...args.tags },
  };
}

export function nodePoolSpec(settings: ClusterSettings["karpenter"]): Record<string, unknown> {
  return {
    template: {
      metadata: { labels: { "platform.io/pool": "general" } },
      spec: {
        nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: NODE_CLASS_NAME },
        requirements: [
          { key: "karpenter.k8s.aws/instance-category", operator: "In", values: [...settings.instanceCategories] },
          { key: "karpenter.sh/capacity-type", operator: "In", values: [...settings.capacityTypes] },
          { key: "kubernetes.io/arch", operator: "In", values: ["arm64", "amd64"] },
          { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
          // Current generations only: older ones cost more per unit of work.
          { key: "karpenter.k8s.aws/instance-generation", operator: "Gt", values: ["5"] },
        ],
        // Nodes are replaced monthly, so they pick up patched AMIs.
        expireAfter: "720h",
      },
    },
    limits: { cpu: String(settings.cpuLimit), memory: `${settings.memoryLimitGiB}Gi` },
    disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m" },
  };
}
