import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ClusterSettings } from "../config/tiers/cluster";
import { podIdentityTrustPolicy } from "./policies";

/** EKS add-on names by config key. The first three must run before nodes can become Ready. */
export const ADDON_NAMES: Readonly<Record<keyof ClusterSettings["addons"], string>> = {
  vpcCni: "vpc-cni",
  kubeProxy: "kube-proxy",
  podIdentityAgent: "eks-pod-identity-agent",
  coredns: "coredns",
  ebsCsiDriver: "aws-ebs-csi-driver",
};
const BEFORE_NODES = ["vpcCni", "kubeProxy", "podIdentityAgent"] as const;
const AFTER_NODES = ["coredns", "ebsCsiDriver"] as const;

export interface AddonsArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  readonly versions: ClusterSettings["addons"];
}

export interface Addons {
  /** Networking and the Pod Identity agent: nodes wait for these. */
  readonly beforeNodes: aws.eks.Addon[];
  /** One of `beforeNodes`: pods using Pod Identity must start after it. */
  readonly podIdentityAgent: aws.eks.Addon;
  /** Declares CoreDNS and the EBS CSI driver, whose pods need nodes to run on. */
  readonly afterNodes: (nodes: pulumi.Resource) => aws.eks.Addon[];
}

/** The cluster's managed add-ons at the configured versions; the EBS CSI driver gets a Pod Identity role. */
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

  const afterNodes = (nodes: pulumi.Resource) => {
    const ebsRole = new aws.iam.Role(
      `${name}-ebs-csi`,
      {
        description: "EBS CSI controller (EKS Pod Identity)",
        assumeRolePolicy: pulumi.output(args.accountId).apply(podIdentityTrustPolicy),
      },
      { parent },
    );
    const ebsPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-ebs-csi`,
      { role: ebsRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy" },
      { parent },
    );
    return AFTER_NODES.map((key) =>
      key === "ebsCsiDriver"
        ? addon(key, { podIdentityAssociations: [{ roleArn: ebsRole.arn, serviceAccount: "ebs-csi-controller-sa" }] }, [
            nodes,
            ebsPolicy,
            podIdentityAgent,
          ])
        : addon(key, {}, [nodes]),
    );
  };
  return { beforeNodes, podIdentityAgent, afterNodes };
}
