/** Pure helpers of the queue tier: names and policy documents, tested without mocks. */
import { QueueSettings } from "../config/tiers/queues";

/** SQS's limit on queue names, ".fifo" included. */
export const MAX_QUEUE_NAME = 80;

export interface QueueNames {
  readonly main: string;
  readonly dlq: string;
}

/** Physical names: `<prefix><name>` and `<prefix><name>-dlq`, FIFO ones ending in ".fifo". */
export function queueNames(prefix: string, queue: Pick<QueueSettings, "name" | "fifo" | "dlqFifo">): QueueNames {
  const dlqFifo = queue.dlqFifo ?? queue.fifo;
  const names = {
    main: `${prefix}${queue.name}${queue.fifo ? ".fifo" : ""}`,
    dlq: `${prefix}${queue.name}-dlq${dlqFifo ? ".fifo" : ""}`,
  };
  for (const name of Object.values(names)) {
    if (!/^[A-Za-z0-9_-]+(\.fifo)?$/.test(name) || name.length > MAX_QUEUE_NAME) {
      throw new Error(`queue name "${name}" is not a valid SQS name (letters, digits, - and _, at most ${MAX_QUEUE_NAME})`);
    }
  }
  return names;
}

/** What the workload may do on a main queue, and on a DLQ (inspect and drain, never send). */
export const WORKLOAD_ACTIONS = {
  main: [
    "sqs:SendMessage",
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
  ],
  dlq: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
} as const;

/**
 * A queue's resource policy: deny every request not made over TLS, allow the workload role the
 * given actions. Account administrators keep their IAM-granted access (no blanket deny).
 */
export function queuePolicy(queueArn: string, workloadRoleArn: string, actions: readonly string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "WorkloadSendReceive",
        Effect: "Allow",
        Principal: { AWS: workloadRoleArn },
        Action: [...actions],
        Resource: queueArn,
      },
    ],
  });
}

/** The main queue's redrive policy: after `maxReceiveCount` receives a message moves to the DLQ. */
export function redrivePolicy(dlqArn: string, maxReceiveCount: number): string {
  return JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount });
}

/** The DLQ's redrive-allow policy: only its own main queue may use it as a dead-letter queue. */
export function redriveAllowPolicy(sourceQueueArn: string): string {
  return JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [sourceQueueArn] });
}
