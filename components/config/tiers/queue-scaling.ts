import { z } from "zod";
import type { PackLimits } from "../pack-limits";
import { IssueReporter, flag, intBetween } from "./common";
import { dns1123Label, dns1123Subdomain } from "./kubernetes-names";

/**
 * Queue-depth autoscaling of one queue's consumer Deployment by KEDA (aws-sqs-queue scaler).
 * Off by default: an application opts in by naming the Deployment that consumes the queue.
 * Limits read at the source (KEDA v2.20.2): the ScaledObject CRD (minReplicaCount >= 0,
 * maxReplicaCount >= 1, min <= max by CEL rule), the admission webhook (one ScaledObject per
 * workload; the generated HPA `keda-hpa-<name>` must be a 63-character label), and the HPA KEDA
 * creates (autoscaling/v2 refuses an averageValue target of 0).
 */

export const queueScalingSettings = z.strictObject({
  /** Scale the consumer on this queue's backlog. */
  enabled: flag().default(false),
  /** The Deployment that consumes the queue (required when enabled). */
  deployment: dns1123Subdomain("the consumer Deployment's name").optional(),
  /** Its namespace; defaults to the workload namespace (`cluster.workload.namespace`), the only one this stack creates. */
  namespace: dns1123Label("a Kubernetes namespace name").optional(),
  /** Replicas with an empty queue; 0 lets dev scale to zero (prod refuses 0). */
  minReplicas: intBetween(0, 1000).default(1),
  maxReplicas: intBetween(1, 1000).default(10),
  /** Target backlog (visible + in-flight messages) per replica: KEDA's `queueLength`. */
  messagesPerReplica: intBetween(0, 100000).default(5),
  /** Messages that wake a scaled-to-zero consumer: KEDA's `activationQueueLength`. */
  activationMessages: intBetween(0, 100000).default(0),
  /** Seconds after the last active check before scaling back to zero (KEDA `cooldownPeriod`, default 300). */
  cooldownSeconds: intBetween(0, 86400).default(300),
});
export type QueueScalingSettings = z.infer<typeof queueScalingSettings>;

export const queueScalingDefaults: QueueScalingSettings = queueScalingSettings.parse({});

/** The ScaledObject's name is the queue's; KEDA names its HPA `keda-hpa-<name>`, a 63-character label. */
export const MAX_SCALED_QUEUE_NAME = 63 - "keda-hpa-".length;

export interface ScalingContext {
  readonly queueName: string;
  readonly environment: string;
  /** What the environment's pack refuses (autoscaling-bounds: headroom, scale to zero). */
  readonly limits: PackLimits;
  /** The namespace the stack creates for the workload (cluster.workload.namespace). */
  readonly workloadNamespace: string;
}

/** Cross-field rules of one queue's scaling; `report` paths are relative to `scaling`. */
export function checkQueueScaling(scaling: QueueScalingSettings, context: ScalingContext, report: IssueReporter): void {
  if (!scaling.enabled) return;
  if (scaling.deployment === undefined) {
    report(["deployment"], "is required when enabled is true: name the Deployment that consumes this queue");
  }
  if (scaling.namespace !== undefined && scaling.namespace !== context.workloadNamespace) {
    report(
      ["namespace"],
      `must be the workload namespace "${context.workloadNamespace}" (cluster.workload.namespace), the only namespace this stack creates; the ScaledObject would be refused with namespaces "${scaling.namespace}" not found; got "${scaling.namespace}"`,
    );
  }
  if (context.queueName.length > MAX_SCALED_QUEUE_NAME) {
    report(
      ["enabled"],
      `cannot be true for queue "${context.queueName}": KEDA names the HPA keda-hpa-<queue name>, which must be at most 63 characters, so a scaled queue's name has at most ${MAX_SCALED_QUEUE_NAME}`,
    );
  }
  if (scaling.minReplicas > scaling.maxReplicas) {
    report(["maxReplicas"], `must be at least minReplicas (${scaling.minReplicas}), got ${scaling.maxReplicas}`);
  } else if (context.limits.nodeGroupHeadroom && scaling.maxReplicas === scaling.minReplicas) {
    report(
      ["maxReplicas"],
      `must be greater than minReplicas (${scaling.minReplicas}) in ${context.environment}, so the consumer can scale out (policy autoscaling-bounds, requireHeadroom in ${context.limits.file}); got ${scaling.maxReplicas}`,
    );
  }
  if (scaling.messagesPerReplica === 0) {
    report(
      ["messagesPerReplica"],
      "must be at least 1: it is the HPA's averageValue target, which Kubernetes refuses at 0 (every backlog would ask for infinite replicas); got 0",
    );
  }
  if (context.limits.scaledMinimumOne && scaling.minReplicas === 0) {
    report(
      ["minReplicas"],
      `must be at least 1 in ${context.environment}: at 0 the first message waits for a pod to be scheduled and started (policy autoscaling-bounds, allowScaleToZero is off in ${context.limits.file}); got 0`,
    );
  }
}

/** One ScaledObject per workload (KEDA's admission webhook refuses a second): report queues sharing a Deployment. */
export function checkScaledDeploymentsUnique(
  queues: readonly { readonly name: string; readonly scaling: QueueScalingSettings }[],
  workloadNamespace: string,
  report: IssueReporter,
): void {
  const owners = new Map<string, string>();
  queues.forEach((queue, index) => {
    const { scaling } = queue;
    if (!scaling.enabled || scaling.deployment === undefined) return;
    const key = `${scaling.namespace ?? workloadNamespace}/${scaling.deployment}`;
    const owner = owners.get(key);
    if (owner !== undefined) {
      report(
        [index, "scaling", "deployment"],
        `Deployment ${key} is already scaled by queue "${owner}": KEDA's admission webhook refuses a second ScaledObject for one workload; consume both queues in one Deployment scaled by one of them, or use separate Deployments`,
      );
    } else owners.set(key, queue.name);
  });
}
