import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../shared/iam";

/**
 * The AWS managed policies an EKS worker node needs, and no more: join the cluster, pull images,
 * and run the VPC CNI (which uses the node role; the other add-ons get Pod Identity roles).
 */
export const NODE_MANAGED_POLICIES = {
  worker: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  ecr: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
  cni: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
} as const;

/**
 * An EC2 node role with exactly the managed policies above. No `aws:SourceAccount` condition:
 * EC2 does not send it when an instance assumes its role, so such a condition locks nodes out.
 */
export function nodeRole(name: string, description: string, parent: pulumi.Resource): NodeRole {
  const role = new aws.iam.Role(name, { description, assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com") }, { parent });
  const attachments = Object.entries(NODE_MANAGED_POLICIES).map(
    ([key, policyArn]) => new aws.iam.RolePolicyAttachment(`${name}-${key}`, { role: role.name, policyArn }, { parent }),
  );
  return { role, attachments };
}

export interface NodeRole {
  readonly role: aws.iam.Role;
  /** Nodes must not launch before these exist, or they fail to join. */
  readonly attachments: readonly aws.iam.RolePolicyAttachment[];
}
