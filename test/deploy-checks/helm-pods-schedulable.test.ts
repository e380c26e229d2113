import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CHART_FACTS, chartFacts, coalesce } from "../../tools/deploy-checks/charts";
import { helmPodsSchedulable } from "../../tools/deploy-checks/checks/helm-pods-schedulable";
import { nodePoolCapacity, whyNot } from "../../tools/deploy-checks/scheduling";
import { Plan } from "../../tools/engine/model";
import { REPO, committedPlan } from "../helpers/plan";
import { findings, named, withInputs, withResource } from "./helpers";

/** The release as it was before the fix: waiting only for the resources named, nothing else. */
function waitingOnlyFor(plan: Plan, urn: string, keep: readonly string[]): Plan {
  return withResource(plan, urn, (r) => ({
    ...r,
    dependencies: r.dependencies.filter((d) => keep.includes(d)),
    propertyDependencies: Object.fromEntries(
      Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.filter((d) => keep.includes(d))]),
    ),
  }));
}

describe("deploy check: helm-pods-schedulable", () => {
  it("passes the committed stacks: every release's pods fit the system node group that exists before it", async () => {
    for (const stack of ["dev", "prod"] as const) {
      assert.deepEqual(findings(helmPodsSchedulable, await committedPlan(stack)), [], stack);
    }
  });

  it("fails the load balancer controller without a CriticalAddonsOnly toleration (the chart tolerates nothing)", async () => {
    const plan = await committedPlan("dev");
    const release = named(plan, "us-east-1-origin-lbc-release");
    const nodes = named(plan, "us-east-1-cluster-system-ng");
    const found = findings(
      helmPodsSchedulable,
      withInputs(plan, release.urn, (inputs) => delete inputs.values.tolerations),
    );
    assert.equal(found.length, 1);
    assert.equal(found[0].resource, release.urn);
    assert.equal(found[0].related, nodes.urn);
    assert.match(found[0].atDeploy, /waits up to 300 s for the aws-load-balancer-controller pods/);
    assert.match(
      found[0].atDeploy,
      /node group us-east-1-cluster-system-ng: its taint CriticalAddonsOnly=true:NoSchedule is not tolerated/,
    );
    assert.equal(
      found[0].fix,
      "set values.tolerations to tolerate CriticalAddonsOnly so its pods run on us-east-1-cluster-system-ng (aws-load-balancer-controller 1.13.4 defaults to []); " +
        "or create us-east-1-origin-lbc-release after us-east-1-cluster-karpenter-node-pool (dependsOn), where its pods can run",
    );
  });

  it("fails the load balancer controller created before any node capacity, naming what it should wait for", async () => {
    const plan = await committedPlan("dev");
    const release = named(plan, "us-east-1-origin-lbc-release");
    const identity = named(plan, "us-east-1-origin-lbc-identity");
    const policy = named(plan, "us-east-1-origin-lbc-policy");
    const found = findings(helmPodsSchedulable, waitingOnlyFor(plan, release.urn, [identity.urn, policy.urn]));
    assert.equal(found.length, 1);
    assert.match(found[0].atDeploy, /no node group or NodePool of the cluster exists yet/);
    assert.equal(found[0].related, named(plan, "us-east-1-cluster-system-ng").urn);
    assert.match(found[0].fix, /^create us-east-1-origin-lbc-release after us-east-1-cluster-system-ng \(dependsOn\)/);
  });

  it("fails pods whose nodeSelector only a NodePool created later satisfies", async () => {
    const plan = await committedPlan("dev");
    const release = named(plan, "us-east-1-cluster-metrics-server-release");
    const found = findings(
      helmPodsSchedulable,
      withInputs(plan, release.urn, (inputs) => (inputs.values.nodeSelector = { "platform.io/pool": "general" })),
    );
    assert.equal(found.length, 1);
    assert.match(found[0].atDeploy, /it has no label platform\.io\/pool=general \(nodeSelector\)/);
    assert.equal(found[0].related, named(plan, "us-east-1-cluster-system-ng").urn);
    assert.match(
      found[0].fix,
      /^create us-east-1-cluster-metrics-server-release after us-east-1-cluster-karpenter-node-pool \(dependsOn\)/,
    );
  });

  it("fails more Karpenter replicas than system nodes (the chart's required anti-affinity per hostname)", async () => {
    const plan = await committedPlan("prod");
    const release = named(plan, "us-east-1-cluster-karpenter-release");
    const found = findings(
      helmPodsSchedulable,
      withInputs(plan, release.urn, (inputs) => (inputs.values.replicas = 4)),
    );
    assert.equal(found.length, 1);
    assert.match(found[0].atDeploy, /4 replicas must run on different nodes .* only 3 node\(s\)/);
    assert.match(found[0].fix, /lower values\.replicas to 3, or raise the desired size of us-east-1-cluster-system-ng/);
  });

  it("skips releases with skipAwait, and refuses a chart version without recorded defaults", async () => {
    const plan = await committedPlan("dev");
    const release = named(plan, "us-east-1-origin-lbc-release");
    const unschedulable = withInputs(plan, release.urn, (inputs) => delete inputs.values.tolerations);
    assert.deepEqual(
      findings(
        helmPodsSchedulable,
        withInputs(unschedulable, release.urn, (inputs) => (inputs.skipAwait = true)),
      ),
      [],
    );
    const unknown = findings(
      helmPodsSchedulable,
      withInputs(plan, release.urn, (inputs) => (inputs.version = "1.99.0")),
    );
    assert.equal(unknown.length, 1);
    assert.match(unknown[0].fix, /tools\/deploy-checks\/charts\.ts/);
  });

  it("keeps Karpenter off the nodes it launches (its chart's node affinity), which the scheduler model honours", async () => {
    const plan = await committedPlan("dev");
    const pool = nodePoolCapacity(named(plan, "us-east-1-cluster-karpenter-node-pool"));
    const defaults = chartFacts("karpenter", "1.9.2")!.workloads[0].defaults;
    assert.equal(
      whyNot({ ...defaults, replicas: 1 }, { ...pool, taints: [] }),
      "no term of the required node affinity matches (karpenter.sh/nodepool DoesNotExist)",
    );
  });

  it("merges values as Helm does: maps key by key, lists replaced, null deletes", () => {
    const defaults = { nodeSelector: { os: "linux" }, tolerations: [{ key: "a" }], affinity: { x: 1, y: 2 } };
    assert.deepEqual(coalesce(defaults, { nodeSelector: { pool: "system" }, tolerations: [{ key: "b" }], affinity: { y: null } }), {
      nodeSelector: { os: "linux", pool: "system" },
      tolerations: [{ key: "b" }],
      affinity: { x: 1 },
    });
  });

  it("records each pinned chart once, with a source at the released commit, in the README's table too", () => {
    const keys = CHART_FACTS.map((c) => `${c.chart}@${c.version}`);
    assert.equal(new Set(keys).size, keys.length);
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    for (const c of CHART_FACTS) {
      assert.match(c.source, /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//, c.chart);
      assert.ok(readme.includes(`| ${c.chart} | ${c.version} |`) && readme.includes(c.source), `README lists ${c.chart} ${c.version}`);
    }
  });
});
