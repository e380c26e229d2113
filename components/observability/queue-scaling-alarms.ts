/**
 * "Scaled out yet backlog ageing" for a queue whose consumer KEDA scales. KEDA's own view
 * (desired replicas, scaler errors) is exposed as Prometheus metrics, not CloudWatch, so the
 * alarm reads what CloudWatch has, the queue's SQS metrics, and derives "at max" from config:
 * the aws-sqs-queue scaler asks for ceil((visible + in flight) / messagesPerReplica) replicas
 * (KEDA v2.20 scalers/aws-sqs docs, scaleOnInFlight true), so a backlog above
 * (maxReplicas - 1) x messagesPerReplica means maxReplicas. Paired with the oldest message
 * ageing past half the queue-age threshold, the composite pages before the plain age alarm and
 * says why: more replicas are not coming.
 */
import { AlarmSpec, MetricRef } from "./alarm";

export interface ScaledOutSpecs {
  readonly atMax: AlarmSpec;
  readonly ageing: AlarmSpec;
}

export function scaledOutAlarms(
  queue: string,
  scaling: { readonly maxReplicas: number; readonly messagesPerReplica: number },
  queueOldestMessageSeconds: number,
  sqs: (metricName: string) => MetricRef,
): ScaledOutSpecs {
  const backlogAtMax = (scaling.maxReplicas - 1) * scaling.messagesPerReplica;
  const ageSeconds = Math.max(60, Math.floor(queueOldestMessageSeconds / 2));
  return {
    atMax: {
      role: `queue-${queue}-at-max-replicas`,
      description: `Backlog of ${queue} (visible + in flight) asks KEDA for maxReplicas (${scaling.maxReplicas})`,
      dashboardTitle: `${queue}: backlog vs. what ${scaling.maxReplicas} replicas x ${scaling.messagesPerReplica} messages serve`,
      expression: "visible + inflight",
      metrics: { visible: sqs("ApproximateNumberOfMessagesVisible"), inflight: sqs("ApproximateNumberOfMessagesNotVisible") },
      period: 300,
      evaluationPeriods: 2,
      threshold: backlogAtMax,
      comparison: "GreaterThanThreshold",
    },
    ageing: {
      role: `queue-${queue}-scaled-age`,
      description: `Oldest message in ${queue} older than ${ageSeconds} s (half the queue-age threshold) while scaled by KEDA`,
      metric: sqs("ApproximateAgeOfOldestMessage"),
      period: 300,
      evaluationPeriods: 2,
      threshold: ageSeconds,
      comparison: "GreaterThanThreshold",
    },
  };
}
