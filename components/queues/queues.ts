import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { QueueSettings } from "../config/tiers/queues";
import { Grant } from "../shared/grants";
import {
  WORKLOAD_ACTIONS,
  queueAttributesStatement,
  queueNames,
  queuePolicy,
  queueUseStatements,
  redriveAllowPolicy,
  redrivePolicy,
} from "./sqs-documents";

export interface QueuesArgs {
  /** The queues of the region, each with its dead-letter queue (validated by the stack config). */
  readonly queues: readonly QueueSettings[];
  /**
   * Prefix of every physical queue name, unique per stack in an account and region, e.g.
   * `platform-prod-`; the config name and ".fifo" follow.
   */
  readonly namePrefix: string;
  /** The only principal granted send/receive in the queue policies (the region's workload role). */
  readonly workloadRoleArn: pulumi.Input<string>;
  /**
   * Pulumi `protect` on the queues and DLQs: deleting a queue drops every message in it.
   * @default false
   */
  readonly protect?: boolean;
}

/**
 * A region's SQS queues: per configured queue a main queue and its dead-letter queue (same kind,
 * standard or FIFO), redrive and redrive-allow policies, SSE, and a resource policy that denies
 * non-TLS access and admits only the workload role.
 */
export class Queues extends pulumi.ComponentResource {
  /** Queue URL per config name (the main queue). */
  public readonly queueUrls: Record<string, pulumi.Output<string>>;
  /** Main queue ARN per config name. */
  public readonly queueArnsByName: Record<string, pulumi.Output<string>>;
  /** DLQ URL per config name. */
  public readonly dlqUrls: Record<string, pulumi.Output<string>>;
  /** ARNs of every main queue and every DLQ (what the workload role's IAM policy covers). */
  public readonly queueArns: pulumi.Output<string[]>;
  /** ARNs of the main queues only. */
  public readonly mainQueueArns: pulumi.Output<string[]>;
  public readonly dlqArns: pulumi.Output<string[]>;

  constructor(name: string, args: QueuesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:queues:Queues", name, {}, opts);
    this.queueUrls = {};
    this.dlqUrls = {};
    this.queueArnsByName = {};
    const mainArns: pulumi.Output<string>[] = [];
    const dlqArns: pulumi.Output<string>[] = [];

    for (const queue of args.queues) {
      const names = queueNames(args.namePrefix, queue);
      const child = `${name}-${queue.name}`;
      const dlqFifo = queue.dlqFifo ?? queue.fifo;
      // Explicit names make replacement a delete first (SQS names are unique per region).
      const named = { parent: this, deleteBeforeReplace: true, protect: args.protect ?? false };

      const dlq = new aws.sqs.Queue(
        `${child}-dlq`,
        {
          name: names.dlq,
          fifoQueue: dlqFifo,
          messageRetentionSeconds: queue.dlqRetentionSeconds,
          visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
          sqsManagedSseEnabled: true,
          tags: { Name: names.dlq, queue: queue.name, role: "dead-letter" },
        },
        named,
      );
      const main = new aws.sqs.Queue(
        child,
        {
          name: names.main,
          fifoQueue: queue.fifo,
          messageRetentionSeconds: queue.retentionSeconds,
          visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
          receiveWaitTimeSeconds: 20,
          sqsManagedSseEnabled: true,
          redrivePolicy: dlq.arn.apply((arn) => redrivePolicy(arn, queue.maxReceiveCount)),
          tags: { Name: names.main, queue: queue.name, role: "main" },
        },
        named,
      );
      // A separate resource: the DLQ cannot name its source inline without a cycle.
      new aws.sqs.RedriveAllowPolicy(
        `${child}-dlq`,
        { queueUrl: dlq.url, redriveAllowPolicy: main.arn.apply(redriveAllowPolicy) },
        { parent: this },
      );
      for (const [resource, actions, suffix] of [
        [main, WORKLOAD_ACTIONS.main, ""],
        [dlq, WORKLOAD_ACTIONS.dlq, "-dlq"],
      ] as const) {
        new aws.sqs.QueuePolicy(
          `${child}${suffix}-policy`,
          {
            queueUrl: resource.url,
            policy: pulumi.all([resource.arn, args.workloadRoleArn]).apply(([arn, role]) => queuePolicy(arn, role, actions)),
          },
          { parent: this },
        );
      }

      this.queueUrls[queue.name] = main.url;
      this.dlqUrls[queue.name] = dlq.url;
      this.queueArnsByName[queue.name] = main.arn;
      mainArns.push(main.arn);
      dlqArns.push(dlq.arn);
    }

    this.mainQueueArns = pulumi.all(mainArns);
    this.dlqArns = pulumi.all(dlqArns);
    this.queueArns = pulumi.all([...mainArns, ...dlqArns]);
    this.registerOutputs({ queueUrls: this.queueUrls, queueArns: this.queueArns, dlqArns: this.dlqArns });
  }

  /**
   * Use of every queue: send, receive, delete and change visibility on the main queues; inspect
   * and drain the DLQs, never send to them. The actions the queue policies admit the workload for.
   */
  public grantUse(): Grant {
    return pulumi.all([this.mainQueueArns, this.dlqArns]).apply(([main, dlq]) => queueUseStatements(main, dlq));
  }

  /**
   * `sqs:GetQueueAttributes` on main queues (all, or those named): queue depth for an autoscaler
   * such as KEDA's operator, never message access and never a DLQ.
   */
  public grantReadAttributes(names?: readonly string[]): Grant {
    const arns = names === undefined ? this.mainQueueArns : pulumi.all(names.map((n) => this.queueArnsByName[n]));
    return arns.apply((main) => (main.length > 0 ? [queueAttributesStatement(main)] : []));
  }
}
