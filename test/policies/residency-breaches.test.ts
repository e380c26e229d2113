/** Runs the residency breaches of breaches.ts against the committed plans and the committed policy config. */
import { strict as assert } from "node:assert";
import { POLICIES } from "../../policies/rules";
import { loadPolicyConfig, runPolicies } from "../../tools/policy/run-policies";
import { committedPlan } from "../helpers/plan";
import { RESIDENCY_BREACHES } from "./breaches";
import { configFile, policyNamed, violations } from "./helpers";

describe("residency breaches (issue 13): each refused by a named rule", () => {
  for (const breach of RESIDENCY_BREACHES) {
    const env = breach.env ?? "prod";
    it(`${breach.policy} refuses ${breach.what} (${env})`, async () => {
      const found = await violations(breach.policy, breach.change(await committedPlan(env)), env);
      const match = found.find((v) => breach.expect.test(v.message));
      assert.ok(match, `no violation matching ${breach.expect}; got:\n${found.map((v) => v.message).join("\n") || "(none)"}`);
      assert.equal(match.enforcementLevel, breach.level ?? "mandatory");
    });
  }

  it("fails the whole prod pack (mandatory violations, so the plan exits 1) for every breach at once", async () => {
    let plan = await committedPlan("prod");
    for (const breach of RESIDENCY_BREACHES.filter((b) => (b.env ?? "prod") === "prod")) plan = breach.change(plan);
    const result = await runPolicies(plan, loadPolicyConfig(configFile("prod"), POLICIES));
    const refusedBy = new Set(
      result.policies.filter((p) => p.violations.some((v) => v.enforcementLevel === "mandatory")).map((p) => p.policy),
    );
    for (const breach of RESIDENCY_BREACHES.filter((b) => (b.env ?? "prod") === "prod"))
      assert.ok(refusedBy.has(breach.policy), breach.policy);
  });

  it("accepts the committed CDN log exemption only where the pack config lists the zone", async () => {
    const prod = await committedPlan("prod");
    assert.deepEqual(await violations("cdn-logs-in-viewer-zone", prod, "prod"), []);
    const strict = loadPolicyConfig(configFile("prod"), POLICIES);
    const withoutExemption = new Map(strict);
    withoutExemption.set("cdn-logs-in-viewer-zone", {
      enforcementLevel: "mandatory",
      properties: { ...strict.get("cdn-logs-in-viewer-zone")!.properties, exemptLogZones: [] },
    });
    const [outcome] = (await runPolicies(prod, withoutExemption, [policyNamed("cdn-logs-in-viewer-zone")])).policies;
    assert.equal(outcome.violations.length, 1);
    assert.match(outcome.violations[0].message, /logs of viewers of zone\(s\) eu leave their zone\. .*set platform:edge\.logZone to "us"/);
  });
});
