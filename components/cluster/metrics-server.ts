import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface MetricsServerArgs {
  /** metrics-server Helm chart version. */
  readonly version: string;
  /** @default 1; two (with a disruption budget) keep HPAs fed through a node drain. */
  readonly replicas?: number;
  readonly kubernetesProvider: k8s.Provider;
  /** What must run first (system nodes, CoreDNS). @default [] */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** metrics-server: the resource metrics API that HorizontalPodAutoscalers scale pods by. */
export class MetricsServer extends pulumi.ComponentResource {
  public readonly releaseStatus: pulumi.Output<string>;

  constructor(name: string, args: MetricsServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:MetricsServer", name, {}, opts);
    const replicas = args.replicas ?? 1;

    const release = new k8s.helm.v3.Release(
      `${name}-release`,
      {
        name: "metrics-server",
        chart: "metrics-server",
        repositoryOpts: { repo: "https://kubernetes-sigs.github.io/metrics-server/" },
        version: args.version,
        namespace: "kube-system",
        cleanupOnFail: true,
        maxHistory: 10,
        values: {
          replicas,
          podDisruptionBudget: { enabled: replicas > 1, minAvailable: 1 },
          // Runs on the system nodes, which only admit critical add-ons.
          tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
          resources: { requests: { cpu: "100m", memory: "200Mi" } },
        },
      },
      { parent: this, provider: args.kubernetesProvider, dependsOn: args.dependsOn },
    );

    this.releaseStatus = release.status.status;
    this.registerOutputs({ releaseStatus: this.releaseStatus });
  }
}
