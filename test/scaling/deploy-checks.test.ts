/** The deploy checks over KEDA's release and objects: passing as committed, failing for each planted defect. */
import { strict as assert } from "node:assert";
import { chartFacts } from "../../tools/deploy-checks/charts";
import { addonVersionsCheck } from "../../tools/deploy-checks/checks/addon-versions";
import { crdBeforeCustomResources } from "../../tools/deploy-checks/checks/crd-before-custom-resources";
import { helmPodsSchedulable } from "../../tools/deploy-checks/checks/helm-pods-schedulable";
import { namespaceBeforeObjects } from "../../tools/deploy-checks/checks/namespace-before-objects";
import { committedPlan } from "../helpers/plan";
import { findings, named, withInputs, withoutDependency } from "../deploy-checks/helpers";

const RELEASE = "us-east-1-keda-release";
const SCALED = "us-east-1-queue-scalers-orders";
const AUTH = "us-east-1-queue-scalers-orders-auth";

describe("queue scaling: deploy checks", () => {
  it("pass the committed stacks' KEDA release and objects", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const plan = await committedPlan(stack);
      for (const check of [helmPodsSchedulable, crdBeforeCustomResources, namespaceBeforeObjects])
        assert.deepEqual(findings(check, plan), [], `${stack} ${check.name}`);
    }
  });

  it("record the chart at 2.20.2: six CRDs as templates, three workloads tolerating nothing by default", () => {
    const facts = chartFacts("keda", "2.20.2")!;
    assert.deepEqual(
      facts.crds.map((c) => c.kind),
      ["CloudEventSource", "ClusterCloudEventSource", "ClusterTriggerAuthentication", "ScaledJob", "ScaledObject", "TriggerAuthentication"],
    );
    assert.deepEqual(facts.crdsTemplated, { key: "crds.install", default: true });
    assert.deepEqual(
      facts.workloads.map((w) => [w.name, w.defaults.tolerations, w.fixedNodeSelector]),
      ["keda-operator", "keda-operator-metrics-apiserver", "keda-admission-webhooks"].map((n) => [n, [], { "kubernetes.io/os": "linux" }]),
    );
  });

  it("helm-pods-schedulable fails KEDA without the CriticalAddonsOnly toleration: each of its three Deployments stays Pending", async () => {
    const plan = await committedPlan("dev");
    const release = named(plan, RELEASE);
    const found = findings(
      helmPodsSchedulable,
      withInputs(plan, release.urn, (inputs) => delete inputs.values.tolerations),
    );
    assert.deepEqual(
      found.map((f) => [f.resource, /for the (\S+) pods/.exec(f.atDeploy)?.[1]]),
      ["keda-operator", "keda-operator-metrics-apiserver", "keda-admission-webhooks"].map((w) => [release.urn, w]),
    );
    assert.match(found[0].atDeploy, /its taint CriticalAddonsOnly=true:NoSchedule is not tolerated/);
    assert.match(found[0].fix, /^set values\.operator\.tolerations to tolerate CriticalAddonsOnly/);
  });

  it("helm-pods-schedulable reads a component's own tolerations before the chart-wide ones, and skips a disabled component", async () => {
    const plan = await committedPlan("dev");
    const release = named(plan, RELEASE);
    const onlyOperator = withInputs(plan, release.urn, (inputs) => {
      delete inputs.values.tolerations;
      inputs.values.operator.tolerations = [{ key: "CriticalAddonsOnly", operator: "Exists" }];
      inputs.values.metricsServer = { enabled: false };
    });
    assert.deepEqual(
      findings(helmPodsSchedulable, onlyOperator).map((f) => /for the (\S+) pods/.exec(f.atDeploy)?.[1]),
      ["keda-admission-webhooks"],
    );
    const badSelector = withInputs(plan, release.urn, (inputs) => (inputs.values.nodeSelector = { "kubernetes.io/os": "windows" }));
    assert.equal(findings(helmPodsSchedulable, badSelector).length, 3);
  });

  it("crd-before-custom-resources fails a ScaledObject not ordered after the release, and one whose release skips the CRD templates", async () => {
    const plan = await committedPlan("dev");
    const release = named(plan, RELEASE);
    const scaled = named(plan, SCALED);
    const unordered = withoutDependency(withoutDependency(plan, scaled.urn, release.urn), scaled.urn, named(plan, AUTH).urn);
    const found = findings(crdBeforeCustomResources, unordered);
    assert.equal(found.length, 1);
    assert.equal(found[0].resource, scaled.urn);
    assert.equal(found[0].fix, `add dependsOn: [${RELEASE}] to ${SCALED}`);

    const noCrds = withInputs(plan, release.urn, (inputs) => (inputs.values.crds = { install: false }));
    const missing = findings(crdBeforeCustomResources, noCrds).filter(
      (f) => f.resource === scaled.urn || f.resource === named(plan, AUTH).urn,
    );
    assert.equal(missing.length, 2);
    assert.match(missing[0].atDeploy, /nothing in this stack installs the (ScaledObject|TriggerAuthentication) CRD \(keda\.sh\)/);
    // skipCrds does not touch templated CRDs.
    assert.deepEqual(
      findings(
        crdBeforeCustomResources,
        withInputs(plan, release.urn, (inputs) => (inputs.skipCrds = true)),
      ),
      [],
    );
  });

  it("namespace-before-objects fails a ScaledObject in a namespace the stack does not create", async () => {
    const plan = await committedPlan("dev");
    const scaled = named(plan, SCALED);
    const found = findings(
      namespaceBeforeObjects,
      withInputs(plan, scaled.urn, (inputs) => (inputs.metadata.namespace = "workers")),
    );
    assert.equal(found.length, 1);
    assert.match(found[0].atDeploy, /namespaces "workers" not found; nothing in this stack creates namespace "workers"/);
  });
});

describe("queue scaling: addon-versions covers KEDA", () => {
  it("passes KEDA 2.20.2 on the committed clusters, and fails it on a Kubernetes its matrix does not list", async () => {
    const plan = await committedPlan("dev");
    assert.deepEqual(findings(addonVersionsCheck, plan), []);
    const release = named(plan, RELEASE);
    const old = withInputs(plan, release.urn, (inputs) => (inputs.version = "2.19.0"));
    const found = findings(addonVersionsCheck, old);
    assert.equal(found.length, 1);
    assert.equal(found[0].resource, release.urn);
    assert.match(found[0].atDeploy, /^KEDA 2\.19\.0 is not tested on Kubernetes 1\.35/);
    assert.match(found[0].fix, /lists 1\.35: 2\.20, 2\.21$/);
  });
});
