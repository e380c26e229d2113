import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountSettings } from "../config/tiers/account";

/**
 * The service-linked roles this stack relies on, how each comes to exist, and what needs it. AWS
 * creates most on first use, in the caller's name (the caller needs iam:CreateServiceLinkedRole);
 * the EC2 Spot role is the exception that bites: Karpenter launches spot capacity through
 * CreateFleet with its own role, which may not create it, and the launch fails with
 * "AuthFailure.ServiceLinkedRoleCreationNotPermitted" (Karpenter docs, troubleshooting.md "Missing
 * Service Linked Role"; EC2 User Guide, Spot: "If you use the AWS CLI or an API ... you must
 * ensure that these roles exist").
 */
export interface ServiceLinkedRole {
  readonly service: string;
  readonly roleName: string;
  /** Who makes AWS create it on first use: the deployer's own call, or nobody (it must exist). */
  readonly firstUse: "deployer" | "never";
  readonly source: string;
}

export const SERVICE_LINKED_ROLES: readonly ServiceLinkedRole[] = [
  {
    service: "spot.amazonaws.com",
    roleName: "AWSServiceRoleForEC2Spot",
    firstUse: "never",
    source: "Karpenter docs troubleshooting.md (Missing Service Linked Role); EC2 User Guide, service-linked role for Spot Instances",
  },
  {
    service: "eks.amazonaws.com",
    roleName: "AWSServiceRoleForAmazonEKS",
    firstUse: "deployer",
    source: "EKS User Guide, using-service-linked-roles-eks (created when you create a cluster)",
  },
  {
    service: "eks-nodegroup.amazonaws.com",
    roleName: "AWSServiceRoleForAmazonEKSNodegroup",
    firstUse: "deployer",
    source: "EKS User Guide, using-service-linked-roles-eks-nodegroups (created with the first managed node group)",
  },
  {
    service: "autoscaling.amazonaws.com",
    roleName: "AWSServiceRoleForAutoScaling",
    firstUse: "deployer",
    source:
      "EC2 Auto Scaling User Guide, autoscaling-service-linked-role (created with the first Auto Scaling group; EKS node groups make one)",
  },
  {
    service: "elasticloadbalancing.amazonaws.com",
    roleName: "AWSServiceRoleForElasticLoadBalancing",
    firstUse: "deployer",
    source: "ELB User Guide, elb-service-linked-roles (created with the first load balancer)",
  },
  {
    service: "rds.amazonaws.com",
    roleName: "AWSServiceRoleForRDS",
    firstUse: "deployer",
    source: "RDS User Guide, UsingWithRDS.IAM.ServiceLinkedRoles (created with the first DB instance)",
  },
  {
    service: "elasticache.amazonaws.com",
    roleName: "AWSServiceRoleForElastiCache",
    firstUse: "deployer",
    source: "ElastiCache User Guide, using-service-linked-roles (created with the first cache cluster)",
  },
];

/**
 * Declares the service-linked roles the stack's account config says this stack creates. IAM is
 * global: pass the stack's global provider. They are kept on `pulumi destroy` (retainOnDelete):
 * other stacks of the account may rely on them, and AWS refuses to delete a role still in use.
 */
export function declareServiceLinkedRoles(
  account: AccountSettings,
  opts: pulumi.CustomResourceOptions,
): ReadonlyMap<string, aws.iam.ServiceLinkedRole> {
  const roles = new Map<string, aws.iam.ServiceLinkedRole>();
  for (const [service, how] of Object.entries(account.serviceLinkedRoles)) {
    if (how !== "create") continue;
    const name = `service-linked-role-${service.replace(/\.amazonaws\.com$/, "")}`;
    roles.set(
      service,
      new aws.iam.ServiceLinkedRole(
        name,
        { awsServiceName: service, description: "Declared by this stack for the account" },
        { ...opts, retainOnDelete: true },
      ),
    );
  }
  return roles;
}
