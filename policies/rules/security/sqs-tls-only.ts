import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isRecord } from "../../lib/resources";

const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";

/** Whether a policy document denies requests made without TLS (`aws:SecureTransport` false). */
export function deniesInsecureTransport(document: unknown): boolean {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return false;
    }
  }
  const statements: unknown[] = isRecord(parsed) ? [parsed.Statement].flat() : [];
  return statements.some((s) => {
    if (!isRecord(s) || s.Effect !== "Deny" || !isRecord(s.Condition) || !isRecord(s.Condition.Bool)) return false;
    return String(s.Condition.Bool["aws:SecureTransport"]) === "false";
  });
}

/**
 * SQS accepts plain HTTP unless a queue policy refuses it: every queue's policy (its own `policy`
 * or a QueuePolicy attached to it) denies requests with `aws:SecureTransport` false.
 */
export const sqsTlsOnly: StackValidationPolicy = {
  name: "sqs-tls-only",
  description: "SQS queues refuse requests that do not use TLS.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (args, reportViolation) => {
    const policies = args.resources.filter((r) => r.type === QUEUE_POLICY);
    const attached = (queue: PolicyResource) =>
      policies.filter(
        (p) =>
          (p.propertyDependencies.queueUrl ?? []).some((d) => d.urn === queue.urn) ||
          (typeof p.props.queueUrl === "string" && [queue.props.url, queue.props.id].includes(p.props.queueUrl)),
      );
    for (const queue of args.resources.filter((r) => r.type === QUEUE)) {
      const documents = [queue.props.policy, ...attached(queue).map((p) => p.props.policy)];
      if (!documents.some(deniesInsecureTransport)) {
        reportViolation(
          `${queue.name}: attach a queue policy with a Deny statement for Condition Bool aws:SecureTransport = "false" (no policy of this queue refuses plain HTTP).`,
          queue.urn,
        );
      }
    }
  },
};
