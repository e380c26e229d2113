/**
 * "Open to the internet" by meaning: the CIDRs of a rule, an endpoint or a whole security group
 * are summed, so splitting 0.0.0.0/0 (or ::/0) into halves, or across rules, is refused too.
 */
import { strict as assert } from "node:assert";
import { Plan } from "../../tools/engine/model";
import { committedPlan } from "../helpers/plan";
import { add, edit, named, typed, violations } from "./helpers";

const CLUSTER = "aws:eks/cluster:Cluster";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

const publicEndpoint = (plan: Plan, cidrs: string[]) =>
  edit(plan, typed(CLUSTER, "eu-west-1"), (i) => {
    i.vpcConfig.endpointPublicAccess = true;
    i.vpcConfig.publicAccessCidrs = cidrs;
  });

/** A second ingress rule on the workload group of us-east-1, linked to it as the engine links it. */
const extraRule = (plan: Plan, name: string, inputs: Record<string, unknown>) => {
  const rule = plan.resources.find(named("us-east-1-workload-from-self"))!;
  return add(plan, {
    type: INGRESS_RULE,
    name,
    region: "us-east-1",
    inputs: { securityGroupId: rule.inputs.securityGroupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, ...inputs },
    propertyDependencies: { securityGroupId: [...rule.propertyDependencies.securityGroupId] },
  });
};

describe("policies: open to the internet means covering it, however the CIDRs are split", () => {
  describe("eks-endpoint-restricted", () => {
    for (const cidrs of [["0.0.0.0/1", "128.0.0.0/1"], ["::/1", "8000::/1"], ["4.0.0.0/8"], ["0.0.0.0/0"]]) {
      it(`refuses a public endpoint for ${cidrs.join(" + ")}`, async () => {
        const found = await violations("eks-endpoint-restricted", publicEndpoint(await committedPlan("prod"), cidrs), "prod");
        assert.equal(found.length, 1, found.map((v) => v.message).join("\n"));
        assert.match(
          found[0].message,
          /the public API endpoint is open to the internet: publicAccessCidrs \(.*\) cover (100|0\.45|0)% of the public IPv4 and (100|0)% of the public IPv6 address space, more than the 0\.1% allowed/,
        );
        assert.match(found[0].message, /platform:regions\[\]\.cluster\.publicAccessCidrs of eu-west-1/);
      });
    }

    it("accepts a public endpoint for a few office networks", async () => {
      const plan = publicEndpoint(await committedPlan("prod"), ["203.0.114.0/24", "198.51.101.0/24"]);
      assert.deepEqual(await violations("eks-endpoint-restricted", plan, "prod"), []);
    });

    it("refuses a CIDR it cannot read (fails closed)", async () => {
      const found = await violations("eks-endpoint-restricted", publicEndpoint(await committedPlan("prod"), ["010.0.0.0/8"]), "prod");
      assert.match(found[0].message, /vpcConfig\.publicAccessCidrs: "010\.0\.0\.0\/8" has a leading zero/);
    });
  });

  describe("no-open-ingress", () => {
    it("refuses two /1 halves on one rule", async () => {
      const plan = edit(await committedPlan("dev"), named("us-east-1-workload-from-self"), (i) => (i.cidrIpv4 = "0.0.0.0/1"));
      const split = extraRule(plan, "us-east-1-other-half", { cidrIpv4: "128.0.0.0/1", ipProtocol: "-1" });
      const found = await violations("no-open-ingress", split, "dev");
      assert.equal(found.length, 1, found.map((v) => v.message).join("\n"));
      assert.match(
        found[0].message,
        /^security group us-east-1-workload-sg admits 100% of the public IPv4 and 0% of the public IPv6 internet on every protocol and port, .* through us-east-1-workload-from-self cidrIpv4\/cidrIpv6 \(0\.0\.0\.0\/1\); us-east-1-other-half cidrIpv4\/cidrIpv6 \(128\.0\.0\.0\/1\)/,
      );
    });

    it("sums blocks each under the limit across rules, on the ports they share", async () => {
      let plan = await committedPlan("dev");
      // Each /11 is 0.057% of public IPv4 space, under the 0.1% limit; together they are over it.
      plan = extraRule(plan, "part-a", { cidrIpv4: "4.0.0.0/11", fromPort: 0, toPort: 1000 });
      plan = extraRule(plan, "part-b", { cidrIpv4: "4.32.0.0/11", fromPort: 443, toPort: 8443 });
      const found = await violations("no-open-ingress", plan, "dev");
      assert.deepEqual(
        found.map((v) => v.message.replace(/, more than.*/, "")),
        ["security group us-east-1-workload-sg admits 0.11% of the public IPv4 and 0% of the public IPv6 internet on tcp ports 443-1000"],
      );
    });

    it("refuses IPv6 halves in one security group's inline rules", async () => {
      const plan = edit(await committedPlan("dev"), typed("aws:ec2/securityGroup:SecurityGroup", "eu-west-1"), (i) => {
        i.ingress = [{ protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlocks: ["::/1", "8000::/1"] }];
      });
      const found = await violations("no-open-ingress", plan, "dev");
      assert.equal(found.length, 1);
      assert.match(found[0].message, /100% of the public IPv6 internet on tcp port 22, .* ingress\[0\] \(::\/1, 8000::\/1\)/);
    });

    it("accepts narrow networks, and the tagged CDN path on its port", async () => {
      let plan = await committedPlan("dev");
      plan = extraRule(plan, "office", { cidrIpv4: "203.0.114.0/24" });
      plan = extraRule(plan, "cdn", { cidrIpv4: "0.0.0.0/0", tags: { "ingress-path": "cdn" } });
      assert.deepEqual(await violations("no-open-ingress", plan, "dev"), []);
    });
  });
});
