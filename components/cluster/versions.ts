/**
 * Which versions go together on EKS, as sourced tables (never recalled): the Kubernetes release
 * calendar, the EKS add-on builds known to be offered for each Kubernetes version, and Karpenter's
 * compatibility matrix. The defaults in `config/tiers/cluster.ts` come from here, and the
 * `addon-versions` deploy check refuses a pairing no row vouches for. To add a version: add a row
 * with the page or file it was read from (an `aws eks describe-addon-versions --kubernetes-version
 * <v> --addon-name <name>` output is the authoritative source).
 */

/** Amazon EKS Kubernetes release calendar (dates UTC; extended support billing starts on the end-of-standard day). */
export interface EksVersion {
  readonly version: string;
  readonly eksRelease: string;
  readonly endOfStandardSupport: string;
  readonly endOfExtendedSupport: string;
  readonly source: string;
}

const EKS_CALENDAR = "EKS User Guide, kubernetes-versions.adoc, release calendar (awsdocs/amazon-eks-user-guide@0138560)";

export const EKS_VERSIONS: readonly EksVersion[] = [
  {
    version: "1.29",
    eksRelease: "2024-01-23",
    endOfStandardSupport: "2025-03-23",
    endOfExtendedSupport: "2026-03-23",
    source: EKS_CALENDAR,
  },
  {
    version: "1.30",
    eksRelease: "2024-05-23",
    endOfStandardSupport: "2025-07-23",
    endOfExtendedSupport: "2026-07-23",
    source: EKS_CALENDAR,
  },
  {
    version: "1.31",
    eksRelease: "2024-09-26",
    endOfStandardSupport: "2025-11-26",
    endOfExtendedSupport: "2026-11-26",
    source: EKS_CALENDAR,
  },
  {
    version: "1.32",
    eksRelease: "2025-01-23",
    endOfStandardSupport: "2026-03-23",
    endOfExtendedSupport: "2027-03-23",
    source: EKS_CALENDAR,
  },
  {
    version: "1.33",
    eksRelease: "2025-05-29",
    endOfStandardSupport: "2026-07-29",
    endOfExtendedSupport: "2027-07-29",
    source: EKS_CALENDAR,
  },
  {
    version: "1.34",
    eksRelease: "2025-10-02",
    endOfStandardSupport: "2026-12-02",
    endOfExtendedSupport: "2027-12-02",
    source: EKS_CALENDAR,
  },
  {
    version: "1.35",
    eksRelease: "2026-01-27",
    endOfStandardSupport: "2027-03-27",
    endOfExtendedSupport: "2028-03-27",
    source: "endoflife.date/amazon-eks (from the EKS calendar; 14 months standard + 12 extended, per kubernetes-versions.adoc)",
  },
];

/** The support phase of a Kubernetes version on a day (`YYYY-MM-DD`), or undefined when EKS does not list it. */
export function supportPhase(version: string, day: string): "standard" | "extended" | "ended" | undefined {
  const row = EKS_VERSIONS.find((v) => v.version === version);
  if (row === undefined) return undefined;
  if (day < row.endOfStandardSupport) return "standard";
  return day < row.endOfExtendedSupport ? "extended" : "ended";
}

/** EKS add-on names as the API spells them. */
export type AddonName =
  "vpc-cni" | "coredns" | "kube-proxy" | "eks-pod-identity-agent" | "aws-ebs-csi-driver" | "amazon-cloudwatch-observability";

export interface AddonRow {
  readonly addon: AddonName;
  /** The exact add-on version (`vX.Y.Z-eksbuild.N`). */
  readonly version: string;
  /** Kubernetes versions the source shows it offered for. */
  readonly kubernetes: readonly string[];
  readonly source: string;
}

const COREDNS_DOCS = "EKS User Guide, managing-coredns, 'CoreDNS versions' table";
const KUBE_PROXY_DOCS = "EKS User Guide, managing-kube-proxy, 'kube-proxy versions' table";
const VPC_CNI_DOCS = "EKS User Guide, managing-vpc-cni, 'Amazon VPC CNI versions' table";
/** An aws-cdk-lib/aws-eks-v2 project's add-on pins per KubernetesVersion (public code index, file 53053140239, 2026). */
const CDK_PINS_2026 = "public CDK EKS project's addonVersions map for KubernetesVersion.V1_30..V1_35 (code index file 53053140239)";
const PRE_135 = ["1.30", "1.31", "1.32", "1.33", "1.34", "1.35"];

