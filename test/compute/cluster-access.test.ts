/**
 * Who may administer the clusters: nobody implicitly (no creator admin), the principal `pulumi up`
 * runs as through its own access entry, and the adminRoleArns of the config. Kubernetes objects
 * wait for the deployer's access.
 */
import { strict as assert } from "node:assert";
import { committedConfig, committedPlan, inputsOf, ofType, planConfig } from "../helpers/plan";

const ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
// What the offline getCallerIdentity and getSessionContext mocks resolve the deployer to.
const DEPLOYER = "arn:aws:iam::111122223333:role/platform-deployer";

describe("compute: cluster access", () => {
  it("gives no admin to the cluster's creator and one explicit admin entry to the deployer", async () => {
    const plan = await committedPlan("dev");
    for (const cluster of ofType(plan, "aws:eks/cluster:Cluster")) {
      assert.equal(inputsOf(cluster).accessConfig.bootstrapClusterCreatorAdminPermissions, false);
      const entries = ofType(plan, "aws:eks/accessEntry:AccessEntry").filter(
        (e) => e.region === cluster.region && inputsOf(e).type === "STANDARD",
      );
      assert.deepEqual(
        entries.map((e) => inputsOf(e).principalArn),
        [DEPLOYER],
      );
      const admin = ofType(plan, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").find((a) => a.region === cluster.region)!;
      assert.deepEqual([inputsOf(admin).principalArn, inputsOf(admin).policyArn], [DEPLOYER, ADMIN_POLICY]);
      const k8s = ofType(plan, "pulumi:providers:kubernetes").find((p) => p.name === cluster.name.replace(/-eks$/, "-k8s"))!;
      assert.ok(k8s.dependencies.includes(admin.urn), "the Kubernetes provider waits for the deployer's access");
    }
  });

  it("uses the adminRoleArns entry when it names the deployer (EKS refuses a second entry)", async () => {
    const config = committedConfig("dev");
    config["platform:regionDefaults"] = { cluster: { adminRoleArns: [DEPLOYER, "arn:aws:iam::111122223333:role/platform-admin"] } };
    const plan = await planConfig(config, "admins");
    const principals = ofType(plan, "aws:eks/accessEntry:AccessEntry")
      .filter((e) => e.region === "us-east-1" && inputsOf(e).type === "STANDARD")
      .map((e) => inputsOf(e).principalArn)
      .sort();
    assert.deepEqual(principals, ["arn:aws:iam::111122223333:role/platform-admin", DEPLOYER]);
  });
});
