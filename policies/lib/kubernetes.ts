/**
 * Where a Kubernetes object lives: in the EKS cluster its provider's kubeconfig is built from.
 * The provider resource's `kubeconfig` depends on that cluster (a stack policy sees the link as a
 * property dependency), and the kubeconfig this program writes runs `aws eks get-token --region
 * <region>` (components/cluster/kubeconfig.ts), which serves when the link is absent.
 */
import type { PolicyResource } from "@pulumi/policy";
import { known } from "./channels";
import { ResidencyZoneTable } from "../residency-zones";
import { declaredZoneOf, regionOf, zoneOf } from "./resources";

const EKS_CLUSTER = "aws:eks/cluster:Cluster";

export interface ClusterPlacement {
  /** What the placement was read from, for messages. */
  readonly source: string;
  readonly region?: string;
  readonly zone?: string;
}

/** The cluster a Kubernetes object goes to, with its region and residency zone; undefined when it cannot be told. */
export function clusterPlacementOf(
  resource: PolicyResource,
  resources: readonly PolicyResource[],
  zones: ResidencyZoneTable,
): ClusterPlacement | undefined {
  const providerUrn = resource.provider?.urn;
  const provider = providerUrn === undefined ? undefined : resources.find((r) => r.urn === providerUrn);
  const cluster = (provider?.propertyDependencies.kubeconfig ?? []).find((d) => d.type === EKS_CLUSTER);
  if (cluster !== undefined) {
    const region = regionOf(cluster);
    return { source: `cluster ${cluster.name}`, region, zone: declaredZoneOf(cluster) ?? zoneOf(region, zones) };
  }
  const kubeconfig = known(() => resource.provider?.props.kubeconfig);
  const region = typeof kubeconfig === "string" ? /"--region",\s*"([a-z0-9-]+)"/.exec(kubeconfig)?.[1] : undefined;
  if (region === undefined) return undefined;
  return { source: `the kubeconfig of provider ${resource.provider?.name ?? "(default)"}`, region, zone: zoneOf(region, zones) };
}
