import { strict as assert } from "node:assert";
import { ConfigError, resolvePlatformConfig } from "../../components/config";
import { AWS_REGIONS, EKS_UNSUPPORTED_ZONE_IDS, pickAvailabilityZones } from "../../components/config/aws-regions";
import { INVOKE_MOCKS } from "../../tools/engine/mocks";
import { committedPlan, inputsOf, ofType } from "../helpers/plan";
import { committedValues } from "../helpers/fixtures";

const GET_AZS = "aws:index/getAvailabilityZones:getAvailabilityZones";

describe("network: availability zones come from the account, picked by zone ID", () => {
  it("drops the zones EKS refuses by ID, whatever their name, and orders by ID", () => {
    const names = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];
    const ids = ["use1-az4", "use1-az3", "use1-az1", "use1-az6"];
    assert.deepEqual(pickAvailabilityZones("us-east-1", names, ids, 3), ["us-east-1c", "us-east-1a", "us-east-1d"]);
    assert.throws(
      () => pickAvailabilityZones("us-west-1", ["us-west-1a", "us-west-1c"], ["usw1-az2", "usw1-az3"], 2),
      /^Error: us-west-1: this account has 1 availability zones EKS accepts \(us-west-1c=usw1-az3\), azCount asks for 2/,
    );
  });

  it("the offline answer is AWS-shaped: region-letter names, zone IDs of the region, paired per account", () => {
    for (const region of AWS_REGIONS) {
      const a = INVOKE_MOCKS[GET_AZS]({ token: GET_AZS, inputs: {}, region: region.name, account: "111122223333" });
      assert.deepEqual(
        a.names,
        [...region.letters].map((l) => `${region.name}${l}`),
      );
      assert.deepEqual([...(a.zoneIds as string[])].sort(), [...region.zoneIds].sort());
      for (const id of a.zoneIds as string[]) assert.match(id, /^[a-z]+\d-az\d$/);
    }
  });

  it("maps names to zone IDs differently in different accounts", () => {
    const mappings = new Set(
      ["111122223333", "444455556666", "777788889999", "123456789012"].map((account) =>
        JSON.stringify(INVOKE_MOCKS[GET_AZS]({ token: GET_AZS, inputs: {}, region: "us-east-1", account }).zoneIds),
      ),
    );
    assert.ok(mappings.size > 1);
  });

  it("no committed VPC spans a zone EKS refuses", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const plan = await committedPlan(stack);
      const account = String(inputsOf(ofType(plan, "aws:iam/role:Role")[0]).assumeRolePolicy ?? "").match(/\d{12}/)?.[0] ?? "111122223333";
      for (const vpc of ofType(plan, "awsx:ec2:Vpc")) {
        const region = vpc.name.replace(/-network-vpc$/, "");
        const answer = INVOKE_MOCKS[GET_AZS]({ token: GET_AZS, inputs: {}, region, account });
        const idOf = new Map((answer.names as string[]).map((n, i) => [n, (answer.zoneIds as string[])[i]]));
        for (const name of inputsOf(vpc).availabilityZoneNames as string[]) {
          assert.ok(idOf.has(name), `${name} is a zone of ${region}`);
          assert.ok(!EKS_UNSUPPORTED_ZONE_IDS.includes(idOf.get(name)!), `${stack} ${name}=${idOf.get(name)}`);
        }
      }
    }
  });

  it("config refuses more AZs than EKS can use in the region", () => {
    const values = committedValues("prod");
    values.regions[0] = { ...values.regions[0], azCount: 6 };
    assert.throws(
      () => resolvePlatformConfig({ stack: "prod", values }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.issues.some(
          (i) =>
            i.path === "platform:regions[0].azCount" &&
            i.message ===
              "us-east-1 has 5 availability zones EKS accepts (zone IDs use1-az1, use1-az2, use1-az4, use1-az5, use1-az6), got 6",
        ),
    );
  });
});
