import { strict as assert } from "node:assert";
import { Plan } from "../../tools/engine/model";
import { committedPlan, inputsOf, outputsOf, single } from "../helpers/plan";
import { QUEUE, REPLICATION_GROUP, drReplicas, primaries, resolvedCommitted, under } from "../helpers/fixtures";

/**
 * The data tier as the prod stack wires it: every configured region has its database, cache and
 * queues (Region), and every configured DR replica exists where config puts it (components/links).
 * What each component declares is tested alone (database, cache and queues tests).
 */
describe("data tier: stack wiring (prod)", () => {
  let plan: Plan;
  const config = resolvedCommitted("prod");
  before(async () => {
    plan = await committedPlan("prod");
  });

  it("every configured region has one primary, one cache and its queues, exported under its name", () => {
    for (const region of config.regions) {
      const exported = (plan.outputs.regions as any)[region.region];
      const [primary, ...others] = primaries(plan).filter((r) => r.region === region.region);
      assert.ok(primary && others.length === 0, `${region.region}: one primary`);
      assert.equal(inputsOf(primary).instanceClass, region.database.instanceClass);
      assert.equal(exported.database.primaryEndpoint, outputsOf(primary).endpoint);
      assert.equal(exported.database.replicaEndpoints.length, region.database.readReplicas);
      assert.equal(inputsOf(single(plan, REPLICATION_GROUP, region.region)).engineVersion, region.cache.engineVersion);
      const queues = under(plan, QUEUE, "platform:queues:Queues").filter((q) => q.region === region.region);
      assert.equal(queues.length, region.queues.length * 2, `${region.region}: each queue with its DLQ`);
      assert.deepEqual(Object.keys(exported.queueUrls).sort(), region.queues.map((q) => q.name).sort());
    }
  });

  it("declares exactly the configured DR replicas, in their target region, and exports each under it", () => {
    const expected = config.regions.filter((r) => r.database.drReplica !== undefined);
    assert.equal(drReplicas(plan).length, expected.length);
    for (const source of expected) {
      const target = source.database.drReplica!.region;
      const sourcePrimary = primaries(plan).find((r) => r.region === source.region)!;
      const [replica, ...others] = drReplicas(plan).filter((r) => inputsOf(r).replicateSourceDb === outputsOf(sourcePrimary).arn);
      assert.ok(replica && others.length === 0, `one DR replica of ${source.region}`);
      assert.equal(replica.region, target);
      assert.equal(config.regions.find((r) => r.region === target)!.zone, source.zone, "DR replica stays in its residency zone");
      assert.deepEqual((plan.outputs.regions as any)[target].database.drReplicas, [
        { sourceRegion: source.region, endpoint: outputsOf(replica).endpoint },
      ]);
    }
  });
});
