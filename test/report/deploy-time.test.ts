import assert from "node:assert/strict";
import { creationTime } from "../../tools/catalogue/facts";
import { estimateDeployTime, renderDeployEstimate } from "../../tools/report/deploy-time";
import { committedConfig, planConfig } from "../helpers/plan";
import { PROD_REGIONS, syntheticPlan } from "./fixtures";

/** Within 5%: regions deploy in parallel, so adding regions must not add their times up. */
function assertClose(one: number, many: number) {
  assert.ok(one > 0);
  assert.ok(Math.abs(many - one) / one <= 0.05, `one region ${one}s vs many ${many}s`);
}

describe("report: deploy-time estimate", () => {
  it("is the critical path: VPC -> cluster -> node group, not the sum of all resources", () => {
    const plan = syntheticPlan([{ region: "eu-west-1", zone: "eu" }], { edge: false });
    const estimate = estimateDeployTime(plan);
    const seconds = (type: string) => creationTime(type).seconds;
    // The RDS chain (VPC -> primary -> replica) is the longest path in a region without a cluster wait.
    const expected = Math.max(
      seconds("awsx:ec2:Vpc") + seconds("aws:rds/instance:Instance") * 2,
      seconds("awsx:ec2:Vpc") + seconds("aws:eks/cluster:Cluster") + seconds("aws:eks/nodeGroup:NodeGroup"),
    );
    assert.equal(estimate.totalSeconds, expected);
    assert.deepEqual(
      estimate.criticalPath.map((s) => s.type),
      ["awsx:ec2:Vpc", "aws:rds/instance:Instance", "aws:rds/instance:Instance"],
    );
    assert.match(renderDeployEstimate(estimate), /critical path:\n.*awsx:ec2:Vpc eu-west-1-network-vpc/);
  });

  it("one region equals four regions within a small margin (synthetic, no DR)", () => {
    const one = estimateDeployTime(syntheticPlan(PROD_REGIONS.slice(0, 1).map((r) => ({ ...r, drOf: undefined }))));
    const four = estimateDeployTime(syntheticPlan(PROD_REGIONS.map((r) => ({ ...r, drOf: undefined }))));
    assertClose(one.totalSeconds, four.totalSeconds);
    assert.ok(four.sequentialRegionsSeconds > 3.5 * four.byRegion["us-east-1"]);
    assert.deepEqual(Object.keys(four.byRegion).sort(), ["eu-central-1", "eu-west-1", "global", "us-east-1", "us-west-2"]);
  });

  it("a cross-region DR replica lengthens the path by its own creation time only", () => {
    const dr = estimateDeployTime(syntheticPlan(PROD_REGIONS));
    const noDr = estimateDeployTime(syntheticPlan(PROD_REGIONS.map((r) => ({ ...r, drOf: undefined }))));
    assert.ok(dr.totalSeconds > noDr.totalSeconds);
    assert.ok(dr.criticalPath.some((s) => s.name.endsWith("-db-dr")));
  });

  it("one region equals four regions within a small margin (committed prod config, DR replicas off)", async () => {
    // Prod refuses a zone's primaries without DR replicas, so the sizes are prod's under dev's rules.
    const config: Record<string, unknown> = { ...committedConfig("prod"), "platform:environment": "dev" };
    const regions = (config["platform:regions"] as Record<string, any>[]).map((r) => {
      const copy = structuredClone(r);
      if (copy.database) delete copy.database.drReplica;
      return copy;
    });
    const [one, four] = await Promise.all([
      planConfig({ ...config, "platform:regions": regions.slice(0, 1) }, "one"),
      planConfig({ ...config, "platform:regions": regions }, "four"),
    ]);
    assertClose(estimateDeployTime(one).totalSeconds, estimateDeployTime(four).totalSeconds);
  });
});
