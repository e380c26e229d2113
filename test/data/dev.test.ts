import { strict as assert } from "node:assert";
import { Plan } from "../../tools/engine/model";
import { committedPlan, inputsOf, ofType } from "../helpers/plan";
import { REPLICATION_GROUP, drReplicas, inRegionReplicas, primaries, resolvedCommitted } from "../helpers/fixtures";

describe("data tier: dev defaults are cheap", () => {
  let plan: Plan;
  const config = resolvedCommitted("dev");
  before(async () => {
    plan = await committedPlan("dev");
  });

  it("one small single-AZ primary per region, no replicas, no DR replica", () => {
    assert.equal(primaries(plan).length, config.regions.length);
    assert.equal(inRegionReplicas(plan).length, 0);
    assert.equal(drReplicas(plan).length, 0);
    for (const primary of primaries(plan)) {
      const inputs = inputsOf(primary);
      assert.match(inputs.instanceClass, /^db\.t4g\./);
      assert.equal(inputs.multiAz, false);
      assert.equal(inputs.allocatedStorage, 20);
      assert.equal(inputs.backupRetentionPeriod, 1, "the minimum that still allows replicas");
      // Still encrypted and TLS-only: cheap, not careless.
      assert.equal(inputs.storageEncrypted, true);
      assert.equal(inputs.manageMasterUserPassword, true);
    }
  });

  it("nothing is protected: dev stacks can be torn down", () => {
    for (const primary of primaries(plan)) {
      assert.equal(primary.options.protect, false);
      assert.equal(inputsOf(primary).deletionProtection, false);
      assert.equal(inputsOf(primary).skipFinalSnapshot, true);
      assert.equal(inputsOf(primary).finalSnapshotIdentifier, undefined);
    }
    for (const group of ofType(plan, REPLICATION_GROUP)) {
      assert.equal(group.options.protect, false);
      assert.equal(inputsOf(group).finalSnapshotIdentifier, undefined);
    }
    for (const key of ofType(plan, "aws:kms/key:Key")) assert.equal(key.options.protect, false);
    for (const secret of ofType(plan, "aws:secretsmanager/secret:Secret")) assert.equal(inputsOf(secret).recoveryWindowInDays, 0);
  });

  it("a single small cache node without failover, still encrypted", () => {
    for (const group of ofType(plan, REPLICATION_GROUP)) {
      const inputs = inputsOf(group);
      assert.match(inputs.nodeType, /^cache\.t4g\./);
      assert.equal(inputs.numCacheClusters, 1);
      assert.equal(inputs.automaticFailoverEnabled, false);
      assert.equal(inputs.multiAzEnabled, false);
      assert.equal(inputs.atRestEncryptionEnabled, true);
      assert.equal(inputs.transitEncryptionEnabled, true);
    }
  });
});
