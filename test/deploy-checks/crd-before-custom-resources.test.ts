import { strict as assert } from "node:assert";
import { crdBeforeCustomResources } from "../../tools/deploy-checks/checks/crd-before-custom-resources";
import { committedPlan } from "../helpers/plan";
import { findings, named, withInputs, withoutDependency } from "./helpers";

describe("deploy check: crd-before-custom-resources", () => {
  it("passes the committed stacks: NodePool and EC2NodeClass after the Karpenter release, the binding after the controller", async () => {
    for (const stack of ["dev", "prod"] as const) {
      assert.deepEqual(findings(crdBeforeCustomResources, await committedPlan(stack)), [], stack);
    }
  });

  it("fails a NodePool created without waiting for the release that ships its CRD", async () => {
    const plan = await committedPlan("dev");
    const pool = named(plan, "us-east-1-cluster-karpenter-node-pool");
    const release = named(plan, "us-east-1-cluster-karpenter-release");
    const nodeClass = named(plan, "us-east-1-cluster-karpenter-node-class");
    // The pool also waits for the node class, which waits for the release: cut both paths.
    const planted = withoutDependency(withoutDependency(plan, pool.urn, release.urn), pool.urn, nodeClass.urn);
    const found = findings(crdBeforeCustomResources, planted);
    assert.equal(found.length, 1);
    assert.equal(found[0].resource, pool.urn);
    assert.equal(found[0].related, release.urn);
    assert.match(found[0].atDeploy, /no matches for kind "NodePool" in version "karpenter.sh\/v1"/);
    assert.equal(found[0].fix, "add dependsOn: [us-east-1-cluster-karpenter-release] to us-east-1-cluster-karpenter-node-pool");
  });

  it("fails a custom resource whose CRD nothing installs: a chart with skipCrds, or a version with no recorded CRDs", async () => {
    const plan = await committedPlan("dev");
    const binding = named(plan, "us-east-1-origin-lbc-binding");
    const release = named(plan, "us-east-1-origin-lbc-release");
    const skipped = findings(
      crdBeforeCustomResources,
      withInputs(plan, release.urn, (inputs) => (inputs.skipCrds = true)),
    );
    assert.deepEqual(
      skipped.map((f) => f.resource),
      [binding.urn],
    );
    assert.match(skipped[0].atDeploy, /nothing in this stack installs the TargetGroupBinding CRD/);
    const unknownVersion = findings(
      crdBeforeCustomResources,
      withInputs(plan, release.urn, (inputs) => (inputs.version = "9.9.9")),
    );
    assert.match(unknownVersion[0].fix, /record the CRDs of aws-load-balancer-controller 9\.9\.9 in tools\/deploy-checks\/charts\.ts/);
  });
});
