import { SERVICE_LINKED_ROLES, ServiceLinkedRole } from "../../../components/shared/service-linked-roles";
import { Plan, PlannedResource } from "../../engine/model";
import { DeployCheck, DeployFinding } from "../types";
import { inputsOf } from "../plan-lookup";

/** Which planned resources make AWS use each service-linked role. */
const USERS: Readonly<Record<string, (r: PlannedResource) => boolean>> = {
  // A NodePool allowing spot makes Karpenter request spot capacity.
  "spot.amazonaws.com": (r) =>
    r.type === "kubernetes:karpenter.sh/v1:NodePool" &&
    ((inputsOf(r).spec?.template?.spec?.requirements ?? []) as { key: string; values?: string[] }[]).some(
      (q) => q.key === "karpenter.sh/capacity-type" && (q.values ?? []).includes("spot"),
    ),
  "eks.amazonaws.com": (r) => r.type === "aws:eks/cluster:Cluster",
  "eks-nodegroup.amazonaws.com": (r) => r.type === "aws:eks/nodeGroup:NodeGroup",
  "autoscaling.amazonaws.com": (r) => r.type === "aws:eks/nodeGroup:NodeGroup",
  "elasticloadbalancing.amazonaws.com": (r) => r.type === "aws:lb/loadBalancer:LoadBalancer",
  "rds.amazonaws.com": (r) => r.type === "aws:rds/instance:Instance",
  "elasticache.amazonaws.com": (r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup",
};

interface AccountFacts {
  readonly serviceLinkedRoles: Readonly<Record<string, string>>;
  readonly deployerCreatesServiceLinkedRoles: boolean;
}

/** The stack's `account` config as the program resolved it (defaults: nothing listed, deployer may create). */
function accountOf(plan: Plan): AccountFacts {
  const text = plan.config[`${plan.project}:account`];
  const value = text === undefined ? {} : (JSON.parse(text) as Partial<AccountFacts>);
  return {
    serviceLinkedRoles: value.serviceLinkedRoles ?? {},
    deployerCreatesServiceLinkedRoles: value.deployerCreatesServiceLinkedRoles ?? true,
  };
}

function declaredRole(plan: Plan, role: ServiceLinkedRole): PlannedResource | undefined {
  return plan.resources.find(
    (r) => r.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole" && inputsOf(r).awsServiceName === role.service,
  );
}

/**
 * Every service-linked role the stack relies on exists before the first resource that needs it:
 * declared by this stack and created first, stated to exist in the account, or created by AWS on
 * the deployer's first call when the deployer may (`platform:account`).
 */
export const serviceLinkedRolesCheck: DeployCheck = {
  name: "service-linked-roles",
  description:
    "each service-linked role the stack relies on (components/shared/service-linked-roles.ts) is declared first, stated to exist, or created on first use by a deployer allowed to",
  run({ plan, order }) {
    const account = accountOf(plan);
    const findings: DeployFinding[] = [];
    for (const role of SERVICE_LINKED_ROLES) {
      const users = plan.resources.filter(USERS[role.service] ?? (() => false));
      if (users.length === 0) continue;
      const stated = account.serviceLinkedRoles[role.service];
      const key = `${plan.project}:account.serviceLinkedRoles`;
      if (stated === "exists") continue;
      if (stated === "create") {
        const declared = declaredRole(plan, role);
        for (const user of users) {
          if (declared !== undefined && order.precedes(declared.urn, user.urn)) continue;
          findings.push({
            check: "service-linked-roles",
            resource: user.urn,
            related: declared?.urn,
            atDeploy: declared
              ? `${user.name} may be created before ${role.roleName} exists: AWS then ${role.firstUse === "never" ? "fails the launch (AuthFailure.ServiceLinkedRoleCreationNotPermitted)" : "creates the role itself, and the stack's declaration fails (role name taken)"}`
              : `${key} says this stack creates ${role.roleName}, but the plan declares no aws.iam.ServiceLinkedRole for ${role.service}`,
            fix: `make ${user.name} depend on the ${role.service} ServiceLinkedRole (see index.ts)`,
          });
        }
        continue;
      }
      if (role.firstUse === "deployer" && account.deployerCreatesServiceLinkedRoles) continue;
      findings.push({
        check: "service-linked-roles",
        resource: users[0].urn,
        atDeploy:
          role.firstUse === "never"
            ? `${users[0].name} makes AWS need ${role.roleName}, which no API caller here may create on first use: spot launches fail with AuthFailure.ServiceLinkedRoleCreationNotPermitted (${role.source})`
            : `${users[0].name} makes AWS create ${role.roleName} on first use, but ${plan.project}:account.deployerCreatesServiceLinkedRoles says the deployer may not call iam:CreateServiceLinkedRole (${role.source})`,
        fix: `set ${key}["${role.service}"] to "exists" if the account has ${role.roleName}, or to "create" in exactly one stack of the account`,
      });
    }
    return findings;
  },
};
