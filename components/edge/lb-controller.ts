import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrustPolicy } from "../shared/iam";
import type { OriginCluster } from "./regional-origin";

export const LBC_NAMESPACE = "kube-system";
export const LBC_SERVICE_ACCOUNT = "aws-load-balancer-controller";
export const LBC_CHART_REPO = "https://aws.github.io/eks-charts";

export interface LoadBalancerControllerArgs {
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  readonly cluster: OriginCluster;
  /** Chart version of `aws-load-balancer-controller`. */
  readonly chartVersion: string;
  /** The ALB target group (IP mode) the application's pods are registered into. */
  readonly targetGroupArn: pulumi.Input<string>;
  /** The application Service whose endpoints become targets. */
  readonly service: { readonly name: string; readonly port: number };
}

/**
 * The AWS Load Balancer Controller (Helm, Pod Identity) and one TargetGroupBinding that keeps the
 * application's pod IPs registered in the Pulumi-managed target group. The ALB itself is Pulumi's,
 * so the controller only registers targets: its IAM policy allows nothing else.
 */
export class LoadBalancerController extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: LoadBalancerControllerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:LoadBalancerController", name, {}, opts);
    const k8sOpts = { parent: this, provider: args.cluster.kubernetesProvider };

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `AWS Load Balancer Controller in ${args.region} (EKS Pod Identity): target registration only`,
        assumeRolePolicy: pulumi
          .all([args.accountId, args.cluster.clusterArn])
          .apply(([accountId, clusterArn]) =>
            podIdentityTrustPolicy({ accountId, clusterArn, namespace: LBC_NAMESPACE, serviceAccount: LBC_SERVICE_ACCOUNT }),
          ),
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      { role: role.name, policy: pulumi.output(args.targetGroupArn).apply(controllerPolicy) },
      { parent: this },
    );
    const association = new aws.eks.PodIdentityAssociation(
      `${name}-identity`,
      { clusterName: args.cluster.clusterName, namespace: LBC_NAMESPACE, serviceAccount: LBC_SERVICE_ACCOUNT, roleArn: role.arn },
      { parent: this },
    );

    const release = new k8s.helm.v3.Release(
      `${name}-release`,
      {
        name: "aws-load-balancer-controller",
        chart: "aws-load-balancer-controller",
        repositoryOpts: { repo: LBC_CHART_REPO },
        version: args.chartVersion,
        namespace: LBC_NAMESPACE,
        cleanupOnFail: true,
        maxHistory: 10,
        values: {
          clusterName: args.cluster.clusterName,
          // Nodes keep IMDS from pods (hop limit 1): region and VPC come from here.
          region: args.region,
          vpcId: args.vpcId,
          replicaCount: 2,
          serviceAccount: { create: true, name: LBC_SERVICE_ACCOUNT },
          // Only TargetGroupBindings: no IngressClass, and Services of type LoadBalancer stay untouched.
          createIngressClassResource: false,
          enableServiceMutatorWebhook: false,
          // Pod IPs from EndpointSlices: the v1 Endpoints API is deprecated since Kubernetes 1.33
          // (KEP-4974, warnings on every read); 2.13.4 still reads Endpoints unless told otherwise
          // (pkg/config/controller_config.go), and v2.14.0 made slices the default (#4353).
          enableEndpointSlices: true,
          // A cluster-critical controller: it runs on the system nodes, which admit only pods that
          // tolerate CriticalAddonsOnly (the chart tolerates nothing by default).
          tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
        },
      },
      // The release waits for its pods (default 300 s): the system nodes must exist first, and
      // the Pod Identity agent, which gives the controller its credentials.
      { ...k8sOpts, dependsOn: [association, policy, ...args.cluster.addonsReady] },
    );

    // The CRD comes with the chart.
    new k8s.apiextensions.CustomResource(
      `${name}-binding`,
      {
        apiVersion: "elbv2.k8s.aws/v1beta1",
        kind: "TargetGroupBinding",
        metadata: { name: `${args.service.name}-cdn-origin`, namespace: args.cluster.namespace },
        spec: {
          serviceRef: { name: args.service.name, port: args.service.port },
          targetGroupARN: args.targetGroupArn,
          targetType: "ip",
        },
      },
      { ...k8sOpts, dependsOn: [release] },
    );

    this.roleArn = role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}

/** Read what the controller reconciles; change only the one target group's registrations. */
export function controllerPolicy(targetGroupArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Describe",
        Effect: "Allow",
        Action: [
          "elasticloadbalancing:Describe*",
          "ec2:DescribeVpcs",
          "ec2:DescribeSubnets",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeInstances",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeAvailabilityZones",
        ],
        Resource: "*",
      },
      {
        Sid: "RegisterTargets",
        Effect: "Allow",
        Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
        Resource: targetGroupArn,
      },
    ],
  } satisfies aws.iam.PolicyDocument);
}
