import { strict as assert } from "node:assert";
import { Queues } from "../../components/queues/queues";
import { planComponent } from "../helpers/component";
import { QUEUE, queue, queuesArgs } from "../helpers/fixtures";

describe("test harness: one component alone", () => {
  it("plans a component under the catalogue's mocks in the region of its explicit provider, and returns its outputs", async () => {
    const plan = await planComponent(({ accountId, opts }) => ({ urls: new Queues("q", queuesArgs("dev", accountId), opts).queueUrls }), {
      region: "eu-central-1",
    });
    assert.equal(plan.resources(QUEUE).length, 4);
    for (const queue of plan.resources(QUEUE)) assert.equal(queue.region, "eu-central-1");
    assert.match(plan.outputs.urls.orders, /^https:\/\/sqs\.eu-central-1\.amazonaws\.com\/\d{12}\/platform-component-orders$/);
  });

  it("refuses a component declared without a provider, as the project refuses default providers", async () => {
    await assert.rejects(
      planComponent(({ accountId }) => {
        new Queues("q", queuesArgs("dev", accountId));
      }),
      /default provider/i,
    );
  });

  it("refuses what AWS refuses, through the catalogue's mocks", async () => {
    // Past the config schema (which would refuse it first): SQS's own limit of 12 hours.
    const settings = { ...queue("slow"), visibilityTimeoutSeconds: 43_201 };
    await assert.rejects(
      planComponent(({ accountId, opts }) => {
        new Queues("q", queuesArgs("dev", accountId, { queues: [settings] }), opts);
      }),
      /visibilityTimeoutSeconds/,
    );
  });
});
