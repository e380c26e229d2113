import { strict as assert } from "node:assert";
import fc from "fast-check";
import { cidr, contains, overlaps } from "../../policies/lib/cidr";
import { planSubnets } from "../../components/network/subnet-plan";

describe("subnet plan", () => {
  it("gives a /16 over three AZs /19 private, /22 public and /22 isolated subnets", () => {
    const plan = planSubnets("10.0.0.0/16", ["a", "b", "c"]);
    assert.deepEqual(plan, {
      private: ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"],
      public: ["10.0.96.0/22", "10.0.100.0/22", "10.0.104.0/22"],
      isolated: ["10.0.108.0/22", "10.0.112.0/22", "10.0.116.0/22"],
    });
  });

  it("never overlaps and stays inside the VPC, for every AZ count and VPC size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 16, max: 20 }),
        fc.integer({ min: 2, max: 6 }),
        (octet, prefix, azCount) => {
          const base = `10.${octet}.0.0`;
          const vpc = cidr(`${base}/16`);
          const block = `${base.split(".").slice(0, 2).join(".")}.0.0/${prefix}`;
          const plan = planSubnets(
            block,
            Array.from({ length: azCount }, (_, i) => `az${i}`),
          );
          assert.ok(plan, `${azCount} AZs must fit in ${block}`);
          const all = [...plan.private, ...plan.public, ...plan.isolated].map(cidr);
          assert.equal(all.length, azCount * 3);
          for (const [i, a] of all.entries()) {
            assert.ok(contains(cidr(block), a) && contains(vpc, a));
            for (const b of all.slice(i + 1)) assert.ok(!overlaps(a, b));
          }
        },
      ),
    );
  });
});
