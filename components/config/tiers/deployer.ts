import { z } from "zod";
import { Cidr, contains, isDocumentationBlock, parseCidr } from "../../../policies/lib/cidr";
import { Environment, IssueReporter, describe, nonEmptyString } from "./common";

/**
 * Where `pulumi up` runs (`platform:deployer`), and so how it reaches each cluster's Kubernetes
 * API: every Helm release, Namespace, NodePool, EC2NodeClass and TargetGroupBinding is sent there.
 *
 * Only `public-endpoint` is offered. The stack creates its VPCs in the same `pulumi up` that
 * installs into the clusters, so no runner, peering or VPN can be inside (or routed into) them
 * when the first deploy reaches its Kubernetes objects: the deployer's public egress addresses are
 * allow-listed on each cluster's public endpoint (the private endpoint stays on for the nodes).
 */
export const DEPLOYER_PATHS = ["public-endpoint"] as const;

/**
 * EKS refuses more public access CIDRs per cluster (service quota L-93A74D60, not adjustable:
 * https://docs.aws.amazon.com/general/latest/gr/eks.html#limits_eks).
 */
export const MAX_PUBLIC_ACCESS_CIDRS = 40;

export const deployerSettings = z.strictObject({
  /** How the deployer reaches the cluster APIs. */
  via: z.enum(DEPLOYER_PATHS, {
    error: (i) =>
      `must be public-endpoint, got ${describe(i.input)}: this stack creates the VPCs in the same deploy that installs into the clusters, so no runner, peering or VPN can be inside them yet; the deployer's egress CIDRs are allow-listed on the public endpoint instead`,
  }),
  /** Public egress ranges of the machines that run `pulumi up` (CI runners' NAT gateway, VPN egress). */
  cidrs: z
    .array(nonEmptyString("an IPv4 CIDR block"), { error: (i) => `must be a list of IPv4 CIDR blocks, got ${describe(i.input)}` })
    .min(1, { error: "must list the public egress CIDR(s) deploys run from (e.g. the CI runners' NAT address as a /32)" }),
});
export type DeployerSettings = z.infer<typeof deployerSettings>;

/**
 * Ranges that are never the source address of a connection from the internet (RFC 6890 special
 * purpose blocks): a deployer there reaches a public endpoint from its NAT's public address.
 */
const NOT_ON_THE_INTERNET: readonly [string, string][] = [
  ["0.0.0.0/8", '"this network"'],
  ["10.0.0.0/8", "private (RFC 1918)"],
  ["100.64.0.0/10", "carrier-grade NAT (RFC 6598)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private (RFC 1918)"],
  ["192.168.0.0/16", "private (RFC 1918)"],
  ["198.18.0.0/15", "benchmarking (RFC 2544)"],
  ["224.0.0.0/3", "multicast and reserved"],
];

/**
 * The deployer CIDRs that are documentation placeholders (RFC 5737, policies/lib/cidr.ts
 * DOCUMENTATION_RANGES), not real egress addresses: fine in committed stacks, flagged by the plan.
 */
export function placeholderCidrs(deployer: DeployerSettings): string[] {
  return deployer.cidrs.filter((text) => {
    const block = parseCidr(text);
    return typeof block !== "string" && isDocumentationBlock(block);
  });
}

/** The CIDRs a cluster's public endpoint admits: the deployer's, then the region's own extra ones. */
export function publicAccessCidrsOf(deployer: DeployerSettings, extra: readonly string[]): string[] {
  return [...new Set([...deployer.cidrs, ...extra])];
}

/** Paths are relative to `deployer`; region-level limits are reported on the region's key. */
export function checkDeployer(
  deployer: DeployerSettings,
  context: { readonly environment: Environment; readonly regions: readonly { readonly publicAccessCidrs: readonly string[] }[] },
  report: IssueReporter,
  reportRegion: (index: number, message: string) => void,
): void {
  deployer.cidrs.forEach((text, index) => {
    const block = parseCidr(text, 4);
    if (typeof block === "string") {
      report(["cidrs", index], block);
      return;
    }
    const reserved = NOT_ON_THE_INTERNET.find(([range]) => contains(parseCidr(range) as Cidr, block));
    if (reserved) {
      report(
        ["cidrs", index],
        `${text} is a ${reserved[1]} range (inside ${reserved[0]}): connections to the public API endpoint come from the deployer's public (NAT) address; list that one`,
      );
    }
  });
  context.regions.forEach((region, index) => {
    const count = publicAccessCidrsOf(deployer, region.publicAccessCidrs).length;
    if (count > MAX_PUBLIC_ACCESS_CIDRS) {
      reportRegion(
        index,
        `${count} public access CIDRs (deployer.cidrs plus this list) exceed EKS's limit of ${MAX_PUBLIC_ACCESS_CIDRS} per cluster (quota L-93A74D60, not adjustable)`,
      );
    }
  });
}

/** What the deployer setting leaves weaker than a production setup, printed by every plan. */
export function deployerNotices(deployer: DeployerSettings, extra: readonly string[] = []): string[] {
  const notices = [
    `deployer: each cluster's Kubernetes API endpoint is public, admitting only ${publicAccessCidrsOf(deployer, extra).join(", ")} ` +
      "(platform:deployer.cidrs and cluster.publicAccessCidrs; requests still need IAM credentials with an EKS access entry): " +
      "a private-only endpoint needs a deployer inside the VPC, which the first deploy of a stack that creates its VPCs cannot have",
  ];
  const placeholders = placeholderCidrs(deployer);
  if (placeholders.length > 0) {
    notices.push(
      `deployer: ${placeholders.join(", ")} in platform:deployer.cidrs ${placeholders.length === 1 ? "is a documentation placeholder" : "are documentation placeholders"} (RFC 5737): ` +
        "EKS refuses reserved ranges and no deployer has such an address; set the public egress address(es) of where `pulumi up` runs before the first deploy",
    );
  }
  return notices;
}
