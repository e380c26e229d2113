import { strict as assert } from "node:assert";
import { DEPLOY_CHECKS } from "../../tools/deploy-checks";
import { drReplicasWatched } from "../../tools/deploy-checks/checks/dr-replicas-watched";
import { serviceLogGroups } from "../../tools/deploy-checks/checks/service-log-groups";
import { wafApiWriteBodies } from "../../tools/deploy-checks/checks/waf-api-write-bodies";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { committedPlan, inputsOf } from "../helpers/plan";
import { findings } from "./helpers";

/** A copy of a plan with its resources rewritten (the committed plans are shared between tests). */
function planted(plan: Plan, rewrite: (resources: PlannedResource[]) => PlannedResource[]): Plan {
  return { ...plan, resources: rewrite(plan.resources.map((r) => ({ ...r }))) };
}

describe("deploy checks over what AWS services do on their own: log groups, DR replica lag, WAF body size", () => {
  const plans: Record<string, Plan> = {};
  before(async () => {
    plans.dev = await committedPlan("dev");
    plans.prod = await committedPlan("prod");
  });

  it("are listed in DEPLOY_CHECKS, so npm run plan runs them", () => {
    for (const check of [serviceLogGroups, drReplicasWatched, wafApiWriteBodies]) assert.ok(DEPLOY_CHECKS.includes(check), check.name);
  });

  it("pass both committed stacks", () => {
    for (const [stack, plan] of Object.entries(plans)) {
      for (const check of [serviceLogGroups, drReplicasWatched, wafApiWriteBodies])
        assert.deepEqual(findings(check, plan), [], `${stack}: ${check.name}`);
    }
  });

  it("service-log-groups: an RDS instance that no longer waits for its export log group fails, naming ResourceAlreadyExistsException", () => {
    const racing = planted(plans.dev, (rs) =>
      rs.map((r) =>
        r.type === "aws:rds/instance:Instance" ? { ...r, dependencies: r.dependencies.filter((d) => !d.includes("-logs")) } : r,
      ),
    );
    const found = findings(serviceLogGroups, racing);
    assert.ok(found.length > 0);
    assert.match(found[0].resource, /aws:rds\/instance:Instance::/);
    assert.match(found[0].atDeploy, /ResourceAlreadyExistsException/);
  });

  it("dr-replicas-watched: a cross-region replica without its ReplicaLag alarm fails", () => {
    const unwatched = planted(plans.prod, (rs) =>
      rs.filter((r) => !(r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.name.endsWith("-replica-lag"))),
    );
    const found = findings(drReplicasWatched, unwatched);
    assert.equal(found.length, 4, "one DR replica per prod region");
    assert.match(found[0].fix, /ReplicaLag alarm/);
  });

  it("waf-api-write-bodies: a web ACL letting SizeRestrictions_BODY block writes fails", () => {
    const blocking = planted(plans.prod, (rs) =>
      rs.map((r) => {
        if (r.type !== "aws:wafv2/webAcl:WebAcl") return r;
        const inputs = JSON.parse(JSON.stringify(inputsOf(r))) as Record<string, any>;
        for (const rule of inputs.rules ?? []) {
          const group = rule.statement?.managedRuleGroupStatement;
          if (group?.name === "AWSManagedRulesCommonRuleSet") group.ruleActionOverrides = [];
        }
        return { ...r, inputs };
      }),
    );
    const found = findings(wafApiWriteBodies, blocking);
    assert.ok(found.length > 0);
    assert.match(found[0].atDeploy, /403/);
  });
});
