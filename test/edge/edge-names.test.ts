import assert from "node:assert/strict";
import { AWS_REGION_NAMES } from "../../components/config/aws-regions";
import { albLogicalName } from "../../components/edge/regional-origin";
import { committedConfig, inputsOf, ofType, outputsOf, planConfig } from "../helpers/plan";

/** Pulumi auto-names `<logical name>-<7 random chars>` and fails `pulumi up` beyond AWS's limit. */
const AUTONAME_SUFFIX = 8;
const ELB_NAME_MAX = 32;

describe("edge: ALB and target group names fit AWS's 32 characters", function () {
  this.timeout(120000);

  it("every supported region's ALB logical name leaves room for the auto-name suffix", () => {
    for (const region of AWS_REGION_NAMES) {
      const logical = albLogicalName(`${region}-origin`, region);
      assert.ok(logical.length + AUTONAME_SUFFIX <= ELB_NAME_MAX, `${logical} (${region}) is too long to auto-name`);
    }
  });

  it("plans a region with a 14-character name (ap-southeast-1) with auto-named ALB and target group", async () => {
    const config = committedConfig("dev");
    const regions = config["platform:regions"] as Record<string, unknown>[];
    config["platform:regions"] = [regions[0], { ...regions[1], region: "ap-southeast-1", zone: "apac" }];
    const plan = await planConfig(config, "names");
    for (const type of ["aws:lb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup"]) {
      const found = ofType(plan, type);
      assert.deepEqual(found.map((r) => r.region).sort(), ["ap-southeast-1", "us-east-1"]);
      for (const r of found) {
        assert.equal(inputsOf(r).name, undefined, `${r.name} is auto-named`);
        assert.ok(String(outputsOf(r).name).length <= ELB_NAME_MAX, `${r.name}: ${outputsOf(r).name}`);
      }
    }
  });
});
