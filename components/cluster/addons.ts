import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ClusterSettings } from "../config/tiers/cluster";
import { podIdentityTrustPolicy } from "../shared/iam";

/** EKS add-on names by config key. The first three must run before nodes can become Ready. */
export const ADDON_NAMES: Readonly<Record<keyof ClusterSettings["addons"], string>> = {
  vpcCni: "vpc-cni",
  kubeProxy: "kube-proxy",
  podIdentityAgent: "eks-pod-identity-agent",
  coredns: "coredns",
  ebsCsiDriver: "aws-ebs-csi-driver",
  cloudwatchObservability: "amazon-cloudwatch-observability",
};
const BEFORE_NODES = ["vpcCni", "kubeProxy", "podIdentityAgent"] as const;
/** Service accounts of the add-ons with Pod Identity roles; the add-ons run in kube-system and amazon-cloudwatch. */
const EBS_CSI_SERVICE_ACCOUNT = "ebs-csi-controller-sa";
const CLOUDWATCH_AGENT_SERVICE_ACCOUNT = "cloudwatch-agent";

export interface AddonsArgs {
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's ARN: the add-ons' Pod Identity roles trust only its pods. */
  readonly clusterArn: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  readonly versions: ClusterSettings["addons"];
  /** Installs amazon-cloudwatch-observability (Container Insights) after the nodes. */
  readonly containerInsights: boolean;
  /** Retention of the Container Insights log groups. */
  readonly logRetentionDays: number;
}

/** The log groups Container Insights writes to (metrics as embedded logs, and Fluent Bit's container logs). */
const CONTAINER_INSIGHTS_LOG_GROUPS = ["application", "dataplane", "host", "performance"] as const;

export interface Addons {
  /** Networking and the Pod Identity agent: nodes wait for these. */
  readonly beforeNodes: aws.eks.Addon[];
  /** One of `beforeNodes`: pods using Pod Identity must start after it. */
  readonly podIdentityAgent: aws.eks.Addon;
  /**
   * Declares the add-ons whose pods need nodes to run on: CoreDNS and the EBS CSI driver (`ready`,
   * what in-cluster software waits for) and, when enabled, Container Insights (nothing waits for it).
   */
  readonly afterNodes: (nodes: pulumi.Resource) => { readonly ready: aws.eks.Addon[]; readonly containerInsights?: aws.eks.Addon };
}

/**
 * The cluster's managed add-ons at the configured versions; the EBS CSI driver and the CloudWatch
 * agent (Container Insights) each get a Pod Identity role.
 */
export function createAddons(name: string, args: AddonsArgs, parent: pulumi.Resource): Addons {
  const addon = (key: keyof ClusterSettings["addons"], extra: Partial<aws.eks.AddonArgs>, dependsOn: pulumi.Resource[]) =>
    new aws.eks.Addon(
      `${name}-${ADDON_NAMES[key]}`,
      {
        clusterName: args.clusterName,
        addonName: ADDON_NAMES[key],
        addonVersion: args.versions[key],
        // Take over what EKS may have installed; later, keep settings someone changed by hand.
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        ...extra,
      },
      { parent, dependsOn },
    );

  const beforeNodes = BEFORE_NODES.map((key) => addon(key, {}, []));
  const podIdentityAgent = beforeNodes[BEFORE_NODES.indexOf("podIdentityAgent")];

  // A role the add-on's service account (in the add-on's namespace) assumes through Pod Identity, with one AWS managed policy.
  const podIdentityRole = (role: string, description: string, policyArn: string, namespace: string, serviceAccount: string) => {
    const assumeRolePolicy = pulumi
      .all([args.accountId, args.clusterArn])
      .apply(([accountId, clusterArn]) => podIdentityTrustPolicy({ accountId, clusterArn, namespace, serviceAccount }));
    const iamRole = new aws.iam.Role(`${name}-${role}`, { description, assumeRolePolicy }, { parent });
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-${role}`, { role: iamRole.name, policyArn }, { parent });
    return { arn: iamRole.arn, attachment };
  };

  const afterNodes = (nodes: pulumi.Resource) => {
    const ebs = podIdentityRole(
      "ebs-csi",
      "EBS CSI controller (EKS Pod Identity)",
      "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
      "kube-system",
      EBS_CSI_SERVICE_ACCOUNT,
    );
    const ready = [
      addon("coredns", {}, [nodes]),
      addon("ebsCsiDriver", { podIdentityAssociations: [{ roleArn: ebs.arn, serviceAccount: EBS_CSI_SERVICE_ACCOUNT }] }, [
        nodes,
        ebs.attachment,
        podIdentityAgent,
      ]),
    ];
    if (!args.containerInsights) return { ready };
    // The CloudWatch agent and Fluent Bit both run as amazon-cloudwatch/cloudwatch-agent.
    const agent = podIdentityRole(
      "cloudwatch-agent",
      "CloudWatch agent of Container Insights (EKS Pod Identity)",
      "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
      "amazon-cloudwatch",
      CLOUDWATCH_AGENT_SERVICE_ACCOUNT,
    );
    // The agent would create these without a retention period, growing (and billing) forever:
    // created first, they keep the cluster's log retention.
    const logGroups = CONTAINER_INSIGHTS_LOG_GROUPS.map(
      (group) =>
        new aws.cloudwatch.LogGroup(
          `${name}-container-insights-${group}`,
          { name: pulumi.interpolate`/aws/containerinsights/${args.clusterName}/${group}`, retentionInDays: args.logRetentionDays },
          { parent },
        ),
    );
    const containerInsights = addon(
      "cloudwatchObservability",
      { podIdentityAssociations: [{ roleArn: agent.arn, serviceAccount: CLOUDWATCH_AGENT_SERVICE_ACCOUNT }] },
      [nodes, agent.attachment, podIdentityAgent, ...logGroups],
    );
    return { ready, containerInsights };
  };
  return { beforeNodes, podIdentityAgent, afterNodes };
}
