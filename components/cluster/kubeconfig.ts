/**
 * A kubeconfig for one EKS cluster that authenticates with `aws eks get-token` (the deployer's
 * own AWS credentials, resolved at each call), so it holds no long-lived token. Pure: tested
 * without mocks.
 */
export interface KubeconfigArgs {
  readonly clusterName: string;
  readonly region: string;
  readonly endpoint: string;
  /** Base64 PEM of the cluster's certificate authority, as EKS returns it. */
  readonly certificateAuthorityData: string;
}

export function kubeconfigFor(args: KubeconfigArgs): string {
  const context = `${args.clusterName}.${args.region}`;
  // JSON is valid YAML: kubectl and the Kubernetes provider read it either way.
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: context, cluster: { server: args.endpoint, "certificate-authority-data": args.certificateAuthorityData } }],
    contexts: [{ name: context, context: { cluster: context, user: context } }],
    "current-context": context,
    users: [
      {
        name: context,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", args.clusterName, "--region", args.region, "--output", "json"],
            interactiveMode: "Never",
          },
        },
      },
    ],
  });
}
