/** SQS: queues, their access policies and redrive policies. */
import { arn } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { PRICING } from "../prices";
import { TAG_LIMITS, arnInOwnRegion, physicalName as sentName, rangeRule } from "../rules";
import { PULUMI_AWS_AUTONAMING, api, registry, tf, tfDocs } from "../sources";
import { InputRule, TypeEntry, none } from "../types";

export const SQS_QUEUE = "aws:sqs/queue:Queue";
export const SQS_QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
export const SQS_REDRIVE_ALLOW_POLICY = "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy";
export const SQS_REDRIVE_POLICY = "aws:sqs/redrivePolicy:RedrivePolicy";

const CREATE = api("AWSSimpleQueueService", "CreateQueue");
const SET_ATTRIBUTES = api("AWSSimpleQueueService", "SetQueueAttributes");
const USAGE_PRICED = none(`usage-priced only (requests), not part of the fixed floor: ${PRICING.sqs}`);
const NO_TRIGGERS = none("holds no data; its ForceNew properties are not catalogued, so the diff shows its changes as updates");

const between = (property: string, min: number, max: number, what: string): InputRule => rangeRule(property, min, max, what, [CREATE]);

/** The queue a redrive policy names as dead-letter target, when it is in the plan. */
function deadLetterTarget(ctx: Parameters<InputRule["check"]>[0]): { fifo: boolean; name: string } | undefined {
  let policy = ctx.inputs.redrivePolicy;
  if (typeof policy === "string") {
    try {
      policy = JSON.parse(policy);
    } catch {
      return undefined;
    }
  }
  const target = policy?.deadLetterTargetArn;
  const queue = ctx.registered(SQS_QUEUE).find((q) => q.outputs.arn === target);
  return queue ? { fifo: queue.inputs.fifoQueue === true, name: String(queue.outputs.name) } : undefined;
}

const QUEUE_RULES: readonly InputRule[] = [
  {
    property: "name",
    rule: "queue names are 1-80 letters, digits, hyphens or underscores; a FIFO queue's name ends in .fifo and only a FIFO queue's does",
    sources: [CREATE, tf("sqs/queue.go"), PULUMI_AWS_AUTONAMING],
    check: (ctx) => {
      const { value, auto } = sentName(ctx, "name");
      if (value === undefined) return undefined;
      const fifo = ctx.inputs.fifoQueue === true;
      const base = value.endsWith(".fifo") ? value.slice(0, -5) : value;
      const shown = `"${value}"${auto ? " (auto-named)" : ""}`;
      const problems: string[] = [];
      if (value.length > 80 || base.length < 1 || !/^[A-Za-z0-9_-]+$/.test(base))
        problems.push(`${shown} is not 1-80 letters, digits, hyphens or underscores`);
      if (fifo !== value.endsWith(".fifo"))
        problems.push(`${shown} ${fifo ? "lacks" : "has"} the .fifo suffix of a ${fifo ? "FIFO" : "standard"} queue`);
      return problems;
    },
  },
  between("messageRetentionSeconds", 60, 1209600, "message retention in seconds"),
  between("visibilityTimeoutSeconds", 0, 43200, "visibility timeout in seconds"),
  between("delaySeconds", 0, 900, "delivery delay in seconds"),
  between("receiveWaitTimeSeconds", 0, 20, "long-poll wait in seconds"),
  {
    property: "kmsMasterKeyId",
    rule: "SSE-KMS (kmsMasterKeyId) and SSE-SQS (sqsManagedSseEnabled) exclude each other",
    sources: [SET_ATTRIBUTES, tf("sqs/queue.go")],
    check: (ctx) =>
      ctx.inputs.kmsMasterKeyId !== undefined && ctx.inputs.sqsManagedSseEnabled === true
        ? "set with sqsManagedSseEnabled: true"
        : undefined,
  },
  arnInOwnRegion("kmsMasterKeyId", "the KMS key encrypting the queue", [SET_ATTRIBUTES]),
  {
    property: "redrivePolicy",
    rule: "the dead-letter queue of a FIFO queue must be a FIFO queue, and that of a standard queue a standard queue",
    sources: ["https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html", SET_ATTRIBUTES],
    check: (ctx) => {
      const target = deadLetterTarget(ctx);
      const fifo = ctx.inputs.fifoQueue === true;
      return target && target.fifo !== fifo
        ? `a ${fifo ? "FIFO" : "standard"} queue redrives to the ${target.fifo ? "FIFO" : "standard"} queue ${target.name}`
        : undefined;
    },
  },
  TAG_LIMITS,
];

const queue: TypeEntry = {
  type: SQS_QUEUE,
  mock: (ctx) => {
    const auto = ctx.inputs.name === undefined && ctx.inputs.fifoQueue === true;
    // The provider's auto-name of a FIFO queue ends in .fifo (its PostTransform).
    const name = `${physicalName(ctx)}${auto ? ".fifo" : ""}`;
    const url = `https://sqs.${ctx.region}.amazonaws.com/${ctx.account}/${name}`;
    return { id: url, outputs: { name, url, arn: arn("sqs", ctx.region, name, ctx.account), tagsAll: ctx.inputs.tags ?? {} } };
  },
  mockSources: [registry(SQS_QUEUE), PULUMI_AWS_AUTONAMING],
  validation: QUEUE_RULES,
  // "After you create a queue, you must wait at least one second after the queue is created to be
  // able to use the queue"; the provider then waits for attributes to propagate.
  creation: { seconds: 30, source: CREATE },
  price: USAGE_PRICED,
  replacement: { replaceOn: ["fifoQueue", "name", "namePrefix"], sources: [tf("sqs/queue.go"), registry(SQS_QUEUE)] },
  data: {
    kind: "queue",
    protectedInProd: false,
    why: "messages live only for the retention period (at most 14 days), and a queue is recreated empty by code",
    sources: ["policies/rules/resilience/deletion-protection.ts", CREATE],
  },
};

const policyEntry = (type: string, doc: string, action: string): TypeEntry => ({
  type,
  mock: (ctx) => ({ id: String(ctx.inputs.queueUrl) }),
  mockSources: [registry(type)],
  validation: [
    {
      property: "queueUrl",
      rule: "a queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>) of the resource's region",
      sources: [api("AWSSimpleQueueService", action)],
      check: (ctx) => {
        const url = ctx.inputs.queueUrl;
        const match = typeof url === "string" ? /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/\d{12}\/[A-Za-z0-9_.-]+$/.exec(url) : null;
        if (typeof url !== "string") return undefined;
        if (!match) return `"${url}" is not a queue URL`;
        return match[1] !== ctx.region ? `the queue is in ${match[1]}, the policy's provider in ${ctx.region}` : undefined;
      },
    },
  ],
  creation: { seconds: 30, source: tfDocs(doc) },
  price: none(`no charge of its own (${PRICING.sqs})`),
  replacement: NO_TRIGGERS,
  data: none("an attribute of its queue: recreated from code"),
});

export const SQS_ENTRIES: readonly TypeEntry[] = [
  queue,
  policyEntry(SQS_QUEUE_POLICY, "sqs_queue_policy", "SetQueueAttributes"),
  policyEntry(SQS_REDRIVE_ALLOW_POLICY, "sqs_queue_redrive_allow_policy", "SetQueueAttributes"),
  {
    ...policyEntry(SQS_REDRIVE_POLICY, "sqs_queue_redrive_policy", "SetQueueAttributes"),
    mock: none("not declared by the program: add a mock (and its validation) before declaring it"),
  },
];
