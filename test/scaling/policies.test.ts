/** The pack over KEDA's objects: residency of what a scaler reads, and the replica bounds prod requires. */
import { strict as assert } from "node:assert";
import { committedPlan } from "../helpers/plan";
import { edit, named, replace, violations } from "../policies/helpers";

const EU_SCALED = "eu-west-1-queue-scalers-orders";
const EU_AUTH = "eu-west-1-queue-scalers-orders-auth";
const US_QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/111122223333/platform-prod-orders";

describe("queue scaling: policies", () => {
  describe("cluster-objects-in-zone", () => {
    it("passes the committed stacks: each scaler names its own region's queue", async () => {
      for (const env of ["dev", "prod"] as const)
        assert.deepEqual(await violations("cluster-objects-in-zone", await committedPlan(env), env), []);
    });

    for (const env of ["dev", "prod"] as const) {
      it(`refuses an EU cluster's scaler reading a US queue by URL (${env})`, async () => {
        const plan = edit(
          await committedPlan(env),
          named(EU_SCALED),
          (inputs) => (inputs.spec.triggers[0].metadata.queueURL = US_QUEUE_URL),
        );
        const found = await violations("cluster-objects-in-zone", plan, env);
        assert.equal(found.length, 1);
        assert.equal(found[0].enforcementLevel, "mandatory");
        assert.match(
          found[0].message,
          /^eu-west-1-queue-scalers-orders spec\.triggers\[0\]\.metadata\.queueURL \(set by platform:regions\[\]\.queues\[\]\.scaling\) points at us-east-1 \(zone us\), but it runs in cluster eu-west-1-cluster-eks in residency zone "eu"/,
        );
      });
    }

    it("refuses a scaler whose awsRegion is in another zone, and a queue given by an ARN of another zone", async () => {
      const prod = await committedPlan("prod");
      const region = edit(prod, named(EU_SCALED), (inputs) => (inputs.spec.triggers[0].metadata.awsRegion = "us-west-2"));
      assert.match(
        (await violations("cluster-objects-in-zone", region, "prod"))[0]?.message ?? "",
        /awsRegion .*names us-west-2 \(zone us\)/,
      );
      const arn = edit(
        prod,
        named(EU_SCALED),
        (inputs) => (inputs.spec.triggers[0].metadata.queueURL = "arn:aws:sqs:us-east-1:111122223333:orders"),
      );
      assert.match((await violations("cluster-objects-in-zone", arn, "prod"))[0]?.message ?? "", /queueURL .*points at us-east-1/);
    });

    it("accepts a scaler reading another region of its own zone (eu-central-1 from eu-west-1)", async () => {
      const plan = edit(await committedPlan("prod"), named(EU_SCALED), (inputs) => {
        inputs.spec.triggers[0].metadata.queueURL = "https://sqs.eu-central-1.amazonaws.com/111122223333/platform-prod-orders";
        inputs.spec.triggers[0].metadata.awsRegion = "eu-central-1";
      });
      assert.deepEqual(await violations("cluster-objects-in-zone", plan, "prod"), []);
    });

    it("refuses a TriggerAuthentication reading secrets from another zone's Secrets Manager", async () => {
      const plan = edit(await committedPlan("prod"), named(EU_AUTH), (inputs) => {
        inputs.spec.awsSecretManager = {
          region: "us-east-1",
          secrets: [{ parameter: "p", name: "arn:aws:secretsmanager:us-east-1:111122223333:secret:x" }],
        };
      });
      const messages = (await violations("cluster-objects-in-zone", plan, "prod")).map((v) => v.message);
      assert.equal(messages.length, 2);
      assert.ok(messages.some((m) => /awsSecretManager\.region .*names us-east-1/.test(m)));
      assert.ok(messages.some((m) => /secrets\[0\]\.name .*references arn:aws:secretsmanager:us-east-1/.test(m)));
    });

    it("refuses a scaler whose cluster cannot be told (a provider outside the stack's clusters)", async () => {
      const plan = replace(await committedPlan("prod"), named(EU_SCALED), () => ({
        provider: "urn:pulumi:prod::platform::pulumi:providers:kubernetes::elsewhere::id",
      }));
      assert.match(
        (await violations("cluster-objects-in-zone", plan, "prod"))[0]?.message ?? "",
        /residency zone of its cluster cannot be determined/,
      );
    });
  });

  describe("autoscaling-bounds on ScaledObjects", () => {
    it("passes the committed stacks (dev scales to zero, which its config allows)", async () => {
      for (const env of ["dev", "prod"] as const)
        assert.deepEqual(await violations("autoscaling-bounds", await committedPlan(env), env), []);
    });

    it("refuses scale to zero in prod, and a minimum above the maximum anywhere", async () => {
      const zero = edit(await committedPlan("prod"), named(EU_SCALED), (inputs) => (inputs.spec.minReplicaCount = 0));
      assert.match(
        (await violations("autoscaling-bounds", zero, "prod"))[0]?.message ?? "",
        /spec\.minReplicaCount is 0; keep at least 1 replica.* In the stack file: platform:regions\[\]\.queues\[\]\.scaling/,
      );
      const inverted = edit(await committedPlan("dev"), named(EU_SCALED), (inputs) => (inputs.spec.minReplicaCount = 9));
      assert.match((await violations("autoscaling-bounds", inverted, "dev"))[0]?.message ?? "", /spec\.minimum 9 exceeds the maximum 5/);
    });

    it("refuses a prod ScaledObject without headroom (max = min)", async () => {
      const flat = edit(await committedPlan("prod"), named(EU_SCALED), (inputs) => (inputs.spec.maxReplicaCount = 2));
      assert.match((await violations("autoscaling-bounds", flat, "prod"))[0]?.message ?? "", /raise the maximum above the minimum/);
    });
  });
});
