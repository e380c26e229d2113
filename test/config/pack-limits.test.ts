/**
 * Config refuses, at the key the user typed, what the environment's policy pack would refuse on
 * the resources; the limits are read from the pack (settings + policies/config/<env>.json), so the
 * two agree at the boundary.
 */
import { strict as assert } from "node:assert";
import { packLimits } from "../../components/config/pack-limits";
import { MIRRORED_POLICIES, reconcile } from "../../policies/lib/settings";
import { committedPlan } from "../helpers/plan";
import { edit, violations } from "../policies/helpers";
import { fromCommitted, minimal, rejects, resolve } from "./helpers";

const prod = () => fromCommitted("prod");
const PROD_FILE = "policies/config/prod.json";

describe("stack config: prod refuses what the prod pack refuses, at the stack key", () => {
  it("database.multiAz: false (set in regionDefaults, so blamed there)", () => {
    const values = prod();
    values.regionDefaults.database.multiAz = false;
    rejects(
      values,
      "platform:regionDefaults.database.multiAz",
      `must be true in prod: a primary must survive the loss of an availability zone (policy multi-az, ${PROD_FILE}) (inherited by regions[0] (us-east-1), regions[1] (us-west-2), regions[2] (eu-west-1), regions[3] (eu-central-1))`,
    );
  });

  it("backup retention below the prod minimum, for databases and caches, agreeing with the pack at the boundary", async () => {
    const { minimumDays, cacheMinimumDays } = packLimits("prod").backup!;
    const values = prod();
    values.regions[2].database.backupRetentionDays = minimumDays - 1;
    values.regions[2].cache = { snapshotRetentionDays: cacheMinimumDays - 1 };
    rejects(
      values,
      "platform:regions[2].database.backupRetentionDays",
      `must be at least ${minimumDays} in prod, got ${minimumDays - 1} (policy backup-retention, ${PROD_FILE})`,
    );
    rejects(
      values,
      "platform:regions[2].cache.snapshotRetentionDays",
      new RegExp(`^must be at least ${cacheMinimumDays} in prod, got ${cacheMinimumDays - 1}`),
    );
    values.regions[2].database.backupRetentionDays = minimumDays;
    values.regions[2].cache = { snapshotRetentionDays: cacheMinimumDays };
    assert.equal(resolve(values, "prod").regions[2].database.backupRetentionDays, minimumDays);
    // The pack draws the line at the same number.
    const plan = await committedPlan("prod");
    const primary = (r: { name: string }) => r.name === "eu-west-1-database-primary";
    assert.equal(
      (
        await violations(
          "backup-retention",
          edit(plan, primary, (i) => (i.backupRetentionPeriod = minimumDays)),
          "prod",
        )
      ).length,
      0,
    );
    assert.equal(
      (
        await violations(
          "backup-retention",
          edit(plan, primary, (i) => (i.backupRetentionPeriod = minimumDays - 1)),
          "prod",
        )
      ).length,
      1,
    );
  });

  it("database.deletionProtection: false, cache.multiAz: false", () => {
    const values = prod();
    values.regions[1].database.deletionProtection = false;
    values.regions[1].cache = { multiAz: false, replicas: 0 };
    rejects(
      values,
      "platform:regions[1].database.deletionProtection",
      /^must be true in prod: .*\(policy deletion-protection, policies\/config\/prod\.json\)$/,
    );
    rejects(values, "platform:regions[1].cache.multiAz", /^must be true in prod: .*\(policy multi-az, /);
  });

  it("a node group without room to scale out", () => {
    const values = prod();
    values.regions[0].cluster = { systemNodeGroup: { minSize: 3, desiredSize: 3, maxSize: 3 } };
    rejects(
      values,
      "platform:regions[0].cluster.systemNodeGroup.maxSize",
      /^must be greater than minSize \(3\), so the group can scale out \(policy autoscaling-bounds, requireHeadroom in policies\/config\/prod\.json\); got 3$/,
    );
  });

  it("a primary without a DR replica in a zone with other regions, and prod without a domain", () => {
    const values = prod();
    delete values.regions[3].database;
    delete values.edge.domain;
    delete values.edge.hostedZoneId;
    values.edge.certificate = { strategy: "none" };
    rejects(
      values,
      "platform:regions[3].database.drReplica",
      /^is required in prod: zone "eu" has other regions in this stack \(eu-west-1\), so the primary needs a DR replica in one of them, e\.g\. drReplica: \{ region: eu-west-1 \} \(policy dr-replica-per-zone/,
    );
    rejects(
      values,
      "platform:edge.domain",
      /^is required in prod: without a domain the CDN serves CloudFront's default certificate .*\(policy cloudfront-https-only, /,
    );
  });

  it("the tags the required-tags policy needs", () => {
    rejects(
      { ...minimal(), tags: { team: "platform" } },
      "platform:tags",
      "must set cost-center: the required-tags policy requires them, non-empty, on every resource",
    );
  });

  it("dev accepts what only the prod pack refuses", () => {
    const values = {
      ...minimal(),
      regions: [{ region: "us-east-1", zone: "us", database: { multiAz: false, deletionProtection: false, backupRetentionDays: 1 } }],
    };
    assert.equal(resolve(values).regions[0].database.multiAz, false);
  });
});

describe("pack limits are read from the pack, never repeated", () => {
  it("follow the policy config file: levels, `all` and properties", () => {
    const backup = MIRRORED_POLICIES["backup-retention"];
    assert.deepEqual(reconcile({}, "backup-retention", backup), {
      enforcementLevel: "mandatory",
      properties: { minimumDays: 7, cacheMinimumDays: 1 },
    });
    assert.equal(reconcile({ "backup-retention": { minimumDays: 10 } }, "backup-retention", backup).properties.minimumDays, 10);
    assert.equal(reconcile({ all: "advisory" }, "multi-az", MIRRORED_POLICIES["multi-az"]).enforcementLevel, "advisory");
    assert.equal(
      reconcile({ all: "advisory", "multi-az": "mandatory" }, "multi-az", MIRRORED_POLICIES["multi-az"]).enforcementLevel,
      "mandatory",
    );
    assert.equal(
      reconcile({ "multi-az": { enforcementLevel: "disabled" } }, "multi-az", MIRRORED_POLICIES["multi-az"]).enforcementLevel,
      "disabled",
    );
  });

  it("match each environment's committed policy config", () => {
    const prodLimits = packLimits("prod");
    const devLimits = packLimits("dev");
    assert.deepEqual(prodLimits.backup, { minimumDays: 7, cacheMinimumDays: 7 });
    assert.deepEqual(devLimits.backup, { minimumDays: 1, cacheMinimumDays: 1 });
    assert.equal(prodLimits.multiAz && prodLimits.deletionProtection && prodLimits.drReplicaPerZone && prodLimits.cdnNeedsDomain, true);
    assert.equal(devLimits.multiAz || devLimits.deletionProtection || devLimits.drReplicaPerZone || devLimits.cdnNeedsDomain, false);
  });
});
