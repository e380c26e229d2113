import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "@pulumi/aws";

/** SQS queues encrypt messages at rest, with SQS-managed keys or a KMS key, set explicitly. */
export const sqsEncrypted: ResourceValidationPolicy = {
  name: "sqs-encrypted",
  description: "SQS queues encrypt messages at rest.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.sqs.Queue, (queue, args, reportViolation) => {
    if (queue.sqsManagedSseEnabled !== true && queue.kmsMasterKeyId === undefined) {
      reportViolation(`${args.name}: set sqsManagedSseEnabled: true or kmsMasterKeyId (neither is set).`);
    }
  }),
};
