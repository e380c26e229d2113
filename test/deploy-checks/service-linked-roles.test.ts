import { strict as assert } from "node:assert";
import { DEPLOY_CHECKS } from "../../tools/deploy-checks";
import { serviceLinkedRolesCheck } from "../../tools/deploy-checks/checks/service-linked-roles";
import { Plan } from "../../tools/engine/model";
import { committedConfig, committedPlan, inputsOf, ofType, planConfig } from "../helpers/plan";
import { contextOf } from "./dependency-order";

const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
const NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";

describe("deploy check: service-linked-roles", () => {
  let dev: Plan;
  before(async () => {
    dev = await committedPlan("dev");
  });

  it("is listed in DEPLOY_CHECKS", () => assert.ok(DEPLOY_CHECKS.includes(serviceLinkedRolesCheck)));

  it("passes the committed stacks: dev declares the Spot role before its spot NodePools, prod uses no spot", async () => {
    assert.deepEqual(serviceLinkedRolesCheck.run(contextOf(dev)), []);
    assert.deepEqual(serviceLinkedRolesCheck.run(contextOf(await committedPlan("prod"))), []);
    const role = ofType(dev, SLR);
    assert.equal(role.length, 1);
    assert.equal(inputsOf(role[0]).awsServiceName, "spot.amazonaws.com");
    assert.equal(role[0].options.retainOnDelete, true, "kept for the account's other stacks on destroy");
    assert.equal(role[0].region, "us-east-1");
    for (const pool of ofType(dev, NODE_POOL)) assert.ok(pool.dependencies.includes(role[0].urn), pool.urn);
  });

  it("refuses spot NodePools when nothing creates the Spot role, naming the error Karpenter would hit", async () => {
    const config = committedConfig("dev");
    delete config["platform:account"];
    const plan = await planConfig(config, "dev");
    const findings = serviceLinkedRolesCheck.run(contextOf(plan));
    assert.equal(findings.length, 1);
    assert.match(findings[0].resource, /karpenter\.sh\/v1:NodePool::us-east-1-cluster-karpenter-node-pool$/);
    assert.match(findings[0].atDeploy, /AWSServiceRoleForEC2Spot.*AuthFailure\.ServiceLinkedRoleCreationNotPermitted/);
    assert.match(findings[0].fix, /^set platform:account\.serviceLinkedRoles\["spot\.amazonaws\.com"\] to "exists"/);
  });

  it("refuses a declared role the NodePool does not wait for", () => {
    const racing: Plan = {
      ...dev,
      resources: dev.resources.map((r) =>
        r.type === NODE_POOL ? { ...r, dependencies: r.dependencies.filter((d) => !d.includes(SLR)) } : r,
      ),
    };
    const findings = serviceLinkedRolesCheck.run(contextOf(racing));
    assert.equal(findings.length, 2, "one per dev region");
    assert.match(findings[0].atDeploy, /may be created before AWSServiceRoleForEC2Spot exists: AWS then fails the launch/);
  });

  it("with a deployer that may not create service-linked roles, every first-use role must be stated", () => {
    const restricted: Plan = {
      ...dev,
      config: {
        ...dev.config,
        "platform:account": JSON.stringify({
          serviceLinkedRoles: { "spot.amazonaws.com": "create", "rds.amazonaws.com": "exists" },
          deployerCreatesServiceLinkedRoles: false,
        }),
      },
    };
    const roles = serviceLinkedRolesCheck.run(contextOf(restricted)).map((f) => /AWSServiceRoleFor\w+/.exec(f.atDeploy)![0]);
    assert.deepEqual(roles.sort(), [
      "AWSServiceRoleForAmazonEKS",
      "AWSServiceRoleForAmazonEKSNodegroup",
      "AWSServiceRoleForAutoScaling",
      "AWSServiceRoleForElastiCache",
      "AWSServiceRoleForElasticLoadBalancing",
    ]);
  });
});
