import * as assert from "node:assert/strict";
import { INTERRUPTION_EVENTS, MAX_RULE_NAME, interruptionRuleName } from "../../components/cluster/interruption-queue";
import { committedPlan, inputsOf, ofType } from "../helpers/plan";

/** Constraints real AWS (or the provider's Check) enforces and the offline mocks would accept anyway. */
describe("compute: what AWS itself would refuse", () => {
  for (const stack of ["dev", "prod"] as const) {
    it(`names every EventBridge rule of ${stack} within EventBridge's 64 characters, uniquely per region`, async () => {
      const rules = ofType(await committedPlan(stack), "aws:cloudwatch/eventRule:EventRule");
      assert.ok(rules.length > 0);
      const seen = new Set<string>();
      for (const rule of rules) {
        // Without a name the provider auto-names `<logical name>-<7 hex>` and refuses it beyond 64.
        const name: string = inputsOf(rule).name ?? `${rule.name}-0000000`;
        assert.ok(name.length <= MAX_RULE_NAME, `${rule.name}: ${name} has ${name.length} characters`);
        assert.match(name, /^[.\-_A-Za-z0-9]+$/);
        const key = `${rule.region}/${name}`;
        assert.ok(!seen.has(key), `${key} is used twice`);
        seen.add(key);
      }
    });
  }

  it("shortens long cluster names in rule names and keeps them distinct", () => {
    const long = "a".repeat(90);
    const names = Object.keys(INTERRUPTION_EVENTS).flatMap((event) => [
      interruptionRuleName(`${long}-blue`, event),
      interruptionRuleName(`${long}-green`, event),
    ]);
    for (const name of names) assert.ok(name.length <= MAX_RULE_NAME && /^[.\-_A-Za-z0-9]+$/.test(name), name);
    assert.equal(new Set(names).size, names.length);
    assert.equal(interruptionRuleName("platform-prod", "rebalance"), "platform-prod-karpenter-rebalance");
  });
});
