import { strict as assert } from "node:assert";
import { Queues } from "../../components/queues/queues";
import { SQS_QUEUE_POLICY, SQS_REDRIVE_ALLOW_POLICY } from "../../tools/catalogue/aws/sqs";
import { PlannedResource } from "../../tools/engine/model";
import { ComponentPlan, planComponent } from "../helpers/component";
import { QUEUE, queue, queuesArgs, workloadRoleArn } from "../helpers/fixtures";

/** The queues of one region alone: a standard queue and a FIFO queue. */
describe("data tier: queues (component)", () => {
  let prod: ComponentPlan;
  let dev: ComponentPlan;
  let account: string;
  const queues = [queue("orders", { maxReceiveCount: 3 }), queue("events", { fifo: true })];
  before(async () => {
    prod = await planComponent(({ accountId, opts }) => {
      account = accountId;
      const q = new Queues("eu-west-1-queues", queuesArgs("prod", accountId, { queues }), opts);
      return {
        queueUrls: q.queueUrls,
        dlqUrls: q.dlqUrls,
        use: q.grantUse(),
        attributes: q.grantReadAttributes(),
        ordersDepth: q.grantReadAttributes(["orders"]),
      };
    });
    dev = await planComponent(({ accountId, opts }) => {
      new Queues("eu-west-1-queues", queuesArgs("dev", accountId), opts);
    });
  });

  const byUrl = (url: string) => prod.resources(QUEUE).find((q) => prod.outputsOf(q).url === url)!;
  const policyOf = (type: string, q: PlannedResource) =>
    prod.resources(type).filter((r) => prod.inputs(r).queueUrl === prod.outputsOf(q).url);

  it("protects every queue and DLQ in prod (deleting a queue drops its messages), and none in dev", () => {
    assert.equal(prod.resources(QUEUE).length, 4);
    for (const q of prod.resources(QUEUE)) assert.equal(q.options.protect, true, q.urn);
    for (const q of dev.resources(QUEUE)) assert.equal(q.options.protect, false, q.urn);
  });

  it("gives every queue a DLQ of the configured kind, a redrive policy from its settings, and a redrive-allow policy back", () => {
    for (const settings of queues) {
      const main = byUrl(prod.outputs.queueUrls[settings.name]);
      const inputs = prod.inputs(main);
      assert.equal(inputs.fifoQueue, settings.fifo);
      assert.equal(inputs.name.endsWith(".fifo"), settings.fifo);
      assert.equal(inputs.messageRetentionSeconds, settings.retentionSeconds);
      assert.equal(inputs.visibilityTimeoutSeconds, settings.visibilityTimeoutSeconds);
      const redrive = JSON.parse(inputs.redrivePolicy);
      assert.equal(redrive.maxReceiveCount, settings.maxReceiveCount);
      const dlq = byUrl(prod.outputs.dlqUrls[settings.name]);
      assert.equal(redrive.deadLetterTargetArn, prod.outputsOf(dlq).arn);
      assert.equal(prod.inputs(dlq).fifoQueue, settings.dlqFifo ?? settings.fifo, "DLQ of the configured kind");
      assert.equal(prod.inputs(dlq).redrivePolicy, undefined, "a DLQ is not redriven further");
      const allow = policyOf(SQS_REDRIVE_ALLOW_POLICY, dlq);
      assert.equal(allow.length, 1);
      assert.deepEqual(JSON.parse(prod.inputs(allow[0]).redriveAllowPolicy), {
        redrivePermission: "byQueue",
        sourceQueueArns: [prod.outputsOf(main).arn],
      });
    }
  });

  it("encrypts every queue and admits only TLS requests and the workload role, never sending to a DLQ", () => {
    for (const q of prod.resources(QUEUE)) {
      assert.equal(prod.inputs(q).sqsManagedSseEnabled, true, `${q.name} encrypted`);
      const policies = policyOf(SQS_QUEUE_POLICY, q);
      assert.equal(policies.length, 1, `${q.name}: one queue policy`);
      const document = JSON.parse(prod.inputs(policies[0]).policy);
      const arn = prod.outputsOf(q).arn;
      assert.deepEqual(
        document.Statement.filter((s: { Effect: string }) => s.Effect === "Deny"),
        [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "sqs:*",
            Resource: arn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      );
      const allows = document.Statement.filter((s: { Effect: string }) => s.Effect === "Allow");
      assert.equal(allows.length, 1);
      assert.deepEqual(allows[0].Principal, { AWS: workloadRoleArn(account) });
      assert.equal(allows[0].Resource, arn);
      const isDlq = prod.inputs(q).tags.role === "dead-letter";
      assert.equal(allows[0].Action.includes("sqs:SendMessage"), !isDlq, q.name);
    }
  });

  it("grants the identity side of what the queue policies admit, and queue depth alone for autoscalers", () => {
    const mainArns = queues.map((q) => prod.outputsOf(byUrl(prod.outputs.queueUrls[q.name])).arn);
    const dlqArns = queues.map((q) => prod.outputsOf(byUrl(prod.outputs.dlqUrls[q.name])).arn);
    const [main, dlq] = prod.outputs.use;
    assert.deepEqual([main.Sid, main.Resource], ["RegionalQueues", mainArns]);
    assert.deepEqual([dlq.Sid, dlq.Resource], ["RegionalDeadLetterQueues", dlqArns]);
    assert.ok(!dlq.Action.includes("sqs:SendMessage"));
    assert.deepEqual(prod.outputs.attributes, [
      { Sid: "ReadQueueDepth", Effect: "Allow", Action: "sqs:GetQueueAttributes", Resource: mainArns },
    ]);
    assert.deepEqual(prod.outputs.ordersDepth[0].Resource, [mainArns[0]], "only the queues named (KEDA's scaled queues)");
  });

  it("reports queue URLs in AWS's format", () => {
    assert.deepEqual(Object.keys(prod.outputs.queueUrls).sort(), ["events", "orders"]);
    for (const url of Object.values(prod.outputs.queueUrls))
      assert.match(String(url), /^https:\/\/sqs\.eu-west-1\.amazonaws\.com\/\d{12}\/platform-component-[\w-]+(\.fifo)?$/);
  });
});
