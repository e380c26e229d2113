import * as assert from "node:assert/strict";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { committedConfig, committedPlan, inputsOf, ofType, outputsOf, planConfig } from "../helpers/plan";

const ADDON = "aws:eks/addon:Addon";
const ADDON_NAME = "amazon-cloudwatch-observability";
const AGENT_POLICY = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";

function byName(plan: Plan, name: string, type: string): PlannedResource {
  const found = plan.resources.filter((r) => r.name === name && r.type === type);
  assert.equal(found.length, 1, `one ${type} named ${name}`);
  return found[0];
}
const agentAddons = (plan: Plan) => ofType(plan, ADDON).filter((a) => inputsOf(a).addonName === ADDON_NAME);

describe("compute: Container Insights (amazon-cloudwatch-observability add-on)", () => {
  for (const stack of ["prod", "dev"] as const) {
    it(`${stack}: every region's cluster runs the add-on with a Pod Identity role holding CloudWatchAgentServerPolicy`, async () => {
      const plan = await committedPlan(stack);
      const clusters = ofType(plan, "aws:eks/cluster:Cluster");
      assert.ok(clusters.length >= 2);
      for (const cluster of clusters) {
        const region = cluster.region!;
        const addons = agentAddons(plan).filter((a) => a.region === region);
        assert.equal(addons.length, 1, `${region}: one ${ADDON_NAME} add-on`);
        const addon = inputsOf(addons[0]);
        assert.equal(addon.clusterName, outputsOf(cluster).name);
        assert.match(addon.addonVersion, /^v\d+\.\d+\.\d+-eksbuild\.\d+$/);

        const role = byName(plan, `${region}-cluster-addon-cloudwatch-agent`, "aws:iam/role:Role");
        assert.deepEqual(addon.podIdentityAssociations, [{ roleArn: outputsOf(role).arn, serviceAccount: "cloudwatch-agent" }]);
        const trust = JSON.parse(inputsOf(role).assumeRolePolicy);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "pods.eks.amazonaws.com" });
        const attachment = byName(plan, `${region}-cluster-addon-cloudwatch-agent`, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.deepEqual(inputsOf(attachment), { role: outputsOf(role).name, policyArn: AGENT_POLICY });

        // The agent's pods need nodes, their role's policy and the Pod Identity agent.
        const nodeGroup = ofType(plan, "aws:eks/nodeGroup:NodeGroup").find((n) => n.region === region)!;
        const podIdentityAgent = ofType(plan, ADDON).find(
          (a) => a.region === region && inputsOf(a).addonName === "eks-pod-identity-agent",
        )!;
        for (const before of [attachment, podIdentityAgent]) assert.ok(addons[0].dependencies.includes(before.urn), before.name);
        assert.ok(
          addons[0].dependencies.some(
            (d) => d === nodeGroup.urn || d.endsWith(`$platform:cluster:SystemNodeGroup::${region}-cluster-system`),
          ),
          "waits for the system node group",
        );
      }
    });
  }

  it("declares no add-on, role or policy where cluster.containerInsights is false; Karpenter does not wait for it", async () => {
    const config = committedConfig("dev");
    const regions = config["platform:regions"] as Record<string, unknown>[];
    regions[0] = { ...regions[0], cluster: { containerInsights: false } };
    const off = regions[0].region as string;
    const on = regions[1].region as string;
    const plan = await planConfig(config);

    assert.deepEqual(
      agentAddons(plan).map((a) => a.region),
      [on],
    );
    assert.equal(
      plan.resources.filter((r) => r.name === `${off}-cluster-addon-cloudwatch-agent`).length,
      0,
      "no role or attachment in the region without Container Insights",
    );
    const agentOn = agentAddons(plan)[0];
    const release = plan.resources.find((r) => r.name === `${on}-cluster-karpenter-release`)!;
    assert.ok(!release.dependencies.includes(agentOn.urn), "Karpenter is not held up by Container Insights");
  });
});

describe("compute: Container Insights log groups", () => {
  it("are created before the add-on with the cluster's log retention, so they do not grow forever", async () => {
    const plan = await committedPlan("prod");
    for (const addon of agentAddons(plan)) {
      const groups = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").filter(
        (g) => g.region === addon.region && /^\/aws\/containerinsights\//.test(inputsOf(g).name),
      );
      assert.deepEqual(groups.map((g) => inputsOf(g).name.split("/").pop()).sort(), ["application", "dataplane", "host", "performance"]);
      for (const group of groups) {
        assert.equal(
          inputsOf(group).name,
          `/aws/containerinsights/${inputsOf(addon).clusterName}/${inputsOf(group).name.split("/").pop()}`,
        );
        assert.equal(inputsOf(group).retentionInDays, 90);
        assert.ok(addon.dependencies.includes(group.urn), `${addon.urn} waits for ${group.urn}`);
      }
    }
  });
});
