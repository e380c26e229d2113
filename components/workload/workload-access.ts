import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Grant, Statement, mergeStatements } from "../shared/grants";
import { policyDocument } from "../shared/iam";

export interface WorkloadAccessArgs {
  /** The workload role (WorkloadIdentity.roleName) the grants are attached to. */
  readonly roleName: pulumi.Input<string>;
  /**
   * What the role may do, each from the capability that owns the resources: e.g.
   * `queues.grantUse()`, `database.grantReadMasterSecret()`, `cache.grantReadAuthToken()`.
   */
  readonly grants: readonly Grant[];
}

/**
 * The workload's inline policy: the capabilities' grants, merged (see mergeStatements). Pure, so
 * tests read it without mocks; an empty policy is refused (IAM rejects a document with no statement).
 */
export function workloadAccessPolicy(statements: readonly Statement[]): string {
  if (statements.length === 0) throw new Error("workload access needs at least one grant (a queue or a secret)");
  return policyDocument(mergeStatements(statements));
}

/**
 * What the application may do in AWS, in one region: what that region's capabilities grant it
 * (use its queues, read its database and cache secrets). Nothing else, and nothing of another region.
 */
export class WorkloadAccess extends pulumi.ComponentResource {
  /** The policy document, for review and tests. */
  public readonly policy: pulumi.Output<string>;

  constructor(name: string, args: WorkloadAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    // Moved from components/cluster/: the alias keeps the inline policy the same resource.
    super(
      "platform:workload:WorkloadAccess",
      name,
      {},
      { ...opts, aliases: [{ type: "platform:cluster:WorkloadAccess" }, ...(opts?.aliases ?? [])] },
    );

    this.policy = pulumi.all([...args.grants]).apply((grants) => workloadAccessPolicy(grants.flat()));
    new aws.iam.RolePolicy(`${name}-policy`, { role: args.roleName, policy: this.policy }, { parent: this });

    this.registerOutputs({ policy: this.policy });
  }
}
