import { strict as assert } from "node:assert";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { committedPlan, inputsOf, outputsOf } from "../helpers/plan";
import { QUEUE, resolvedCommitted, under } from "./fixtures";

describe("data tier: queues (prod)", () => {
  let plan: Plan;
  const config = resolvedCommitted("prod");
  before(async () => {
    plan = await committedPlan("prod");
  });

  // The data tier's queues (the cluster has queues of its own, e.g. for Karpenter interruptions).
  const dataQueues = () => under(plan, QUEUE, "platform:queues:Queues");
  const queuesIn = (region: string) => dataQueues().filter((r) => r.region === region);
  const byArn = (region: string, arn: string) => queuesIn(region).find((q) => outputsOf(q).arn === arn);
  const policyOf = (type: string, queue: PlannedResource) =>
    plan.resources.filter((r) => r.type === type && inputsOf(r).queueUrl === outputsOf(queue).url);

  it("protects every queue and DLQ in prod (deleting a queue drops its messages), and no queue in dev", async () => {
    assert.ok(dataQueues().length > 0);
    for (const queue of dataQueues()) assert.equal(queue.options.protect, true, queue.urn);
    const dev = await committedPlan("dev");
    for (const queue of under(dev, QUEUE, "platform:queues:Queues")) assert.equal(queue.options.protect, false, queue.urn);
  });

  it("every configured queue exists in every region with a DLQ of the same kind and a redrive policy from config", () => {
    for (const region of config.regions) {
      assert.ok(region.queues.length > 0);
      for (const queue of region.queues) {
        const main = queuesIn(region.region).find(
          (q) => outputsOf(q).url === (plan.outputs.regions as any)[region.region].queueUrls[queue.name],
        );
        assert.ok(main, `${region.region}: queue ${queue.name}`);
        const inputs = inputsOf(main);
        assert.equal(inputs.fifoQueue, queue.fifo);
        assert.equal(inputs.name.endsWith(".fifo"), queue.fifo);
        assert.equal(inputs.messageRetentionSeconds, queue.retentionSeconds);
        assert.equal(inputs.visibilityTimeoutSeconds, queue.visibilityTimeoutSeconds);
        const redrive = JSON.parse(inputs.redrivePolicy);
        assert.equal(redrive.maxReceiveCount, queue.maxReceiveCount);
        const dlq = byArn(region.region, redrive.deadLetterTargetArn);
        assert.ok(dlq, `${queue.name}: its DLQ is a queue of the same region`);
        assert.equal(inputsOf(dlq).fifoQueue, queue.fifo, "DLQ of the same kind");
        assert.equal(inputsOf(dlq).redrivePolicy, undefined, "a DLQ is not redriven further");
        const allow = policyOf("aws:sqs/redriveAllowPolicy:RedriveAllowPolicy", dlq);
        assert.equal(allow.length, 1);
        assert.deepEqual(JSON.parse(inputsOf(allow[0]).redriveAllowPolicy), {
          redrivePermission: "byQueue",
          sourceQueueArns: [outputsOf(main).arn],
        });
      }
    }
  });

  it("every queue is encrypted and admits only TLS requests and the region's workload role", () => {
    const queues = dataQueues();
    assert.ok(queues.length > 0);
    for (const queue of queues) {
      assert.equal(inputsOf(queue).sqsManagedSseEnabled, true, `${queue.name} encrypted`);
      const policies = policyOf("aws:sqs/queuePolicy:QueuePolicy", queue);
      assert.equal(policies.length, 1, `${queue.name}: one queue policy`);
      const workloadRole = plan.resources.find((r) => r.type === "aws:iam/role:Role" && r.name === `${queue.region}-workload-role`)!;
      const document = JSON.parse(inputsOf(policies[0]).policy);
      const arn = outputsOf(queue).arn;
      const deny = document.Statement.filter((s: any) => s.Effect === "Deny");
      assert.deepEqual(deny, [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "sqs:*",
          Resource: arn,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]);
      const allows = document.Statement.filter((s: any) => s.Effect === "Allow");
      assert.ok(allows.length >= 1);
      for (const allow of allows) {
        assert.deepEqual(allow.Principal, { AWS: outputsOf(workloadRole).arn });
        assert.equal(allow.Resource, arn);
        for (const action of allow.Action)
          assert.match(action, /^sqs:(SendMessage|ReceiveMessage|DeleteMessage|ChangeMessageVisibility|GetQueueAttributes|GetQueueUrl)$/);
      }
    }
  });

  it("exports queue URLs in AWS's format", () => {
    for (const region of config.regions) {
      const urls = (plan.outputs.regions as any)[region.region].queueUrls;
      assert.deepEqual(Object.keys(urls).sort(), region.queues.map((q) => q.name).sort());
      for (const url of Object.values(urls))
        assert.match(String(url), new RegExp(`^https://sqs\\.${region.region}\\.amazonaws\\.com/\\d{12}/[\\w-]+(\\.fifo)?$`));
    }
  });
});
