import * as assert from "node:assert/strict";
import { ConfigError, ConfigIssue } from "../../components/config/errors";
import { resolvePlatformConfig } from "../../components/config/stack-config";
import { architectureOf } from "../../components/config/tiers/cluster";
import { committedConfig } from "../helpers/plan";

/** The committed stack's `platform:` values with `cluster` overrides on its first region. */
function withCluster(stack: "dev" | "prod", cluster: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(committedConfig(stack))) {
    if (key.startsWith("platform:")) values[key.slice("platform:".length)] = value;
  }
  const regions = values.regions as Record<string, unknown>[];
  regions[0] = { ...regions[0], cluster };
  return values;
}

function issuesOf(stack: "dev" | "prod", cluster: Record<string, unknown>): ConfigIssue[] {
  try {
    resolvePlatformConfig({ stack, values: withCluster(stack, cluster) });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return [...error.issues];
  }
  assert.fail("expected the configuration to be rejected");
}

const at = (key: string) => `platform:regions[0].cluster.${key}`;

describe("compute: cluster config validation", () => {
  it("accepts the committed stacks", () => {
    for (const stack of ["dev", "prod"] as const) {
      const platform = resolvePlatformConfig({ stack, values: withCluster(stack, {}) });
      assert.ok(platform.regions.every((r) => r.cluster.systemNodeGroup.minSize <= r.cluster.systemNodeGroup.maxSize));
    }
  });

  it("rejects minSize above maxSize", () => {
    assert.deepEqual(issuesOf("dev", { systemNodeGroup: { minSize: 4, desiredSize: 4, maxSize: 3 } }), [
      { path: at("systemNodeGroup.minSize"), message: "must be at most maxSize (3), got 4" },
    ]);
  });

  it("rejects a desired size outside [min, max]", () => {
    assert.deepEqual(issuesOf("dev", { systemNodeGroup: { minSize: 1, desiredSize: 5, maxSize: 3 } }), [
      { path: at("systemNodeGroup.desiredSize"), message: "must be between minSize (1) and maxSize (3), got 5" },
    ]);
    assert.deepEqual(issuesOf("dev", { systemNodeGroup: { minSize: 2, desiredSize: 1, maxSize: 3 } }), [
      { path: at("systemNodeGroup.desiredSize"), message: "must be between minSize (2) and maxSize (3), got 1" },
    ]);
  });

  it("requires prod node groups to be able to scale out (max > min)", () => {
    assert.deepEqual(issuesOf("prod", { systemNodeGroup: { minSize: 3, desiredSize: 3, maxSize: 3 } }), [
      {
        path: at("systemNodeGroup.maxSize"),
        message:
          "must be greater than minSize (3), so the group can scale out (policy autoscaling-bounds, requireHeadroom in policies/config/prod.json); got 3",
      },
    ]);
    // Dev may pin the size.
    resolvePlatformConfig({ stack: "dev", values: withCluster("dev", { systemNodeGroup: { minSize: 2, desiredSize: 2, maxSize: 2 } }) });
  });

  it("rejects non-positive Karpenter limits and sizes", () => {
    assert.deepEqual(issuesOf("dev", { karpenter: { cpuLimit: 0, memoryLimitGiB: -5 } }), [
      { path: at("karpenter.cpuLimit"), message: "must be 1-100000, got 0" },
      { path: at("karpenter.memoryLimitGiB"), message: "must be 1-1000000, got -5" },
    ]);
    assert.deepEqual(issuesOf("dev", { systemNodeGroup: { maxSize: 0 } }), [
      { path: at("systemNodeGroup.maxSize"), message: "must be 1-100, got 0" },
    ]);
  });

  it("rejects an API endpoint open to the internet in prod, with a clear message", () => {
    assert.deepEqual(issuesOf("prod", { publicAccessCidrs: ["203.0.113.0/24", "0.0.0.0/0"] }), [
      {
        path: at("publicAccessCidrs"),
        message:
          "together cover 100% of the public IPv4 address space, which is the internet, not a set of networks (more than 0.1%: policy eks-endpoint-restricted, policies/config/prod.json); list the office or VPN CIDRs that may reach the API (platform:deployer.cidrs are admitted too), or none",
      },
    ]);
    // Dev's pack refuses it too (eks-endpoint-restricted is mandatory there); both may list specific CIDRs.
    assert.equal(issuesOf("dev", { publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }).length, 1);
    resolvePlatformConfig({ stack: "prod", values: withCluster("prod", { publicAccessCidrs: ["203.0.113.0/24"] }) });
  });

  it("rejects malformed endpoint CIDRs", () => {
    assert.deepEqual(issuesOf("dev", { publicAccessCidrs: ["203.0.113.7/24"] }), [
      { path: at("publicAccessCidrs[0]"), message: '"203.0.113.7/24" has host bits set; the network address is 203.0.113.0/24' },
    ]);
  });

  it("rejects node groups that mix CPU architectures", () => {
    assert.deepEqual(issuesOf("dev", { systemNodeGroup: { instanceTypes: ["m7g.large", "m7i.large"] } }), [
      {
        path: at("systemNodeGroup.instanceTypes"),
        message:
          "must all be Graviton (arm64, e.g. m7g.large) or all x86_64 (e.g. m7i.large): one node group runs one AMI type; got m7g.large, m7i.large",
      },
    ]);
  });

  it("rejects a kube-proxy build of another Kubernetes version", () => {
    assert.deepEqual(issuesOf("dev", { version: "1.32" }), [
      {
        path: at("addons.kubeProxy"),
        message: 'must be a kube-proxy build of the cluster version (v1.32.x-eksbuild.y), got "v1.35.3-eksbuild.2"',
      },
      {
        // The committed dev stack scales a queue, and KEDA 2.20 is not tested on 1.32.
        path: at("version"),
        message:
          'must be a Kubernetes version KEDA 2.20.2 is tested on (1.33, 1.34, 1.35; KEDA docs, Operate > Cluster, Kubernetes Compatibility (kedacore/keda-docs content/docs/2.20/operate/cluster.md @a55c5d3)) while a queue of this region has scaling enabled; got "1.32"',
      },
    ]);
  });

  it("rejects a Kubernetes version the EKS release calendar does not list", () => {
    assert.deepEqual(issuesOf("dev", { version: "1.28", addons: { kubeProxy: "v1.28.15-eksbuild.4" } }), [
      {
        path: at("version"),
        message:
          'must be a Kubernetes version of the EKS release calendar (1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35; components/cluster/versions.ts), got "1.28"',
      },
    ]);
  });

  it("requires containerInsights to be a boolean and the CloudWatch add-on version to be set", () => {
    assert.deepEqual(issuesOf("dev", { containerInsights: "yes" }), [
      {
        path: at("containerInsights"),
        message:
          'must be true or false, got "yes" (a string: stack files are YAML 1.2, where only unquoted true and false are booleans; write true)',
      },
    ]);
    assert.deepEqual(issuesOf("dev", { addons: { cloudwatchObservability: "" } }), [
      { path: at("addons.cloudwatchObservability"), message: "must be an add-on version, not empty" },
    ]);
  });

  it("tells Graviton from x86 instance types", () => {
    for (const t of ["m7g.large", "t4g.medium", "c7gn.xlarge", "r8g.2xlarge", "c6gd.large"]) assert.equal(architectureOf(t), "arm64", t);
    for (const t of ["m7i.large", "t3.medium", "c6a.xlarge", "r5.large", "g5.xlarge"]) assert.equal(architectureOf(t), "x86_64", t);
  });
});
