import { strict as assert } from "node:assert";
import { POLICIES } from "../../policies/rules";
import { valuesAt } from "../../policies/lib/channels";
import { RESIDENCY_TYPES, channelPathPattern, residencyTypeOf } from "../../policies/lib/residency-types";
import { RESOURCE_MOCKS } from "../../tools/engine/mocks";
import { committedPlan } from "../helpers/plan";

describe("the pack's residency table (policies/lib/residency-types.ts)", () => {
  it("gives every entry sources and every channel a rule of the pack", () => {
    const rules = new Set(POLICIES.map((p) => p.name));
    for (const [type, entry] of Object.entries(RESIDENCY_TYPES)) {
      assert.ok(entry.sources.length > 0, `${type} has no sources`);
      for (const channel of entry.channels) assert.ok(rules.has(channel.rule), `${type} ${channel.path}: no rule ${channel.rule}`);
    }
  });

  it("has an offline mock for every custom type it knows, so a breach of any of them plans", () => {
    const exempt = ["pulumi:pulumi:Stack", "platform:*"];
    const missing = Object.entries(RESIDENCY_TYPES)
      .filter(([type, entry]) => !exempt.includes(type) && entry.placement !== "component")
      .map(([type]) => type)
      .filter((type) => RESOURCE_MOCKS[type] === undefined);
    assert.deepEqual(missing, []);
  });

  it("knows every type both committed stacks declare", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const unknown = (await committedPlan(stack)).resources.map((r) => r.type).filter((t) => residencyTypeOf(t) === undefined);
      assert.deepEqual([...new Set(unknown)], [], stack);
    }
  });

  it("matches a package pattern only where no exact entry exists", () => {
    assert.equal(residencyTypeOf("platform:edge:Cdn")?.placement, "component");
    assert.equal(residencyTypeOf("aws-native:s3:Bucket"), undefined);
    assert.equal(residencyTypeOf("platformx:a:B"), undefined);
  });

  it("reads channel paths through lists and JSON text, skipping values not known yet", () => {
    const props = {
      replicas: [{ region: "us-east-1" }, { region: "" }, { region: "eu-central-1" }],
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:eu-west-1:111122223333:dlq" }),
      unknownLater: new Proxy(
        {},
        {
          get: () => {
            throw new Error("unknown during preview");
          },
        },
      ),
    };
    assert.deepEqual(valuesAt(props, "replicas[].region"), [
      { path: "replicas[0].region", value: "us-east-1" },
      { path: "replicas[2].region", value: "eu-central-1" },
    ]);
    assert.deepEqual(valuesAt(props, "redrivePolicy#deadLetterTargetArn"), [
      { path: "redrivePolicy.deadLetterTargetArn", value: "arn:aws:sqs:eu-west-1:111122223333:dlq" },
    ]);
    assert.deepEqual(valuesAt(props, "unknownLater.x"), []);
    assert.ok(channelPathPattern("replicas[].kmsKeyId").test("replicas[12].kmsKeyId"));
    assert.ok(!channelPathPattern("replicas[].kmsKeyId").test("replicas[1].kmsKeyIdX"));
    assert.ok(channelPathPattern("redrivePolicy#deadLetterTargetArn").test("redrivePolicy.deadLetterTargetArn"));
  });
});
