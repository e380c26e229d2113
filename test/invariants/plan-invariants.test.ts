import { strict as assert } from "node:assert";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { serviceLogGroupFindings } from "../../tools/invariants/log-groups";
import { replicaKeyFindings, unwatchedCrossRegionReplicas } from "../../tools/invariants/replicas";
import { committedPlan, inputsOf } from "../helpers/plan";

/** A copy of a plan with its resources rewritten (the committed plans are shared between tests). */
function planted(plan: Plan, rewrite: (resources: PlannedResource[]) => PlannedResource[]): Plan {
  return { ...plan, resources: rewrite(plan.resources.map((r) => ({ ...r }))) };
}

const isRdsLogGroup = (r: PlannedResource) =>
  r.type === "aws:cloudwatch/logGroup:LogGroup" && /^\/aws\/rds\/instance\//.test(inputsOf(r).name ?? "");

describe("plan invariants: what AWS refuses or leaves unbounded, over every committed plan", () => {
  const plans: Record<string, Plan> = {};
  before(async () => {
    plans.dev = await committedPlan("dev");
    plans.prod = await committedPlan("prod");
  });

  it("every log group a service creates is declared first, with a retention (dev and prod)", () => {
    for (const [stack, plan] of Object.entries(plans)) assert.deepEqual(serviceLogGroupFindings(plan), [], stack);
    // The RDS exports are among them: two per instance.
    const instances = plans.prod.resources.filter((r) => r.type === "aws:rds/instance:Instance").length;
    assert.equal(plans.prod.resources.filter(isRdsLogGroup).length, 2 * instances);
  });

  it("refuses a plan whose RDS log-export group is missing, has no retention, or is not waited for", () => {
    const missing = planted(plans.dev, (rs) => rs.filter((r) => !(isRdsLogGroup(r) && r.name.includes("primary-postgresql"))));
    assert.match(
      serviceLogGroupFindings(missing)[0].problem,
      /makes AWS create \/aws\/rds\/instance\/platform-dev-primary\/postgresql .* no retention/,
    );

    const forever = planted(plans.dev, (rs) =>
      rs.map((r) => (isRdsLogGroup(r) ? { ...r, inputs: { ...r.inputs, retentionInDays: undefined } } : r)),
    );
    assert.ok(serviceLogGroupFindings(forever).some((f) => /declared without retentionInDays/.test(f.problem)));

    const racing = planted(plans.dev, (rs) =>
      rs.map((r) =>
        r.type === "aws:rds/instance:Instance" ? { ...r, dependencies: r.dependencies.filter((d) => !d.includes("-logs")) } : r,
      ),
    );
    assert.ok(serviceLogGroupFindings(racing).some((f) => /not a dependency/.test(f.problem)));
  });

  it("refuses an EKS cluster or Container Insights whose log groups are not declared", () => {
    const noCluster = planted(plans.dev, (rs) =>
      rs.filter((r) => !(r.type === "aws:cloudwatch/logGroup:LogGroup" && /\/cluster$/.test(inputsOf(r).name ?? ""))),
    );
    assert.ok(serviceLogGroupFindings(noCluster).some((f) => /\/aws\/eks\/.*\/cluster/.test(f.logGroup)));
    const noInsights = planted(plans.dev, (rs) =>
      rs.filter((r) => !(r.type === "aws:cloudwatch/logGroup:LogGroup" && /containerinsights/.test(inputsOf(r).name ?? ""))),
    );
    assert.equal(serviceLogGroupFindings(noInsights).length, 4 * 2, "four groups per cluster, two clusters");
  });

  it("no read replica sets a KmsKeyId RDS refuses, and every cross-region one has a key of its region", () => {
    for (const [stack, plan] of Object.entries(plans)) assert.deepEqual(replicaKeyFindings(plan), [], stack);
  });

  it("refuses a same-region replica with kmsKeyId, and a cross-region one without a key of its own region", () => {
    const withKey = planted(plans.prod, (rs) =>
      rs.map((r) =>
        r.type === "aws:rds/instance:Instance" && /-replica-1$/.test(r.name)
          ? { ...r, inputs: { ...r.inputs, kmsKeyId: inputsOf(r).performanceInsightsKmsKeyId } }
          : r,
      ),
    );
    const findings = replicaKeyFindings(withKey);
    assert.equal(findings.length, 4, "one in-region replica-1 per prod region");
    assert.match(findings[0].problem, /same-region read replica must not set kmsKeyId: RDS refuses it \(InvalidParameterCombination\)/);

    const sourceKey = planted(plans.prod, (rs) => {
      const primaryKey = inputsOf(
        rs.find((r) => r.region === "us-east-1" && /-primary$/.test(r.name) && r.type === "aws:rds/instance:Instance")!,
      ).kmsKeyId;
      return rs.map((r) =>
        r.type === "aws:rds/instance:Instance" && r.region === "us-west-2" && r.name.includes("-dr-")
          ? { ...r, inputs: { ...r.inputs, kmsKeyId: primaryKey } }
          : r,
      );
    });
    assert.match(replicaKeyFindings(sourceKey)[0].problem, /key is in us-east-1; a replica in us-west-2 needs a key of its own region/);
  });

  it("every cross-region DR replica has a ReplicaLag alarm that notifies, at most half the RPO", () => {
    assert.deepEqual(unwatchedCrossRegionReplicas(plans.prod), []);
    const lagAlarms = plans.prod.resources.filter(
      (r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.name.endsWith("-replica-lag"),
    );
    assert.equal(lagAlarms.length, 4);
    for (const alarm of lagAlarms) {
      // prod: RPO 15 min, replica-lag threshold 60 s -> min(60, 450).
      assert.equal(inputsOf(alarm).threshold, 60);
      assert.equal(inputsOf(alarm).treatMissingData, "notBreaching");
    }
    const unwatched = planted(plans.prod, (rs) =>
      rs.filter((r) => !(r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.name.endsWith("-replica-lag"))),
    );
    assert.equal(unwatchedCrossRegionReplicas(unwatched).length, 4);
  });
});
