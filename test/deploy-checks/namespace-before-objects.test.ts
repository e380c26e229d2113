import { strict as assert } from "node:assert";
import { namespaceBeforeObjects } from "../../tools/deploy-checks/checks/namespace-before-objects";
import { committedPlan } from "../helpers/plan";
import { findings, named, withDependency, withInputs, withoutDependency } from "./helpers";

const TGB = "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding";

describe("deploy check: namespace-before-objects", () => {
  it("passes the committed stacks: the TargetGroupBinding and the service account wait for namespace app", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const plan = await committedPlan(stack);
      assert.deepEqual(findings(namespaceBeforeObjects, plan), [], stack);
    }
  });

  it("fails an object that does not wait for its namespace, naming both and the fix", async () => {
    const plan = await committedPlan("dev");
    const binding = named(plan, "us-east-1-origin-lbc-binding", TGB);
    const namespace = named(plan, "us-east-1-cluster-workload-ns");
    assert.ok(binding.dependencies.includes(namespace.urn), "the binding waits for the namespace");
    const found = findings(namespaceBeforeObjects, withoutDependency(plan, binding.urn, namespace.urn));
    assert.equal(found.length, 1);
    assert.equal(found[0].resource, binding.urn);
    assert.equal(found[0].related, namespace.urn);
    assert.match(found[0].atDeploy, /namespaces "app" not found/);
    assert.match(found[0].fix, /metadata\.name output, or add dependsOn: \[us-east-1-cluster-workload-ns\]/);
  });

  it("fails an object in a namespace nothing creates, and a release there without createNamespace", async () => {
    const plan = await committedPlan("dev");
    const binding = named(plan, "us-east-1-origin-lbc-binding", TGB);
    const release = named(plan, "us-east-1-cluster-metrics-server-release");
    let planted = withInputs(plan, binding.urn, (inputs) => (inputs.metadata.namespace = "shop"));
    planted = withInputs(planted, release.urn, (inputs) => (inputs.namespace = "monitoring"));
    const found = findings(namespaceBeforeObjects, planted);
    assert.deepEqual(found.map((f) => f.resource).sort(), [binding.urn, release.urn].sort());
    assert.ok(found.every((f) => f.related === undefined && /nothing in this stack creates namespace/.test(f.atDeploy)));
    assert.match(found.find((f) => f.resource === release.urn)!.fix, /createNamespace: true/);
    // The release creating its own namespace passes.
    const creating = withInputs(planted, release.urn, (inputs) => (inputs.createNamespace = true));
    assert.deepEqual(
      findings(namespaceBeforeObjects, creating).map((f) => f.resource),
      [binding.urn],
    );
  });

  it("accepts built-in namespaces and cluster-scoped objects, and counts an explicit dependsOn", async () => {
    const plan = await committedPlan("dev");
    const binding = named(plan, "us-east-1-origin-lbc-binding", TGB);
    const namespace = named(plan, "us-east-1-cluster-workload-ns");
    const explicit = withDependency(withoutDependency(plan, binding.urn, namespace.urn), binding.urn, namespace.urn);
    assert.deepEqual(findings(namespaceBeforeObjects, explicit), []);
  });
});
