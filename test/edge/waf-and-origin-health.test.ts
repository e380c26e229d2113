import { strict as assert } from "node:assert";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { wafWriteBodyFindings } from "../../tools/invariants/waf";
import { committedConfig, committedPlan, inputsOf, ofType, planConfig } from "../helpers/plan";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";

function withAclRules(plan: Plan, change: (rules: any[]) => any[]): Plan {
  return {
    ...plan,
    resources: plan.resources.map((r): PlannedResource =>
      r.type === WEB_ACL ? { ...r, inputs: { ...r.inputs, rules: change(structuredClone(inputsOf(r).rules)) } } : r,
    ),
  };
}

describe("edge: the WAF lets API writes with large bodies through", () => {
  let plan: Plan;
  before(async () => {
    plan = await committedPlan("prod");
  });

  it("counts SizeRestrictions_BODY and re-blocks oversized bodies only outside the API paths", () => {
    assert.deepEqual(wafWriteBodyFindings(plan), []);
    const rules = inputsOf(ofType(plan, WEB_ACL)[0]).rules as any[];
    const crs = rules.find((r) => r.name === "AWSManagedRulesCommonRuleSet");
    assert.deepEqual(crs.statement.managedRuleGroupStatement.ruleActionOverrides, [
      { name: "SizeRestrictions_BODY", actionToUse: { count: {} } },
    ]);
    const reblock = rules.find((r) => r.name === "oversized-body-outside-api");
    assert.ok(reblock.priority > crs.priority, "evaluated after the label is added");
    const regex = new RegExp(reblock.statement.andStatement.statements[1].notStatement.statement.regexMatchStatement.regexString);
    for (const path of ["/us/api/orders", "/eu/api/orders"]) assert.ok(regex.test(path), path);
    for (const path of ["/us/assets/app.js", "/", "/api/us/"]) assert.ok(!regex.test(path), path);
    assert.deepEqual(
      rules.map((r) => r.priority),
      rules.map((_, i) => i + 1),
      "priorities are unique and ordered",
    );
  });

  it("refuses a web ACL that blocks bodies over 8 KB on paths that accept writes", () => {
    const blocking = withAclRules(plan, (rules) =>
      rules.map((r) =>
        r.name === "AWSManagedRulesCommonRuleSet"
          ? { ...r, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: r.name } } }
          : r,
      ),
    );
    assert.match(
      wafWriteBodyFindings(blocking)[0].problem,
      /SizeRestrictions_BODY blocks bodies over 8 KB on \/us\/api\/, \/eu\/api\/, which accept POST\/PUT\/PATCH/,
    );
    const narrow = withAclRules(plan, (rules) =>
      rules.map((r) => {
        if (r.name !== "oversized-body-outside-api") return r;
        r.statement.andStatement.statements[1].notStatement.statement.regexMatchStatement.regexString = "^(/us/api/)";
        return r;
      }),
    );
    assert.deepEqual(
      wafWriteBodyFindings(narrow).map((f) => f.problem),
      ["rule oversized-body-outside-api blocks oversized bodies on /eu/api/, which accepts writes"],
    );
  });
});

describe("edge: origin-health alarms page only once the application is deployed", () => {
  const compositeRules = (p: Plan) =>
    ofType(p, "aws:cloudwatch/compositeAlarm:CompositeAlarm")
      .filter((a) => a.name.endsWith("-region-unhealthy"))
      .map((a) => String(inputsOf(a).alarmRule));

  it("before: the no-healthy-targets alarms steer Route 53 but stay out of the paging composite, and the plan says so", async () => {
    const plan = await committedPlan("prod");
    const health = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.endsWith("-no-healthy-targets"));
    assert.equal(health.length, 4);
    for (const rule of compositeRules(plan)) assert.doesNotMatch(rule, /no-healthy-targets/);
    const checks = ofType(plan, "aws:route53/healthCheck:HealthCheck").map((c) => inputsOf(c).cloudwatchAlarmName);
    assert.equal(checks.length, 4);
    assert.ok((plan.outputs.notices as string[]).some((n) => /edge\.origin\.applicationDeployed is false/.test(n)));
  });

  it("after: with edge.origin.applicationDeployed, each region's composite pages on its origin's health", async () => {
    const config = committedConfig("prod");
    const edge = config["platform:edge"] as Record<string, any>;
    config["platform:edge"] = { ...edge, origin: { applicationDeployed: true } };
    const plan = await planConfig(config, "prod");
    const rules = compositeRules(plan);
    assert.equal(rules.length, 4);
    for (const rule of rules) assert.match(rule, /no-healthy-targets/);
    assert.ok(!(plan.outputs.notices as string[]).some((n) => /applicationDeployed/.test(n)));
  });
});
