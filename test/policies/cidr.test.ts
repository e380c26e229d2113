import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  Cidr,
  cidr,
  contains,
  formatCidr,
  isPrivateVpcBlock,
  nthSubnet,
  openness,
  overlaps,
  packSubnets,
  parseCidr,
  publicShare,
} from "../../policies/lib/cidr";

const parse = (text: string) => {
  const parsed = parseCidr(text);
  assert.notEqual(typeof parsed, "string", `${text}: ${String(parsed)}`);
  return parsed as Cidr;
};

describe("the CIDR module (policies/lib/cidr.ts): one parser for config, program and pack", () => {
  it("parses IPv4 and IPv6, and writes IPv6 in the RFC 5952 form", () => {
    assert.equal(formatCidr(parse("10.0.0.0/16")), "10.0.0.0/16");
    assert.equal(formatCidr(parse("2001:0DB8:0000:0000::/48")), "2001:db8::/48");
    assert.equal(formatCidr(parse("::/0")), "::/0");
    assert.equal(formatCidr(parse("8000::/1")), "8000::/1");
    assert.equal(formatCidr(parse("1:2:3:4:5:6:7:8/128")), "1:2:3:4:5:6:7:8/128");
    assert.equal(parse("::ffff:10.0.0.0/104").base, 0xffff0a000000n);
  });

  it("refuses leading zeros, host bits, zone ids, malformed and oversized input, naming the value", () => {
    const cases: [unknown, RegExp][] = [
      ["010.0.0.0/8", /^"010\.0\.0\.0\/8" has a leading zero in 010: write 10/],
      ["10.0.0.0/016", /has a leading zero in its prefix length \/016/],
      ["10.0.0.1/8", /has host bits set; the network address is 10\.0\.0\.0\/8/],
      ["256.0.0.0/8", /has an octet above 255/],
      ["10.0.0.0/33", /has a prefix length above 32/],
      ["::/129", /has a prefix length above 128/],
      ["fe80::1%eth0/64", /has a zone id/],
      ["1::2::3/64", /is not a CIDR block/],
      ["1:2:3:4:5:6:7:8:9/64", /is not a CIDR block/],
      ["1:2:3:4:5:6:7::8/128", /is not a CIDR block/],
      ["10.0.0.0", /is not a CIDR block/],
      ["10.0.0.0/8/8", /is not a CIDR block/],
      [" 10.0.0.0/8", /is not a CIDR block/],
      ["1".repeat(10_000), /^"1{64}"… is not a CIDR block/],
      [42, /must be a CIDR block .*, got number/],
    ];
    for (const [text, message] of cases) {
      const parsed = parseCidr(text);
      assert.equal(typeof parsed, "string", `${String(text).slice(0, 20)} parsed`);
      assert.match(parsed as string, message);
    }
    assert.match(parseCidr("2001:db8::/32", 4) as string, /is an IPv6 block; expected an IPv4 CIDR block/);
  });

  it("compares blocks only within a family", () => {
    assert.ok(overlaps(cidr("10.0.0.0/8"), cidr("10.1.0.0/16")));
    assert.ok(!overlaps(cidr("0.0.0.0/0"), cidr("::/0")));
    assert.ok(contains(cidr("2001:db8::/32"), cidr("2001:db8:1::/48")));
    assert.equal(formatCidr(nthSubnet(cidr("10.0.0.0/9"), 16, 6)!), "10.6.0.0/16");
    assert.deepEqual(packSubnets(cidr("10.0.0.0/16"), [22, 19])?.map(formatCidr), ["10.0.32.0/22", "10.0.0.0/19"]);
  });

  it("measures openness as the share of public space covered, summed over every block", () => {
    const open = (...texts: string[]) => openness(texts.map(cidr), 0.1);
    assert.equal(open("0.0.0.0/0").ipv4, 1);
    assert.equal(open("0.0.0.0/1", "128.0.0.0/1").ipv4, 1);
    assert.ok(open("0.0.0.0/1", "128.0.0.0/1").open);
    assert.ok(open("::/1", "8000::/1").open);
    assert.equal(open("::/1", "8000::/1").ipv6, 1);
    assert.ok(open("4.0.0.0/8").open, "a /8 of public space is the internet");
    // Private, shared and documentation space is no part of the internet; duplicates count once.
    assert.ok(!open("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "203.0.113.0/24").open);
    assert.equal(publicShare([cidr("198.51.100.0/24")], 4), 0);
    assert.ok(!open("4.0.0.0/11", "4.0.0.0/11").open);
    assert.ok(open("4.0.0.0/11", "4.32.0.0/11").open, "two blocks under the limit add up over it");
    assert.ok(!open("203.0.114.0/24").open, "an office network");
  });

  it("every split of the whole space into equal blocks is open (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.constantFrom<4 | 6>(4, 6), (bits, family) => {
        const whole = cidr(family === 4 ? "0.0.0.0/0" : "::/0");
        const parts = Array.from({ length: 2 ** bits }, (_, i) => nthSubnet(whole, bits, i)!);
        assert.ok(openness(parts, 0.1).open);
      }),
    );
  });

  it("private VPC ranges are RFC 1918 and RFC 6598 space only", () => {
    for (const text of ["10.0.0.0/9", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]) assert.ok(isPrivateVpcBlock(cidr(text)), text);
    for (const text of ["0.0.0.0/0", "8.0.0.0/9", "10.0.0.0/7", "172.32.0.0/16", "2001:db8::/32"])
      assert.ok(!isPrivateVpcBlock(cidr(text)), text);
  });
});
