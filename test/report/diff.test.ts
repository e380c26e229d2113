import assert from "node:assert/strict";
import { Plan } from "../../tools/engine/model";
import { Secret } from "../../tools/engine/values";
import { diffPlans } from "../../tools/report/diff";
import { diffJson, renderDiffMarkdown, renderDiffText } from "../../tools/report/diff-render";
import { triggersReplacement } from "../../tools/catalogue/facts";
import { committedConfig, committedPlan, planConfig } from "../helpers/plan";
import { PROD_REGIONS, syntheticPlan, withResource } from "./fixtures";

/** Both sides in the JSON form the diff CLI compares. */
const json = (plan: Plan): Plan => JSON.parse(JSON.stringify(plan)) as Plan;

describe("report: plan diff", () => {
  const base = syntheticPlan(PROD_REGIONS.slice(0, 3));

  it("reports no change between identical plans", () => {
    const diff = diffPlans(json(base), json(base));
    assert.deepEqual(diff.changes, []);
  });

  it("detects an added region: only creations, nothing dangerous", () => {
    const head = syntheticPlan(PROD_REGIONS);
    const diff = diffPlans(json(base), json(head));
    const created = diff.changes.filter((c) => c.op === "create");
    assert.ok(created.length > 10);
    assert.ok(created.every((c) => c.region === "eu-central-1" || c.type !== "aws:rds/instance:Instance" || c.name.endsWith("-dr")));
    assert.ok(created.some((c) => c.type === "aws:eks/cluster:Cluster" && c.region === "eu-central-1"));
    assert.equal(diff.counts.delete, 0);
    assert.equal(diff.counts.replace, 0);
    assert.deepEqual(diff.dangerous, []);
  });

  it("detects a changed instance class as an in-place update", () => {
    const head = withResource(base, "us-east-1-db", (r) => ({ ...r, inputs: { ...r.inputs, instanceClass: "db.r6g.2xlarge" } }));
    const diff = diffPlans(json(base), json(head));
    assert.equal(diff.changes.length, 1);
    const [change] = diff.changes;
    assert.equal(change.op, "update");
    assert.deepEqual(change.changes, [{ path: "instanceClass", before: "db.r6g.xlarge", after: "db.r6g.2xlarge", replaces: false }]);
    assert.deepEqual(diff.dangerous, []);
  });

  it("detects a changed database master username as a replacement of a stateful resource", () => {
    const head = withResource(base, "us-east-1-db", (r) => ({ ...r, inputs: { ...r.inputs, username: "orders_admin" } }));
    const diff = diffPlans(json(base), json(head));
    const [change] = diff.changes;
    assert.equal(change.op, "replace");
    assert.equal(change.stateful, "database");
    assert.deepEqual(change.reasons, ["`username` changes and cannot be updated in place"]);
    assert.deepEqual(diff.dangerous, [change]);
    assert.match(renderDiffText(diff, "main"), /!!! +database aws:rds\/instance:Instance us-east-1-db in us-east-1 would be REPLACED/);
  });

  it("treats a renamed database identifier as an in-place rename (provider v5+, PR #31232)", () => {
    const head = withResource(base, "us-east-1-db", (r) => ({ ...r, inputs: { ...r.inputs, identifier: "us-east-1-orders-db" } }));
    const diff = diffPlans(json(base), json(head));
    assert.deepEqual(
      diff.changes.map((c) => [c.op, c.name]),
      [["update", "us-east-1-db"]],
    );
    assert.deepEqual(diff.dangerous, []);
  });

  it("replaces a cache on an engine downgrade (valkey -> redis) but not on redis -> valkey", () => {
    const withEngine = (engine: string, engineVersion: string) =>
      withResource(base, "us-east-1-cache", (r) => ({ ...r, inputs: { ...r.inputs, engine, engineVersion } }));
    const [valkey8, redis72, valkey72, valkey71] = [
      withEngine("valkey", "8.0"),
      withEngine("redis", "7.2"),
      withEngine("valkey", "7.2"),
      withEngine("valkey", "7.1"),
    ];
    assert.deepEqual(
      diffPlans(json(valkey8), json(redis72)).dangerous.map((c) => [c.op, c.name, c.reasons]),
      [
        [
          "replace",
          "us-east-1-cache",
          ["`engine` changes and cannot be updated in place", "`engineVersion` changes and cannot be updated in place"],
        ],
      ],
    );
    assert.deepEqual(
      diffPlans(json(redis72), json(valkey72)).changes.map((c) => c.op),
      ["update"],
    );
    assert.deepEqual(
      diffPlans(json(valkey72), json(valkey8)).changes.map((c) => c.op),
      ["update"],
    );
    assert.deepEqual(
      diffPlans(json(valkey72), json(valkey71)).changes.map((c) => c.op),
      ["replace"],
    );
  });

  it("detects a logical rename without aliases as create + delete, and accepts it with aliases", () => {
    const renamed = (aliases: string[]) =>
      withResource(base, "us-east-1-db", (r) => ({
        ...r,
        name: "us-east-1-database",
        urn: r.urn.replace(/::us-east-1-db$/, "::us-east-1-database"),
        options: { ...r.options, aliases },
      }));
    const diff = diffPlans(json(base), json(renamed([])));
    const deleted = diff.changes.find((c) => c.op === "delete")!;
    assert.equal(deleted.name, "us-east-1-db");
    assert.match(deleted.reasons.join(), /renamed to us-east-1-database without `aliases`/);
    assert.match(deleted.reasons.join(), /protected/);
    assert.ok(diff.changes.some((c) => c.op === "create" && c.name === "us-east-1-database"));
    assert.deepEqual(
      diff.dangerous.map((c) => c.name),
      ["us-east-1-db"],
    );

    const oldUrn = base.resources.find((r) => r.name === "us-east-1-db")!.urn;
    assert.deepEqual(diffPlans(json(base), json(renamed([oldUrn]))).changes, []);
  });

  it("detects a removed queue as the deletion of a stateful resource", () => {
    const head = withResource(base, "us-west-2-orders", () => undefined);
    const diff = diffPlans(json(base), json(head));
    assert.deepEqual(
      diff.changes.map((c) => [c.op, c.name, c.stateful]),
      [["delete", "us-west-2-orders", "queue"]],
    );
    assert.equal(diff.dangerous.length, 1);
    const parsed = JSON.parse(diffJson(diff, "main", false));
    assert.equal(parsed.blocked, true);
    assert.equal(JSON.parse(diffJson(diff, "main", true)).blocked, false);
    assert.match(
      renderDiffMarkdown(diff, "main"),
      /\[!CAUTION\][\s\S]*queue aws:sqs\/queue:Queue us-west-2-orders in us-west-2 would be DELETED/,
    );
  });

  it("keeps secrets masked in every output", () => {
    const head = withResource(base, "us-east-1-db", (r) => ({ ...r, inputs: { ...r.inputs, password: new Secret("correct horse") } }));
    // Secret values are compared masked: a rotated secret is invisible offline, and never printed.
    assert.deepEqual(diffPlans(json(base), json(head)).changes, []);
    const exposed = withResource(base, "us-east-1-db", (r) => ({ ...r, inputs: { ...r.inputs, password: "plain-text" } }));
    const diff = diffPlans(json(base), json(exposed));
    const text = [renderDiffText(diff, "m"), renderDiffMarkdown(diff, "m"), diffJson(diff, "m", false)].join("\n");
    assert.ok(!text.includes("hunter2"));
    assert.match(renderDiffText(diff, "m"), /password: "\[secret\]" => "plain-text"/);
  });

  it("matches replacement triggers by property path prefix, per type", () => {
    assert.equal(triggersReplacement("aws:sqs/queue:Queue", "fifoQueue"), true);
    assert.equal(triggersReplacement("aws:sqs/queue:Queue", "visibilityTimeoutSeconds"), false);
    assert.equal(triggersReplacement("aws:eks/cluster:Cluster", "kubernetesNetworkConfig.serviceIpv4Cidr"), true);
    assert.equal(triggersReplacement("aws:ec2/securityGroup:SecurityGroup", "region"), true);
    assert.equal(triggersReplacement("aws:lb/listener:Listener", "port", ["port"]), true);
  });

  it("follows the provider schema where the earlier table was wrong", () => {
    const cache = "aws:elasticache/replicationGroup:ReplicationGroup";
    assert.equal(triggersReplacement(cache, "preferredCacheClusterAzs[1]"), false);
    assert.equal(triggersReplacement(cache, "securityGroupNames"), true);
    const redis = (engineVersion: string) => ({ before: false, after: true, inputsAfter: { engine: "redis", engineVersion } });
    assert.equal(triggersReplacement(cache, "transitEncryptionEnabled", [], redis("6.2")), true);
    assert.equal(triggersReplacement(cache, "transitEncryptionEnabled", [], redis("7.1")), false);
    const eks = "aws:eks/cluster:Cluster";
    assert.equal(triggersReplacement(eks, "kubernetesNetworkConfig.elasticLoadBalancing.enabled"), false);
    assert.equal(triggersReplacement(eks, "kubernetesNetworkConfig.ipFamily"), true);
    assert.equal(triggersReplacement(eks, "remoteNetworkConfig.remoteNodeNetworks.cidrs[0]"), true);
    assert.equal(triggersReplacement(eks, "encryptionConfig", [], { before: { resources: ["secrets"] }, after: undefined }), true);
    assert.equal(triggersReplacement(eks, "encryptionConfig", [], { before: undefined, after: { resources: ["secrets"] } }), false);
    assert.equal(triggersReplacement(eks, "computeConfig.nodeRoleArn", [], { before: "arn:a", after: "arn:b" }), true);
    assert.equal(triggersReplacement(eks, "computeConfig.nodeRoleArn", [], { before: undefined, after: "arn:b" }), false);
    const nodes = "aws:eks/nodeGroup:NodeGroup";
    assert.equal(triggersReplacement(nodes, "subnetIds[2]"), true);
    assert.equal(triggersReplacement(nodes, "instanceTypes[0]"), true);
    assert.equal(triggersReplacement(nodes, "launchTemplate.version"), false);
    assert.equal(triggersReplacement(nodes, "scalingConfig.desiredSize"), false);
    assert.equal(triggersReplacement("aws:rds/instance:Instance", "identifier"), false);
    assert.equal(triggersReplacement("aws:rds/cluster:Cluster", "dbSubnetGroupName"), true);
    assert.equal(triggersReplacement("aws:elasticache/cluster:Cluster", "transitEncryptionEnabled"), true);
    assert.equal(triggersReplacement("aws:dynamodb/table:Table", "hashKey"), true);
    assert.equal(triggersReplacement("awsx:ec2:Vpc", "ipv4NetmaskLength"), true);
  });

  describe("on modified copies of the committed prod stack", () => {
    it("an added region only adds resources", async function () {
      const config = committedConfig("prod");
      const regions = config["platform:regions"] as Record<string, unknown>[];
      // A zone of its own: prod requires a DR replica (stateful, in a sibling region) for a region that has siblings.
      const added: Record<string, unknown> = { ...structuredClone(regions[regions.length - 1]), region: "ca-central-1", zone: "ca" };
      delete added.database;
      delete added.cidr;
      const head = await planConfig({ ...config, "platform:regions": [...regions, added] }, "prod");
      const diff = diffPlans(json(await committedPlan("prod")), json(head));
      const created = diff.changes.filter((c) => c.op === "create");
      for (const type of ["awsx:ec2:Vpc", "aws:eks/cluster:Cluster"]) {
        if (head.resources.some((r) => r.type === type))
          assert.ok(
            created.some((c) => c.type === type && c.region === "ca-central-1"),
            type,
          );
      }
      // Elsewhere only links to the new region appear (edge routing, backup replication): nothing stateful.
      assert.deepEqual(
        created.filter((c) => c.region !== "ca-central-1" && c.stateful),
        [],
      );
      assert.equal(diff.counts.delete + diff.counts.replace, 0);
      assert.deepEqual(diff.dangerous, []);
    });

    it("a changed database instance class is an update, not a replacement", async function () {
      const prod = await committedPlan("prod");
      if (!prod.resources.some((r) => r.type === "aws:rds/instance:Instance")) this.skip();
      const config = committedConfig("prod");
      const defaults = structuredClone(config["platform:regionDefaults"]) as { database: { instanceClass: string } };
      defaults.database.instanceClass = "db.r6g.2xlarge";
      const diff = diffPlans(json(prod), json(await planConfig({ ...config, "platform:regionDefaults": defaults }, "prod")));
      const classChanges = diff.changes.filter((c) => c.changes.some((p) => p.path === "instanceClass"));
      assert.ok(classChanges.length > 0);
      assert.ok(classChanges.every((c) => c.op === "update"));
      assert.deepEqual(diff.dangerous, []);
    });
  });
});
