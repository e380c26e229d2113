import { Cidr, contains, parseCidr } from "../../../policies/lib/cidr";
import { DeployerSettings, deployerSettings } from "../../../components/config/tiers/deployer";
import { Plan, PlannedResource } from "../../engine/model";
import { clusterOf, inputsOf, talksToKubernetes } from "../kubernetes";
import { DeployCheck, DeployFinding } from "../types";

const NAME = "kubernetes-api-reachable";

/** The stack's `<project>:deployer` as the program read it; undefined when absent or not valid. */
export function declaredDeployer(plan: Plan): DeployerSettings | undefined {
  const text = plan.config[`${plan.project}:deployer`];
  if (text === undefined) return undefined;
  try {
    const parsed = deployerSettings.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why the deployer cannot reach the cluster's API, or undefined when it can. EKS defaults
 * `endpointPublicAccess` to true and `publicAccessCidrs` to 0.0.0.0/0 when they are not set
 * (https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html).
 */
function unreachable(cluster: PlannedResource, deployer: DeployerSettings): string | undefined {
  const vpc = (inputsOf(cluster).vpcConfig ?? {}) as Record<string, unknown>;
  if (vpc.endpointPublicAccess === false)
    return "its API endpoint is private (endpointPublicAccess: false), and the deployer is outside the VPC";
  const admitted = ((vpc.publicAccessCidrs as unknown[] | undefined) ?? ["0.0.0.0/0"]).map((c) => parseCidr(String(c)));
  const outside = deployer.cidrs.filter((text) => {
    const block = parseCidr(text);
    return typeof block === "string" || !admitted.some((a) => typeof a !== "string" && contains(a as Cidr, block));
  });
  if (outside.length > 0) {
    return `its public endpoint admits only ${((vpc.publicAccessCidrs as unknown[]) ?? []).join(", ")}, not the deployer's ${outside.join(", ")}`;
  }
  return undefined;
}

/**
 * Every Kubernetes object and Helm release targets a cluster the declared deployer can reach: the
 * Kubernetes provider connects to the API endpoint from the machine running `pulumi up`.
 */
export const kubernetesApiReachable: DeployCheck = {
  name: NAME,
  description:
    "every Kubernetes object and Helm release goes to an EKS cluster whose API endpoint admits the deployer declared in platform:deployer",
  run({ plan }) {
    const findings: DeployFinding[] = [];
    const kube = plan.resources.filter(talksToKubernetes);
    if (kube.length === 0) return findings;
    const deployer = declaredDeployer(plan);
    // One finding per cluster (or provider), on the first resource sent there.
    const seen = new Set<string>();
    for (const r of kube) {
      const cluster = clusterOf(plan, r);
      const key = cluster?.urn ?? r.provider ?? "default";
      if (seen.has(key)) continue;
      seen.add(key);
      const count = kube.filter((k) => (clusterOf(plan, k)?.urn ?? k.provider ?? "default") === key).length;
      const sent = `${count} Kubernetes object(s) and Helm release(s), the first ${r.name},`;
      if (deployer === undefined) {
        findings.push({
          check: NAME,
          resource: r.urn,
          ...(cluster ? { related: cluster.urn } : {}),
          atDeploy: `${sent} cannot be shown to reach their cluster: the stack declares no valid ${plan.project}:deployer`,
          fix: `declare ${plan.project}:deployer (where \`pulumi up\` runs, e.g. { via: public-endpoint, cidrs: [<public egress>/32] })`,
        });
        continue;
      }
      if (cluster === undefined) {
        findings.push({
          check: NAME,
          resource: r.urn,
          atDeploy: `${sent} go through a Kubernetes provider whose kubeconfig does not come from an EKS cluster of this stack: the plan cannot tell whether the deployer reaches it`,
          fix: "give the provider the kubeconfig of a cluster declared in this stack (Cluster.kubernetesProvider)",
        });
        continue;
      }
      const reason = unreachable(cluster, deployer);
      if (reason === undefined) continue;
      findings.push({
        check: NAME,
        resource: r.urn,
        related: cluster.urn,
        atDeploy: `${sent} time out connecting to ${cluster.name}: ${reason}`,
        fix: `admit platform:deployer.cidrs on the cluster's public endpoint (endpointPublicAccess: true, publicAccessCidrs including ${deployer.cidrs.join(", ")}), as components/cluster/cluster.ts does`,
      });
    }
    return findings;
  },
};
