import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { interruptionQueuePolicy } from "./iam-documents";

/** EventBridge's limit on rule names (the provider's auto-name refuses longer ones at preview). */
export const MAX_RULE_NAME = 64;

/**
 * The physical name of one interruption rule: `<cluster>-karpenter-<event>`, unique per account
 * and region because the cluster name is. An auto-name (`<logical name>-<7 hex>`) would exceed
 * 64 characters: `eu-central-1-cluster-karpenter-interruption-instance-state-change-…` is 73.
 * Long cluster names are cut and a hash of the full name keeps them distinct.
 */
export function interruptionRuleName(clusterName: string, event: string): string {
  const full = `${clusterName}-karpenter-${event}`;
  if (full.length <= MAX_RULE_NAME) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  const tail = `-${hash}-karpenter-${event}`;
  return `${clusterName.slice(0, MAX_RULE_NAME - tail.length).replace(/[-_.]+$/, "")}${tail}`;
}

/**
 * The EC2 events Karpenter reacts to before AWS takes a node away, each routed to the queue by
 * one EventBridge rule (upstream's getting-started CloudFormation lists the same four).
 */
export const INTERRUPTION_EVENTS = {
  "scheduled-change": { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
  "spot-interruption": { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
  rebalance: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
  "instance-state-change": { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
} as const;

export interface InterruptionQueueArgs {
  /** Cluster the queue serves: in descriptions, tags and the rule names (unique per account and region). */
  readonly clusterName: pulumi.Input<string>;
}

/** Karpenter's interruption queue, fed by EventBridge: drains nodes before spot reclaim or maintenance. */
export class InterruptionQueue extends pulumi.ComponentResource {
  public readonly queueName: pulumi.Output<string>;
  public readonly queueArn: pulumi.Output<string>;
  public readonly queueUrl: pulumi.Output<string>;

  constructor(name: string, args: InterruptionQueueArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster:InterruptionQueue", name, {}, opts);

    const queue = new aws.sqs.Queue(
      `${name}-queue`,
      {
        // Interruption notices are worthless after a few minutes (a spot warning gives two).
        messageRetentionSeconds: 300,
        sqsManagedSseEnabled: true,
        tags: { Name: `${name}-queue`, "karpenter.sh/discovery": args.clusterName },
      },
      { parent: this },
    );
    const policy = new aws.sqs.QueuePolicy(
      `${name}-policy`,
      { queueUrl: queue.url, policy: queue.arn.apply(interruptionQueuePolicy) },
      { parent: this },
    );

    for (const [event, pattern] of Object.entries(INTERRUPTION_EVENTS)) {
      const rule = new aws.cloudwatch.EventRule(
        `${name}-${event}`,
        {
          name: pulumi.output(args.clusterName).apply((cluster) => interruptionRuleName(cluster, event)),
          description: pulumi.interpolate`Karpenter interruption handling for ${args.clusterName}: ${event}`,
          eventPattern: JSON.stringify(pattern),
          tags: { Name: `${name}-${event}` },
        },
        { parent: this },
      );
      new aws.cloudwatch.EventTarget(
        `${name}-${event}`,
        { rule: rule.name, arn: queue.arn, targetId: "karpenter-interruption-queue" },
        { parent: this, dependsOn: [policy] },
      );
    }

    this.queueName = queue.name;
    this.queueArn = queue.arn;
    this.queueUrl = queue.url;
    this.registerOutputs({ queueArn: this.queueArn });
  }
}
