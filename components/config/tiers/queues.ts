import { z } from "zod";
import { Environment, IssueReporter, intBetween, flag } from "./common";
import type { PackLimits } from "../pack-limits";
import { checkQueueScaling, checkScaledDeploymentsUnique, queueScalingDefaults, queueScalingSettings } from "./queue-scaling";

/** One SQS queue with its dead-letter queue. */
export const queueSettings = z.strictObject({
  /** Logical queue name; FIFO queues get the ".fifo" suffix added by the component. */
  name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, {
    error: (i) => `must be lower-case letters, digits and "-" (at most 63), got ${JSON.stringify(i.input)}`,
  }),
  fifo: flag().default(false),
  visibilityTimeoutSeconds: intBetween(0, 43200).default(30),
  /** Message retention, 60 s to 14 days. */
  retentionSeconds: intBetween(60, 1209600).default(345600),
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: intBetween(1, 1000).default(5),
  dlqRetentionSeconds: intBetween(60, 1209600).default(1209600),
  /** The DLQ's kind; it must match the queue's (a FIFO queue needs a FIFO DLQ). Defaults to the queue's. */
  dlqFifo: flag().optional(),
  /** Queue-depth autoscaling of the queue's consumer by KEDA (see queue-scaling.ts); off by default. */
  scaling: queueScalingSettings.default(queueScalingDefaults),
});
export type QueueSettings = z.infer<typeof queueSettings>;

export const queuesSettings = z.array(queueSettings, { error: (i) => `must be a list of queues, got ${typeof i.input}` });

export const queuesDefaults: readonly QueueSettings[] = [];

export interface QueuesContext {
  readonly environment: Environment;
  /** What the environment's pack refuses (scaled consumers' bounds). */
  readonly limits: PackLimits;
  /** The namespace the stack creates for the workload (cluster.workload.namespace). */
  readonly workloadNamespace: string;
}

export function checkQueues(queues: readonly QueueSettings[], context: QueuesContext, report: IssueReporter): void {
  const seen = new Set<string>();
  queues.forEach((queue, index) => {
    if (seen.has(queue.name)) report([index, "name"], `"${queue.name}" is listed twice; queue names must be unique in a region`);
    seen.add(queue.name);
    if (queue.dlqFifo !== undefined && queue.dlqFifo !== queue.fifo) {
      report(
        [index, "dlqFifo"],
        `must equal fifo (${queue.fifo}): SQS requires a ${queue.fifo ? "FIFO queue's DLQ to be FIFO" : "standard queue's DLQ to be standard"}`,
      );
    }
    if (queue.dlqRetentionSeconds < queue.retentionSeconds) {
      report(
        [index, "dlqRetentionSeconds"],
        `must be at least retentionSeconds (${queue.retentionSeconds}): SQS keeps a message's original enqueue time, so a shorter DLQ retention drops it early`,
      );
    }
    checkQueueScaling(queue.scaling, { queueName: queue.name, ...context }, (path, message) =>
      report([index, "scaling", ...path], message),
    );
  });
  checkScaledDeploymentsUnique(queues, context.workloadNamespace, report);
}

/** The queues whose consumer KEDA scales. */
export function scaledQueues(queues: readonly QueueSettings[]): QueueSettings[] {
  return queues.filter((q) => q.scaling.enabled);
}
