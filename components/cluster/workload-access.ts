import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { workloadAccessPolicy } from "./policies";

export interface WorkloadAccessArgs {
  /** The workload role (WorkloadIdentity.roleName) the grants are attached to. */
  readonly roleName: pulumi.Input<string>;
  /** ARNs of this region's main queues: send, receive, delete, visibility. */
  readonly mainQueueArns: pulumi.Input<pulumi.Input<string>[]>;
  /** ARNs of their dead-letter queues: inspect and drain, never send. */
  readonly dlqArns: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * ARNs of this region's data-tier secrets (database master secret, cache auth token): read only.
   * Their KMS key admits the role through its key policy (via Secrets Manager), so no KMS grant here.
   */
  readonly secretArns: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * What the application may do in AWS, in one region: use that region's queues and read that
 * region's database and cache secrets. Nothing else, and nothing of another region.
 */
export class WorkloadAccess extends pulumi.ComponentResource {
  /** The policy document, for review and tests. */
  public readonly policy: pulumi.Output<string>;

  constructor(name: string, args: WorkloadAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:WorkloadAccess", name, {}, opts);

    this.policy = pulumi
      .all([pulumi.output(args.mainQueueArns), pulumi.output(args.dlqArns), pulumi.output(args.secretArns)])
      .apply(([mainArns, dlqArns, secrets]) => workloadAccessPolicy({ mainArns, dlqArns }, secrets));
    new aws.iam.RolePolicy(`${name}-policy`, { role: args.roleName, policy: this.policy }, { parent: this });

    this.registerOutputs({ policy: this.policy });
  }
}
