import { strict as assert } from "node:assert";
import { addonVersionsCheck } from "../../tools/deploy-checks/checks/addon-versions";
import { DEPLOY_CHECKS } from "../../tools/deploy-checks";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { ADDON_COMPATIBILITY, EKS_VERSIONS, supportPhase } from "../../components/cluster/versions";
import { clusterDefaults } from "../../components/config/tiers/cluster";
import { ADDON_NAMES } from "../../components/cluster/addons";
import { committedPlan, inputsOf } from "../helpers/plan";
import { contextOf } from "./dependency-order";

function withInputs(plan: Plan, match: (r: PlannedResource) => boolean, change: Record<string, unknown>): Plan {
  return { ...plan, resources: plan.resources.map((r) => (match(r) ? { ...r, inputs: { ...r.inputs, ...change } } : r)) };
}

describe("deploy check: addon-versions", () => {
  it("is listed in DEPLOY_CHECKS", () => assert.ok(DEPLOY_CHECKS.includes(addonVersionsCheck)));

  it("passes the committed stacks: every add-on and Karpenter is vouched for by a sourced row", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const plan = await committedPlan(stack);
      assert.deepEqual(addonVersionsCheck.run(contextOf(plan)), [], stack);
      assert.equal(plan.resources.filter((r) => r.type === "aws:eks/addon:Addon").length, 6 * (stack === "dev" ? 2 : 4));
    }
  });

  it("refuses the CoreDNS build of an older Kubernetes line, naming the config key and the builds that fit", async () => {
    const plan = await committedPlan("prod");
    const planted = withInputs(
      plan,
      (r) => r.type === "aws:eks/addon:Addon" && inputsOf(r).addonName === "coredns" && r.region === "eu-west-1",
      {
        addonVersion: "v1.11.4-eksbuild.22",
      },
    );
    const findings = addonVersionsCheck.run(contextOf(planted));
    assert.equal(findings.length, 1);
    assert.match(findings[0].resource, /::eu-west-1-cluster-addon-coredns$/);
    assert.match(findings[0].related!, /aws:eks\/cluster:Cluster::eu-west-1-cluster-eks$/);
    assert.match(
      findings[0].atDeploy,
      /EKS refuses coredns v1\.11\.4-eksbuild\.22 on Kubernetes 1\.35: "InvalidParameterException: Addon version specified is not supported"/,
    );
    assert.match(
      findings[0].fix,
      /^set platform:regions\[2\]\.cluster\.addons\.coredns to v1\.14\.2-eksbuild\.4 or v1\.13\.2-eksbuild\.4;/,
    );
  });

  it("refuses a kube-proxy of another minor and a Karpenter below the matrix's minimum", async () => {
    const plan = await committedPlan("dev");
    const proxy = withInputs(plan, (r) => r.type === "aws:eks/addon:Addon" && inputsOf(r).addonName === "kube-proxy", {
      addonVersion: "v1.33.10-eksbuild.2",
    });
    assert.equal(addonVersionsCheck.run(contextOf(proxy)).length, 2, "both dev clusters");
    const karpenter = withInputs(plan, (r) => r.type === "kubernetes:helm.sh/v3:Release" && /karpenter$/.test(String(inputsOf(r).chart)), {
      version: "1.5.0",
    });
    const findings = addonVersionsCheck.run(contextOf(karpenter));
    assert.equal(findings.length, 2);
    assert.match(findings[0].atDeploy, /^Karpenter 1\.5\.0 does not support Kubernetes 1\.35 \(needs >= 1\.9\.0\)/);
    assert.match(findings[0].fix, /^set platform:regions\[0\]\.cluster\.karpenter\.version to 1\.9\.0 or later$/);
  });

  it("the defaults are table rows, and 1.35 is in EKS standard support on 2026-12-02 while 1.33 and 1.34 are not", () => {
    for (const environment of ["dev", "prod"] as const) {
      const cluster = clusterDefaults[environment];
      for (const [key, name] of Object.entries(ADDON_NAMES)) {
        const version = cluster.addons[key as keyof typeof cluster.addons];
        assert.ok(
          ADDON_COMPATIBILITY.some((r) => r.addon === name && r.version === version && r.kubernetes.includes(cluster.version)),
          `${name} ${version} on ${cluster.version}`,
        );
      }
    }
    assert.equal(supportPhase("1.35", "2026-12-02"), "standard");
    assert.equal(supportPhase("1.34", "2026-12-02"), "extended", "extended billing starts on the end-of-standard day");
    assert.equal(supportPhase("1.33", "2026-12-02"), "extended");
    for (const row of [...EKS_VERSIONS, ...ADDON_COMPATIBILITY]) assert.ok(row.source.length > 10, JSON.stringify(row));
  });
});
