/**
 * The reviewer's case of issue 14: a changed copy of prod (an IAM action added, the cache engine
 * switched, a region added, a protected queue removed) gives a diff that shows each change
 * structurally, the cost delta, and the blocked protected change with its unprotect step.
 */
import assert from "node:assert/strict";
import { Plan } from "../../tools/engine/model";
import { PlanDiff, diffPlans } from "../../tools/report/diff";
import { diffJson, diffRefusal, renderDiffMarkdown, renderDiffText } from "../../tools/report/diff-render";
import { committedConfig, committedPlan, planConfig } from "../helpers/plan";

const json = (plan: Plan): Plan => JSON.parse(JSON.stringify(plan)) as Plan;

/** Adds an action to the `Describe` statement of one load-balancer controller policy (JSON form). */
function withIamAction(plan: Plan, name: string, action: string): Plan {
  return {
    ...plan,
    resources: plan.resources.map((r) => {
      if (r.name !== name) return r;
      const document = JSON.parse(r.inputs.policy as string) as { Statement: { Sid?: string; Action: string[] }[] };
      const describe = document.Statement.find((s) => s.Sid === "Describe")!;
      describe.Action = [...describe.Action, action];
      return { ...r, inputs: { ...r.inputs, policy: JSON.stringify(document) } };
    }),
  };
}

describe("report: diff of a changed copy of prod", function () {
  let base: Plan;
  let head: Plan;
  let diff: PlanDiff;

  before(async function () {
    base = json(await committedPlan("prod"));
    const config = committedConfig("prod");
    const regions = config["platform:regions"] as Record<string, unknown>[];
    // Prod wants a DR replica in a sibling region of the zone for every primary.
    const added: Record<string, unknown> = {
      ...structuredClone(regions[regions.length - 1]),
      region: "eu-north-1",
      database: { drReplica: { region: "eu-west-1" } },
    };
    delete added.cidr;
    const defaults = structuredClone(config["platform:regionDefaults"]) as Record<string, unknown> & { queues: { name: string }[] };
    defaults.cache = { engine: "redis", engineVersion: "7.1" };
    defaults.queues = defaults.queues.filter((q) => q.name !== "order-events");
    const changed = await planConfig({ ...config, "platform:regions": [...regions, added], "platform:regionDefaults": defaults }, "prod");
    head = withIamAction(json(changed), "us-east-1-origin-lbc-policy", "ec2:DescribeTags");
    diff = diffPlans(base, head);
  });

  it("shows the IAM action added inside the policy document", () => {
    const policy = diff.changes.find((c) => c.name === "us-east-1-origin-lbc-policy")!;
    assert.equal(policy.op, "update");
    assert.deepEqual(policy.changes, [{ path: "policy » Statement[Sid=Describe].Action", after: "ec2:DescribeTags", replaces: false }]);
    assert.match(renderDiffText(diff, "main"), /\+ policy » Statement\[Sid=Describe\]\.Action: "ec2:DescribeTags"/);
    assert.match(renderDiffMarkdown(diff, "main"), /\+ policy » Statement\[Sid=Describe\]\.Action: "ec2:DescribeTags"/);
    const inJson = (JSON.parse(diffJson(diff, "main", false)) as { changes: { name: string; changes: object[] }[] }).changes.find(
      (c) => c.name === "us-east-1-origin-lbc-policy",
    )!;
    assert.deepEqual(inJson.changes, [
      { change: "added", path: "policy » Statement[Sid=Describe].Action", after: "ec2:DescribeTags", replaces: false },
    ]);
  });

  it("shows the cache engine switch as replacements: the group (engine) and its parameter group (family)", () => {
    const group = diff.changes.find(
      (c) => c.name === "us-east-1-cache" || (c.type.endsWith("replicationGroup:ReplicationGroup") && c.region === "us-east-1"),
    )!;
    assert.equal(group.op, "replace");
    assert.ok(group.changes.some((c) => c.path === "engine" && c.before === "valkey" && c.after === "redis" && c.replaces));
    const params = diff.changes.find((c) => c.type === "aws:elasticache/parameterGroup:ParameterGroup" && c.region === "us-east-1")!;
    assert.equal(params.op, "replace");
    assert.deepEqual(
      params.changes.filter((c) => c.path === "family"),
      [{ path: "family", before: "valkey8", after: "redis7", replaces: true }],
    );
  });

  it("shows the added region as creations only", () => {
    const inNewRegion = diff.changes.filter((c) => c.region === "eu-north-1");
    assert.ok(inNewRegion.length > 50);
    assert.ok(inNewRegion.every((c) => c.op === "create"));
  });

  it("flags the removed protected queue as BLOCKED with the exact unprotect step, and exits 3 even with --allow-replace", () => {
    const queue = diff.blockedByProtect.find((c) => c.name === "us-east-1-queues-order-events")!;
    assert.equal(queue.op, "delete");
    const urn = base.resources.find((r) => r.name === "us-east-1-queues-order-events")!.urn;
    assert.equal(queue.unprotect, `pulumi state unprotect --stack prod '${urn}'`);
    // Replaced caches are protected in prod, and the program still protects them: refused too.
    assert.ok(diff.blockedByProtect.some((c) => c.op === "replace" && c.type.endsWith("replicationGroup:ReplicationGroup")));
    assert.ok(
      renderDiffText(diff, "main").includes(`BLOCKED   aws:sqs/queue:Queue us-east-1-queues-order-events in us-east-1 is protected`),
    );
    assert.ok(renderDiffMarkdown(diff, "main").includes(`\`pulumi state unprotect --stack prod '${urn}'\``));
    assert.equal(JSON.parse(diffJson(diff, "main", true)).blocked, true);
    assert.match(diffRefusal(diff, true) ?? "", /^12 protected resource\(s\) would be replaced or deleted/);
    // Without protected changes, --allow-replace waives the stateful ones (the pipeline's gate decides).
    const unprotected = { ...diff, blockedByProtect: [] };
    assert.match(diffRefusal(unprotected, false) ?? "", /stateful resource\(s\) would be deleted or replaced/);
    assert.equal(diffRefusal(unprotected, true), undefined);
  });

  it("carries the cost delta per region and tier, labelled an estimate with what it leaves out", () => {
    const north = diff.cost.rows.filter((r) => r.region === "eu-north-1");
    assert.ok(north.some((r) => r.tier === "compute" && r.beforeUsd === 0 && r.deltaUsd > 0));
    // Redis OSS nodes list above Valkey's: every region's cache tier goes up.
    for (const region of ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"])
      assert.ok(
        diff.cost.rows.some((r) => r.region === region && r.tier === "cache" && r.deltaUsd > 0),
        region,
      );
    assert.ok(diff.cost.deltaUsd > 0);
    assert.equal(diff.cost.deltaUsd, Math.round((diff.cost.afterUsd - diff.cost.beforeUsd) * 100) / 100);
    const text = renderDiffText(diff, "main");
    assert.match(text, /Monthly cost change \(ESTIMATE: [^\n]*eu-north-1[^\n]*priced at us-east-1 list prices[^\n]*leaves out usage/);
    assert.match(text, /eu-north-1 +compute +\$0\.00 +\$[\d,.]+ +\+\$[\d,.]+/);
    assert.match(renderDiffMarkdown(diff, "main"), /### Monthly cost: \$[\d,.]+ → \$[\d,.]+ \(\*\*\+\$[\d,.]+\*\*\)/);
    assert.equal(JSON.parse(diffJson(diff, "main", false)).cost.estimate, true);
  });
});
