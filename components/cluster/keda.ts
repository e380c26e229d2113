import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Grant, Statement } from "../shared/grants";
import { podIdentityTrustPolicy, policyDocument } from "../shared/iam";
import { KEDA } from "./keda-release";

export interface KedaArgs {
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's ARN: the operator role's trust names it (Pod Identity session tags). */
  readonly clusterArn: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  /**
   * What the operator may read: the region's Queues grant for its scaled main queues
   * (`queues.grantReadAttributes(names)`: queue depth only, never a DLQ).
   */
  readonly queueGrant: Grant;
  /** Operator replicas: one is active (leader election), a second only shortens a failover. @default 1 */
  readonly operatorReplicas?: number;
  readonly kubernetesProvider: k8s.Provider;
  /** What the release waits for: the system nodes its pods run on, and the Pod Identity agent. @default [] */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** What the operator may do: read the backlog of its queues (the aws-sqs-queue scaler's only call). */
export function kedaOperatorPolicy(statements: readonly Statement[]): string {
  if (statements.length === 0) throw new Error("the KEDA operator needs a queue to read");
  return policyDocument(statements);
}

/**
 * KEDA in one cluster: the operator (which runs every scaler), its metrics API server (the
 * external metrics the HPAs it creates read) and admission webhooks, on the system nodes. The
 * operator authenticates to SQS with EKS Pod Identity: TriggerAuthentications use provider `aws`
 * with identityOwner `keda`, so KEDA uses the operator's own credentials (its default AWS
 * credential chain, which reads the Pod Identity endpoint), and this role may only read the
 * attributes of the region's scaled queues. (identityOwner `workload` reads the IRSA annotation
 * of the workload's service account, which Pod Identity does not use: kedacore/keda v2.20.2
 * pkg/scaling/resolver/scale_resolvers.go and pkg/scalers/aws/aws_config_cache.go.) Its SDK,
 * aws-sdk-go-v2 config v1.32.18 (KEDA v2.20.2 go.mod), is past the Pod Identity minimum (Go v2
 * release-2023-11-14, EKS User Guide pod-id-minimum-sdk).
 */
export class Keda extends pulumi.ComponentResource {
  public readonly operatorRoleArn: pulumi.Output<string>;
  /** The Helm release: its CRDs (ScaledObject, TriggerAuthentication) exist once it is deployed. */
  public readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: KedaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:Keda", name, {}, opts);
    const operatorReplicas = args.operatorReplicas ?? 1;

    const role = new aws.iam.Role(
      `${name}-operator`,
      {
        description: "KEDA operator (EKS Pod Identity): reads the depth of the region's scaled SQS queues",
        assumeRolePolicy: pulumi
          .all([args.accountId, args.clusterArn])
          .apply(([accountId, clusterArn]) =>
            podIdentityTrustPolicy({ accountId, clusterArn, namespace: KEDA.namespace, serviceAccount: KEDA.operatorServiceAccount }),
          ),
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-operator`,
      { role: role.name, policy: args.queueGrant.apply(kedaOperatorPolicy) },
      { parent: this },
    );
    const association = new aws.eks.PodIdentityAssociation(
      `${name}-operator`,
      { clusterName: args.clusterName, namespace: KEDA.namespace, serviceAccount: KEDA.operatorServiceAccount, roleArn: role.arn },
      { parent: this },
    );

    this.release = new k8s.helm.v3.Release(
      `${name}-release`,
      {
        name: "keda",
        chart: KEDA.chart,
        repositoryOpts: { repo: KEDA.repo },
        version: KEDA.version,
        namespace: KEDA.namespace,
        createNamespace: true,
        cleanupOnFail: true,
        maxHistory: 10,
        values: {
          // The chart installs its CRDs as templates (templates/crds/, gated by crds.install).
          crds: { install: true },
          operator: { replicaCount: operatorReplicas },
          podDisruptionBudget: operatorReplicas > 1 ? { operator: { minAvailable: 1 } } : {},
          serviceAccount: { operator: { create: true, name: KEDA.operatorServiceAccount } },
          // Every KEDA pod runs on the system nodes, which only admit critical add-ons (the chart
          // uses these when a component sets none of its own: `operator.tolerations | default .Values.tolerations`).
          tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
        },
      },
      {
        parent: this,
        provider: args.kubernetesProvider,
        // The operator's pods get their credentials when they start: the association comes first.
        dependsOn: [association, policy, ...(args.dependsOn ?? [])],
      },
    );

    this.operatorRoleArn = role.arn;
    this.registerOutputs({ operatorRoleArn: this.operatorRoleArn });
  }
}
