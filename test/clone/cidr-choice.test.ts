import { strict as assert } from "node:assert";
import fc from "fast-check";
import { AWS_REGION_NAMES, regionSlot } from "../../components/config/aws-regions";
import { cidr, contains, formatCidr, nthSubnet, overlaps } from "../../policies/lib/cidr";
import { allocateRegionCidr, freshSupernet } from "../../tools/clone/cidr-choice";
import { unifiedDiff } from "../../tools/clone/diff";

const prodVpcs = ["10.0.0.0/16", "10.3.0.0/16", "10.6.0.0/16", "10.9.0.0/16"].map(cidr);
const devVpcs = ["10.128.0.0/16", "10.134.0.0/16"].map(cidr);

describe("clone: CIDR choice", () => {
  it("takes the region's own supernet slot when it is free, so the stack file needs no cidr:", () => {
    const got = allocateRegionCidr({
      region: "eu-north-1",
      supernet: cidr("10.0.0.0/9"),
      prefixLength: 16,
      used: [...prodVpcs, ...devVpcs],
    });
    assert.deepEqual(got, { cidr: "10.11.0.0/16", explicit: false, index: 11 });
  });

  it("takes the first block no catalogue region is allocated when the slot is taken", () => {
    const used = [...prodVpcs, cidr("10.11.0.0/16")];
    const got = allocateRegionCidr({ region: "eu-north-1", supernet: cidr("10.0.0.0/9"), prefixLength: 16, used });
    assert.deepEqual(got, { cidr: `10.${AWS_REGION_NAMES.length}.0.0/16`, explicit: true, index: AWS_REGION_NAMES.length });
  });

  it("falls back to any free block when the supernet has no slot for the region", () => {
    const got = allocateRegionCidr({
      region: "ap-northeast-1",
      supernet: cidr("172.16.0.0/12"),
      prefixLength: 16,
      used: [cidr("172.16.0.0/16")],
    });
    assert.deepEqual(got, { cidr: "172.17.0.0/16", explicit: true, index: 1 });
  });

  it("returns undefined when every block is used", () => {
    const used = [cidr("10.0.0.0/16"), cidr("10.1.0.0/16")];
    assert.equal(allocateRegionCidr({ region: "us-east-1", supernet: cidr("10.0.0.0/15"), prefixLength: 16, used }), undefined);
  });

  it("never returns a block that overlaps a used one or leaves the supernet (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...AWS_REGION_NAMES),
        fc.integer({ min: 8, max: 14 }),
        fc.integer({ min: 16, max: 20 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 12, max: 24 })), {
          maxLength: 30,
        }),
        (region, superPrefix, prefixLength, raw) => {
          const supernet = cidr(`10.0.0.0/${superPrefix}`);
          const used = raw.map(([b, c, p]) => {
            const block = cidr(`10.${b}.${c}.0/24`);
            return { ...block, base: (block.base >> BigInt(32 - p)) << BigInt(32 - p), prefix: p };
          });
          const got = allocateRegionCidr({ region, supernet, prefixLength, used });
          if (got === undefined) return;
          const block = cidr(got.cidr);
          assert.ok(contains(supernet, block), `${got.cidr} outside ${formatCidr(supernet)}`);
          assert.equal(block.prefix, prefixLength);
          for (const u of used) assert.ok(!overlaps(block, u), `${got.cidr} overlaps ${formatCidr(u)}`);
        },
      ),
    );
  });

  it("finds a fresh supernet only where every catalogue region has its slot (172.16.0.0/12 holds 16 of them)", () => {
    const used = [cidr("10.0.0.0/9"), cidr("10.128.0.0/9"), ...prodVpcs, ...devVpcs];
    // 172.16.0.0/12 has 16 /16 slots: ap-northeast-1 and later regions would have none.
    assert.equal(freshSupernet(["ap-southeast-1", "ap-southeast-2"], 9, 16, used), undefined);
    const half = freshSupernet(["ap-southeast-1"], 9, 16, [cidr("10.0.0.0/9"), ...prodVpcs]);
    assert.equal(half && formatCidr(half), "10.128.0.0/9");
    assert.equal(
      freshSupernet(["us-east-1"], 9, 16, [cidr("10.0.0.0/9")]) && formatCidr(freshSupernet(["us-east-1"], 9, 16, [cidr("10.0.0.0/9")])!),
      "10.128.0.0/9",
    );
    assert.equal(freshSupernet(["us-east-1"], 8, 16, [cidr("0.0.0.0/0")]), undefined);
  });
});

describe("clone: unified diff", () => {
  it("is empty for equal texts and shows an insertion with three lines of context", () => {
    assert.equal(unifiedDiff("a\n", "a\n", "x", "y"), "");
    const before = "1\n2\n3\n4\n5\n6\n7\n8\n";
    const after = "1\n2\n3\n4\nnew\n5\n6\n7\n8\n";
    assert.equal(unifiedDiff(before, after, "a/f", "b/f"), "--- a/f\n+++ b/f\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n");
  });

  it("prints removals before additions and marks a missing final newline", () => {
    assert.equal(unifiedDiff("a\nb", "a\nc\n", "x", "y"), "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n");
    assert.equal(unifiedDiff("", "a\n", "/dev/null", "y"), "--- /dev/null\n+++ y\n@@ -0,0 +1 @@\n+a\n");
  });
});

describe("clone: the fallback supernet over the region catalogue", () => {
  for (const prefixLength of [16, 20, 24]) {
    it(`holds a slot for every catalogue region (VPCs of /${prefixLength})`, () => {
      const supernet = freshSupernet(["us-east-1"], 8, prefixLength, [cidr("10.0.0.0/9")]);
      assert.ok(supernet, "a fresh supernet exists");
      for (const region of AWS_REGION_NAMES) {
        const slot = nthSubnet(supernet, prefixLength, regionSlot(region));
        assert.ok(slot, `${region} has slot ${regionSlot(region)} in ${formatCidr(supernet)}`);
        // Distinct slots: no region is ever given another's block.
        assert.equal(allocateRegionCidr({ region, supernet, prefixLength, used: [] })?.index, regionSlot(region), region);
      }
    });
  }
});
