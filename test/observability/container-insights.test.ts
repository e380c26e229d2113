import { strict as assert } from "node:assert";
import { Plan } from "../../tools/engine/model";
import { committedConfig, committedPlan, inputsOf, ofType, planConfig } from "../helpers/plan";

/** Regions holding a Karpenter capacity alarm on Container Insights' node_cpu_limit. */
function capacityAlarmRegions(plan: Plan): string[] {
  return ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm")
    .filter((a) => inputsOf(a).name === `platform-${plan.stack}-${a.region}-karpenter-capacity`)
    .map((a) => {
      assert.equal(inputsOf(a).namespace, "ContainerInsights");
      assert.equal(inputsOf(a).metricName, "node_cpu_limit");
      return a.region!;
    })
    .sort();
}

/** Regions whose cluster runs the amazon-cloudwatch-observability add-on (the alarm's data source). */
function containerInsightsRegions(plan: Plan): string[] {
  return ofType(plan, "aws:eks/addon:Addon")
    .filter((a) => inputsOf(a).addonName === "amazon-cloudwatch-observability")
    .map((a) => a.region!)
    .sort();
}

describe("observability: the Karpenter capacity alarm exists only where Container Insights feeds it", () => {
  for (const stack of ["prod", "dev"] as const) {
    it(`${stack}: Container Insights is on by default, so every region has the alarm`, async () => {
      const plan = await committedPlan(stack);
      const regions = ofType(plan, "aws:eks/cluster:Cluster")
        .map((c) => c.region!)
        .sort();
      assert.deepEqual(containerInsightsRegions(plan), regions);
      assert.deepEqual(capacityAlarmRegions(plan), regions);
    });
  }

  it("cluster.containerInsights: false removes the add-on and the alarm in that region only", async () => {
    const config = committedConfig("dev");
    const regions = config["platform:regions"] as Record<string, unknown>[];
    regions[0] = { ...regions[0], cluster: { containerInsights: false } };
    const plan = await planConfig(config);
    const kept = [regions[1].region as string];
    assert.deepEqual(containerInsightsRegions(plan), kept);
    assert.deepEqual(capacityAlarmRegions(plan), kept);
    // The rest of the region's operations view stays: only the alarm without data is gone.
    const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.region === regions[0].region);
    assert.ok(alarms.some((a) => String(inputsOf(a).name).endsWith("-rds-cpu")));
  });
});
