/**
 * The KEDA objects that scale a queue's consumer, as pure functions (tested without mocks):
 * keda.sh/v1alpha1 ScaledObject and TriggerAuthentication as KEDA v2.20.2 reads them
 * (apis/keda/v1alpha1 and pkg/scalers/aws_sqs_queue_scaler.go; keda.sh/docs/2.20/scalers/aws-sqs/).
 */
import { QueueScalingSettings } from "../config/tiers/queue-scaling";

export const KEDA_API_VERSION = "keda.sh/v1alpha1";

/** The TriggerAuthentication of a scaled queue: pod identity `aws`, owned by KEDA (the operator's Pod Identity role). */
export function triggerAuthenticationName(queueName: string): string {
  return `${queueName}-sqs-auth`;
}

export function triggerAuthenticationSpec(): Record<string, unknown> {
  // identityOwner keda: the operator's own credentials (no roleArn, so no AssumeRole); see components/cluster/keda.ts.
  return { podIdentity: { provider: "aws", identityOwner: "keda" } };
}

/**
 * The ScaledObject of a scaled queue: its consumer Deployment between minReplicas and maxReplicas,
 * one replica per `messagesPerReplica` visible + in-flight messages of the main queue (never its
 * DLQ). Trigger metadata values are strings (the CRD's `additionalProperties: {type: string}`).
 */
export function scaledObjectSpec(args: {
  readonly scaling: QueueScalingSettings;
  /** The main queue's URL. */
  readonly queueUrl: string;
  /** The queue's region: the scaler's SQS client is built for it (awsRegion is required). */
  readonly region: string;
  readonly authenticationName: string;
}): Record<string, unknown> {
  const { scaling } = args;
  if (scaling.deployment === undefined) throw new Error("a scaled queue names its Deployment (validated by the stack config)");
  return {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: scaling.deployment },
    minReplicaCount: scaling.minReplicas,
    maxReplicaCount: scaling.maxReplicas,
    // Only read when scaling to zero (KEDA's webhook warns it is irrelevant otherwise).
    ...(scaling.minReplicas === 0 ? { cooldownPeriod: scaling.cooldownSeconds } : {}),
    triggers: [
      {
        type: "aws-sqs-queue",
        authenticationRef: { name: args.authenticationName },
        metadata: {
          queueURL: args.queueUrl,
          queueLength: String(scaling.messagesPerReplica),
          activationQueueLength: String(scaling.activationMessages),
          awsRegion: args.region,
          scaleOnInFlight: "true",
        },
      },
    ],
  };
}
