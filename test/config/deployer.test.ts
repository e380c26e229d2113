import { strict as assert } from "node:assert";
import { ConfigError, resolvePlatformConfig } from "../../components/config";
import { deployerNotices, placeholderCidrs } from "../../components/config/tiers/deployer";
import { committedConfig } from "../helpers/plan";

function values(stack: "dev" | "prod"): Record<string, any> {
  return Object.fromEntries(Object.entries(committedConfig(stack)).map(([k, v]) => [k.replace(/^platform:/, ""), v]));
}

/** The issues of a config, as `path: message`; [] when it resolves. */
function issues(stack: "dev" | "prod", change: (v: Record<string, any>) => void): string[] {
  const v = values(stack);
  change(v);
  try {
    resolvePlatformConfig({ stack, values: v });
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe("config: platform:deployer", () => {
  it("the committed stacks deploy through the public endpoint from a flagged placeholder range", () => {
    for (const stack of ["dev", "prod"] as const) {
      const platform = resolvePlatformConfig({ stack, values: values(stack) });
      assert.deepEqual(platform.deployer, { via: "public-endpoint", cidrs: ["203.0.113.0/24"] });
      assert.deepEqual(placeholderCidrs(platform.deployer), ["203.0.113.0/24"]);
    }
    assert.deepEqual(placeholderCidrs({ via: "public-endpoint", cidrs: ["198.51.100.7/32", "52.94.76.10/32"] }), ["198.51.100.7/32"]);
    assert.equal(deployerNotices({ via: "public-endpoint", cidrs: ["52.94.76.10/32"] }).length, 1, "a real address is not flagged");
  });

  it("is required: without it no Kubernetes API can be reached", () => {
    assert.deepEqual(
      issues("dev", (v) => delete v.deployer),
      [
        "platform:deployer: is required (where `pulumi up` runs, e.g. { via: public-endpoint, cidrs: [<the CI runners' public egress address>/32] })",
      ],
    );
  });

  it("refuses paths a first deploy cannot have, and an empty list", () => {
    const [via] = issues("dev", (v) => (v.deployer = { via: "vpn", cidrs: ["52.94.76.10/32"] }));
    assert.match(via, /^platform:deployer\.via: must be public-endpoint, got "vpn": this stack creates the VPCs in the same deploy/);
    assert.deepEqual(
      issues("dev", (v) => (v.deployer = { via: "public-endpoint", cidrs: [] })),
      ["platform:deployer.cidrs: must list the public egress CIDR(s) deploys run from (e.g. the CI runners' NAT address as a /32)"],
    );
    assert.match(issues("dev", (v) => (v.deployer = { via: "public-endpoint", cidrs: ["52.94.76.10/32"], vpn: true }))[0], /unknown key/);
  });

  it("refuses addresses that never reach a public endpoint, malformed blocks, and the whole internet", () => {
    assert.deepEqual(
      issues("dev", (v) => (v.deployer.cidrs = ["10.1.0.0/16", "100.64.1.0/24", "52.94.76.10/24", "0.0.0.0/0"])),
      [
        "platform:deployer.cidrs[0]: 10.1.0.0/16 is a private (RFC 1918) range (inside 10.0.0.0/8): connections to the public API endpoint come from the deployer's public (NAT) address; list that one",
        "platform:deployer.cidrs[1]: 100.64.1.0/24 is a carrier-grade NAT (RFC 6598) range (inside 100.64.0.0/10): connections to the public API endpoint come from the deployer's public (NAT) address; list that one",
        'platform:deployer.cidrs[2]: "52.94.76.10/24" has host bits set; the network address is 52.94.76.0/24',
        "platform:deployer.cidrs: together cover 100% of the public IPv4 address space, which is the internet, not a set of networks (more than 0.1%: policy eks-endpoint-restricted, policies/config/dev.json); every cluster's public endpoint admits them: list the egress addresses deploys run from",
      ],
    );
    // The internet however it is split, measured as the eks-endpoint-restricted policy measures it.
    assert.deepEqual(
      issues("prod", (v) => (v.deployer.cidrs = ["0.0.0.0/1", "128.0.0.0/1"])),
      [
        "platform:deployer.cidrs: together cover 100% of the public IPv4 address space, which is the internet, not a set of networks (more than 0.1%: policy eks-endpoint-restricted, policies/config/prod.json); every cluster's public endpoint admits them: list the egress addresses deploys run from",
      ],
    );
  });

  it("refuses more public access CIDRs per cluster than EKS allows (40, with the region's own list)", () => {
    const many = Array.from({ length: 30 }, (_, i) => `52.94.${i}.0/24`);
    const extra = Array.from({ length: 11 }, (_, i) => `52.95.${i}.0/24`);
    assert.deepEqual(
      issues("dev", (v) => {
        v.deployer.cidrs = many;
        v.regions[1].cluster = { publicAccessCidrs: extra };
      }),
      [
        "platform:regions[1].cluster.publicAccessCidrs: 41 public access CIDRs (deployer.cidrs plus this list) exceed EKS's limit of 40 per cluster (quota L-93A74D60, not adjustable)",
      ],
    );
  });
});
