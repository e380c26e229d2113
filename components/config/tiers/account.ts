import { z } from "zod";
import { Environment, describe } from "./common";

/**
 * Facts about the AWS account the stack deploys into that the program cannot look up safely.
 * Service-linked roles are one per account: a role declared by two stacks of the same account
 * collides ("Service role name ... has been taken in this account"), so each stack states how
 * every role it relies on comes to exist (the `service-linked-roles` deploy check reads this).
 */
export const accountSettings = z.strictObject({
  /**
   * Per AWS service principal (e.g. `spot.amazonaws.com`): `exists` (the account has the role
   * already) or `create` (this stack declares it; exactly one stack per account may).
   */
  serviceLinkedRoles: z.record(
    z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/, { error: "keys must be AWS service principals such as spot.amazonaws.com" }),
    z.enum(["exists", "create"], { error: (i) => `must be "exists" or "create", got ${describe(i.input)}` }),
  ),
  /**
   * Whether the identity running `pulumi up` may call iam:CreateServiceLinkedRole for the services
   * whose roles AWS creates on first use (EKS, node groups, Auto Scaling, ELB, RDS, ElastiCache).
   * When false, each such role must be listed in serviceLinkedRoles.
   */
  deployerCreatesServiceLinkedRoles: z.boolean({ error: (i) => `must be true or false, got ${describe(i.input)}` }),
});
export type AccountSettings = z.infer<typeof accountSettings>;

export const accountDefaults: Record<Environment, AccountSettings> = {
  dev: { serviceLinkedRoles: {}, deployerCreatesServiceLinkedRoles: true },
  prod: { serviceLinkedRoles: {}, deployerCreatesServiceLinkedRoles: true },
};
