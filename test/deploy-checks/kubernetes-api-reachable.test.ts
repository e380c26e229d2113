import { strict as assert } from "node:assert";
import { declaredDeployer, kubernetesApiReachable } from "../../tools/deploy-checks/checks/kubernetes-api-reachable";
import { committedPlan, inputsOf, ofType } from "../helpers/plan";
import { findings, named, withInputs, withResource } from "./helpers";

const CLUSTER = "aws:eks/cluster:Cluster";

describe("deploy check: kubernetes-api-reachable", () => {
  it("passes the committed stacks: each cluster's public endpoint admits exactly the deployer's CIDRs", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const plan = await committedPlan(stack);
      assert.deepEqual(declaredDeployer(plan), { via: "public-endpoint", cidrs: ["203.0.113.0/24"] });
      for (const cluster of ofType(plan, CLUSTER)) {
        const vpc = inputsOf(cluster).vpcConfig;
        assert.equal(vpc.endpointPrivateAccess, true);
        assert.equal(vpc.endpointPublicAccess, true);
        assert.deepEqual(vpc.publicAccessCidrs, ["203.0.113.0/24"]);
      }
      assert.deepEqual(findings(kubernetesApiReachable, plan), [], stack);
    }
  });

  it("fails a private-only endpoint: one finding per cluster, naming the first object sent there and the cluster", async () => {
    const plan = await committedPlan("dev");
    let planted = plan;
    for (const cluster of ofType(plan, CLUSTER)) {
      planted = withInputs(planted, cluster.urn, (inputs) => {
        inputs.vpcConfig.endpointPublicAccess = false;
        delete inputs.vpcConfig.publicAccessCidrs;
      });
    }
    const found = findings(kubernetesApiReachable, planted);
    assert.equal(found.length, 2);
    const cluster = named(plan, "us-east-1-cluster-eks");
    const first = found.find((f) => f.related === cluster.urn)!;
    assert.equal(first.resource, named(plan, "us-east-1-cluster-workload-ns").urn);
    assert.match(
      first.atDeploy,
      /^\d+ Kubernetes object\(s\) and Helm release\(s\), the first us-east-1-cluster-workload-ns, time out connecting/,
    );
    assert.match(first.atDeploy, /its API endpoint is private \(endpointPublicAccess: false\)/);
    assert.match(first.fix, /publicAccessCidrs including 203\.0\.113\.0\/24/);
  });

  it("fails an endpoint that admits other networks only, and accepts AWS's default (public to all)", async () => {
    const plan = await committedPlan("dev");
    const cluster = named(plan, "us-east-1-cluster-eks");
    const other = withInputs(plan, cluster.urn, (inputs) => (inputs.vpcConfig.publicAccessCidrs = ["198.51.100.0/24"]));
    const found = findings(kubernetesApiReachable, other);
    assert.equal(found.length, 1);
    assert.match(found[0].atDeploy, /admits only 198\.51\.100\.0\/24, not the deployer's 203\.0\.113\.0\/24/);
    const open = withInputs(plan, cluster.urn, (inputs) => {
      delete inputs.vpcConfig.endpointPublicAccess;
      delete inputs.vpcConfig.publicAccessCidrs;
    });
    assert.deepEqual(findings(kubernetesApiReachable, open), []);
  });

  it("fails when no deployer is declared, or a provider's cluster is not one of the stack's", async () => {
    const plan = await committedPlan("dev");
    const config = { ...plan.config };
    delete config["platform:deployer"];
    const none = findings(kubernetesApiReachable, { ...plan, config });
    assert.equal(none.length, 2);
    assert.match(none[0].atDeploy, /the stack declares no valid platform:deployer/);
    const provider = named(plan, "us-east-1-cluster-k8s");
    const foreign = findings(
      kubernetesApiReachable,
      withResource(plan, provider.urn, (r) => ({ ...r, propertyDependencies: { ...r.propertyDependencies, kubeconfig: [] } })),
    );
    assert.equal(foreign.length, 1);
    assert.match(foreign[0].atDeploy, /kubeconfig does not come from an EKS cluster of this stack/);
  });
});
