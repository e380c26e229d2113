/** Pure helpers of the queue tier: names and policy documents, tested without mocks. */
import { QueueSettings } from "../config/tiers/queues";
import { Statement } from "../shared/grants";

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
 * The identity-policy side of the workload's access: the same actions the queue policies admit.
 * In one account either policy alone allows, so a wider role would undo a narrower queue policy.
 */
export function queueUseStatements(mainArns: readonly string[], dlqArns: readonly string[]): Statement[] {
  const statements: Statement[] = [];
  if (mainArns.length > 0)
    statements.push({ Sid: "RegionalQueues", Effect: "Allow", Action: [...WORKLOAD_ACTIONS.main], Resource: [...mainArns] });
  if (dlqArns.length > 0) {
    statements.push({ Sid: "RegionalDeadLetterQueues", Effect: "Allow", Action: [...WORKLOAD_ACTIONS.dlq], Resource: [...dlqArns] });
  }
  return statements;
}

/**
 * Reading the main queues' attributes (ApproximateNumberOfMessages and friends) and nothing else:
 * what a queue-length autoscaler needs, e.g. KEDA's aws-sqs-queue scaler, which calls
 * GetQueueAttributes on the queue URL it is given.
 */
export function queueAttributesStatement(mainArns: readonly string[]): Statement {
  return { Sid: "ReadQueueDepth", Effect: "Allow", Action: "sqs:GetQueueAttributes", Resource: [...mainArns] };
}

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
