import { strict as assert } from "node:assert";
import { supportsTransitEncryptionMode } from "../../components/cache/elasticache-rules";
import { Plan } from "../../tools/engine/model";
import { committedConfig, committedPlan, inputsOf, ofType, outputsOf, planConfig, single } from "../helpers/plan";
import { REPLICATION_GROUP, parentOf, primaries } from "../helpers/fixtures";

const RANDOM_ID = "random:index/randomId:RandomId";

/** Constraints real AWS enforces and the offline mocks would accept anyway. */
describe("data tier: what AWS itself would refuse", () => {
  let plan: Plan;
  before(async () => {
    plan = await committedPlan("prod");
  });

  it("gives every final snapshot a generated suffix, so a second deletion cannot collide with the first's snapshot", () => {
    const holders = [...primaries(plan), ...ofType(plan, REPLICATION_GROUP)];
    assert.ok(holders.length >= 8);
    const names = holders.map((resource) => {
      const name: string = inputsOf(resource).finalSnapshotIdentifier;
      const component = parentOf(plan, resource)!;
      const suffix = ofType(plan, RANDOM_ID).find((r) => r.parent === component.urn);
      assert.ok(suffix, `${resource.name}: a RandomId beside it`);
      assert.ok(name.endsWith(`-final-${outputsOf(suffix).hex}`), `${resource.name}: ${name}`);
      assert.match(name, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "a valid RDS / ElastiCache snapshot identifier");
      return name;
    });
    assert.equal(new Set(names).size, names.length);
  });

  it("omits transitEncryptionMode for Redis OSS 6.x, which rejects it, and keeps TLS on", async () => {
    assert.equal(supportsTransitEncryptionMode("redis", "6.2"), false);
    assert.equal(supportsTransitEncryptionMode("redis", "7.1"), true);
    assert.equal(supportsTransitEncryptionMode("valkey", "7.2"), true);
    const config = committedConfig("dev");
    config["platform:regionDefaults"] = { cache: { engine: "redis", engineVersion: "6.2" } };
    const redis = await planConfig(config);
    const inputs = inputsOf(single(redis, REPLICATION_GROUP, "us-east-1"));
    assert.equal(inputs.engine, "redis");
    assert.equal(inputs.transitEncryptionEnabled, true);
    assert.equal(inputs.transitEncryptionMode, undefined);
    assert.equal(inputsOf(single(plan, REPLICATION_GROUP, "us-east-1")).transitEncryptionMode, "required");
  });
});