export const ADDON_COMPATIBILITY: readonly AddonRow[] = [
  // vpc-cni: one build serves every supported Kubernetes version.
  { addon: "vpc-cni", version: "v1.21.1-eksbuild.7", kubernetes: PRE_135, source: CDK_PINS_2026 },
  {
    addon: "vpc-cni",
    version: "v1.20.1-eksbuild.3",
    kubernetes: ["1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33"],
    source: `${VPC_CNI_DOCS} (awsdocs/amazon-eks-user-guide@057948d)`,
  },
  // coredns: a minor line per range of Kubernetes versions.
  { addon: "coredns", version: "v1.14.2-eksbuild.4", kubernetes: ["1.35"], source: `${COREDNS_DOCS} (docs.amazonaws.cn en_us, 2026)` },
  {
    addon: "coredns",
    version: "v1.13.2-eksbuild.4",
    kubernetes: ["1.33", "1.34", "1.35"],
    source: `${COREDNS_DOCS} (docs.amazonaws.cn zh_cn, 2026); ${CDK_PINS_2026}`,
  },
  { addon: "coredns", version: "v1.12.4-eksbuild.1", kubernetes: ["1.33", "1.34"], source: `${COREDNS_DOCS} (docs.aws.amazon.com, 2025)` },
  {
    addon: "coredns",
    version: "v1.12.3-eksbuild.1",
    kubernetes: ["1.33"],
    source: `${COREDNS_DOCS} (awsdocs/amazon-eks-user-guide@057948d)`,
  },
  {
    addon: "coredns",
    version: "v1.11.4-eksbuild.22",
    kubernetes: ["1.29", "1.30", "1.31", "1.32"],
    source: `${COREDNS_DOCS} (awsdocs/amazon-eks-user-guide@057948d)`,
  },
  // kube-proxy: only builds of the cluster's own minor version.
  {
    addon: "kube-proxy",
    version: "v1.35.3-eksbuild.2",
    kubernetes: ["1.35"],
    source: `${KUBE_PROXY_DOCS} (docs.amazonaws.cn zh_cn, 2026); ${CDK_PINS_2026}`,
  },
  {
    addon: "kube-proxy",
    version: "v1.34.6-eksbuild.2",
    kubernetes: ["1.34"],
    source: `${KUBE_PROXY_DOCS} (docs.amazonaws.cn zh_cn, 2026); ${CDK_PINS_2026}`,
  },
  { addon: "kube-proxy", version: "v1.34.1-eksbuild.2", kubernetes: ["1.34"], source: `${KUBE_PROXY_DOCS} (docs.aws.amazon.com, 2025)` },
  {
    addon: "kube-proxy",
    version: "v1.33.10-eksbuild.2",
    kubernetes: ["1.33"],
    source: `${KUBE_PROXY_DOCS} (docs.amazonaws.cn zh_cn, 2026); ${CDK_PINS_2026}`,
  },
  { addon: "kube-proxy", version: "v1.33.5-eksbuild.2", kubernetes: ["1.33"], source: `${KUBE_PROXY_DOCS} (docs.aws.amazon.com, 2025)` },
  {
    addon: "kube-proxy",
    version: "v1.32.13-eksbuild.5",
    kubernetes: ["1.32"],
    source: `${KUBE_PROXY_DOCS} (docs.amazonaws.cn zh_cn, 2026); ${CDK_PINS_2026}`,
  },
  // eks-pod-identity-agent, aws-ebs-csi-driver, amazon-cloudwatch-observability: one build across versions.
  {
    addon: "eks-pod-identity-agent",
    version: "v1.3.10-eksbuild.2",
    kubernetes: ["1.31", "1.32", "1.33", "1.34", "1.35"],
    source: "aws-quickstart/cdk-eks-blueprints lib/addons/eks-pod-identity-agent/index.ts versionMap",
  },
  { addon: "eks-pod-identity-agent", version: "v1.3.10-eksbuild.3", kubernetes: PRE_135, source: CDK_PINS_2026 },
  { addon: "aws-ebs-csi-driver", version: "v1.58.0-eksbuild.1", kubernetes: PRE_135, source: CDK_PINS_2026 },
  { addon: "amazon-cloudwatch-observability", version: "v6.0.1-eksbuild.1", kubernetes: PRE_135, source: CDK_PINS_2026 },
];

/** The rows vouching for an add-on version on a Kubernetes version (empty: nothing does). */
export function addonRows(addon: string, version: string, kubernetes: string): AddonRow[] {
  return ADDON_COMPATIBILITY.filter((r) => r.addon === addon && r.version === version && r.kubernetes.includes(kubernetes));
}

/** The builds the table knows for an add-on on a Kubernetes version (what a fix may pick). */
export function knownAddonVersions(addon: string, kubernetes: string): string[] {
  return ADDON_COMPATIBILITY.filter((r) => r.addon === addon && r.kubernetes.includes(kubernetes)).map((r) => r.version);
}

/** Karpenter's compatibility matrix: the lowest Karpenter (chart and controller) per Kubernetes version. */
export const KARPENTER_MINIMUM: Readonly<Record<string, string>> = {
  "1.30": "0.37.0",
  "1.31": "1.0.5",
  "1.32": "1.2.0",
  "1.33": "1.5.0",
  "1.34": "1.6.0",
  "1.35": "1.9.0",
};
export const KARPENTER_SOURCE =
  "aws/karpenter-provider-aws website/content/en/docs/upgrading/compatibility.md, Compatibility Matrix (@1d92708, 2026-08-21)";

function semver(version: string): number[] {
  return version.replace(/^v/, "").split(/[.-]/).slice(0, 3).map(Number);
}

/** True when Karpenter `version` supports Kubernetes `kubernetes` per the matrix (false when the matrix has no column). */
export function karpenterSupports(version: string, kubernetes: string): boolean {
  const minimum = KARPENTER_MINIMUM[kubernetes];
  if (minimum === undefined) return false;
  const [a, b] = [semver(version), semver(minimum)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}
