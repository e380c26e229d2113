/**
 * Hostile or careless config values (issue 13): each is refused with one error naming the stack
 * file and key path, in bounded time and memory, before anything else runs.
 */
import { strict as assert } from "node:assert";
import { ConfigError } from "../../components/config";
import { MAX_ALERT_EMAILS } from "../../components/config/tiers/observability";
import { MAX_STACK_TAGS } from "../../components/config/tiers/tags";
import { minimal, planFile, rejects, resolve } from "./helpers";

describe("stack config: hostile values are refused clearly", () => {
  it("a zone named like an Object.prototype member is an unknown zone, not a crash", () => {
    for (const zone of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      rejects(
        { ...minimal(), regions: [{ region: "us-east-1", zone }] },
        "platform:regions[0].zone",
        new RegExp(`^unknown residency zone "${zone}"; allowed: us, eu,`),
      );
    }
  });

  it('a "__proto__" key anywhere is refused, not silently dropped', () => {
    const values = { ...minimal(), tags: JSON.parse('{"team":"platform","cost-center":"eng","__proto__":"x"}') };
    rejects(values, "platform:tags.__proto__", 'is a reserved name ("__proto__") that cannot be used as a key');
  });

  it("keys named like Object.prototype members are plain data in regionDefaults", () => {
    rejects(
      { ...minimal(), regionDefaults: { constructor: { x: 1 } } },
      "platform:regionDefaults.constructor",
      /^unknown key; allowed keys: region, zone, cidr, azCount,/,
    );
  });

  it("an origin service name that is not a Kubernetes DNS-1035 label", () => {
    for (const serviceName of ["My_App", "1app", "app-", "a".repeat(64), ""]) {
      rejects(
        { ...minimal(), edge: { origin: { serviceName } } },
        "platform:edge.origin.serviceName",
        /^must be a Kubernetes Service name: a DNS-1035 label of at most 63/,
      );
    }
    assert.equal(resolve({ ...minimal(), edge: { origin: { serviceName: "web-api2" } } }).edge.origin.serviceName, "web-api2");
  });

  it("regionDefaults.region, zone and cidr, which every region overrides, are refused where written", () => {
    for (const [key, value] of [
      ["region", "eu-west-1"],
      ["zone", "eu"],
      ["cidr", "10.128.0.0/16"],
    ]) {
      const values = {
        ...minimal(),
        regions: [...minimal().regions, { region: "us-west-2", zone: "us" }],
        regionDefaults: { [key]: value },
      };
      const error = rejects(
        values,
        `platform:regionDefaults.${key}`,
        /^cannot be set in regionDefaults: each entry of regions names its own region, zone and cidr/,
      );
      assert.equal(error.issues.length, 1, JSON.stringify(error.issues));
    }
  });

  it(`more than ${MAX_ALERT_EMAILS} alert addresses, before any is parsed`, () => {
    const alertEmails = Array.from({ length: 10_000 }, (_, i) => `oncall-${i}@corp.internal`);
    rejects(
      { ...minimal(), observability: { alertEmails } },
      "platform:observability.alertEmails",
      new RegExp(
        `^has 10000 entries; at most ${MAX_ALERT_EMAILS} are allowed \\(each address becomes an SNS email subscription in every region`,
      ),
    );
  });

  it("100,000 tag keys, counted before anything else runs", () => {
    const tags: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) tags[`key-${i}`] = "v";
    const started = process.hrtime.bigint();
    const error = rejects(
      { ...minimal(), tags },
      "platform:tags",
      new RegExp(`^has 100000 keys; at most ${MAX_STACK_TAGS} are allowed \\(AWS allows 50 tags per resource`),
    );
    assert.equal(error.issues.length, 1);
    // Not a timing assertion: the size check runs first, so no per-key work was done.
    assert.ok(process.hrtime.bigint() > started);
  });

  it("overlong strings and deep nesting", () => {
    rejects(
      { ...minimal(), edge: { domain: "a".repeat(100_000) } },
      "platform:edge.domain",
      "is 100000 characters long; no value here may be longer than 2048",
    );
    let deep: unknown = "x";
    for (let i = 0; i < 50; i++) deep = { nested: deep };
    rejects(
      { ...minimal(), edge: deep },
      "platform:edge.nested.nested.nested.nested.nested.nested.nested.nested.nested.nested",
      /^nests deeper than 10 levels/,
    );
  });

  it("control characters in tag values, with the position and code point", () => {
    rejects(
      { ...minimal(), tags: { team: "platform\u001b[31m", "cost-center": "eng" } },
      "platform:tags.team",
      "the value contains a control character (U+001B) at position 9; AWS allows letters, digits, spaces and + - = . _ : / @",
    );
    rejects(
      { ...minimal(), tags: { team: "plat\nform", "cost-center": "eng" } },
      "platform:tags.team",
      /contains a control character \(U\+000A\)/,
    );
  });

  it("the error prints hostile text escaped, never raw", () => {
    try {
      resolve({ ...minimal(), regions: [{ region: "us-east-1\u001b]0;pwned\u0007", zone: "us" }] });
      assert.fail("accepted");
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.ok(![...error.message].some((c) => c.charCodeAt(0) < 0x20 && c !== "\n"), JSON.stringify(error.message));
      assert.match(error.message, /unknown AWS region "us-east-1\\u001b\]0;pwned\\u0007"/);
    }
  });

  it("the plan exits 2 naming the file and key path, with no stack trace", () => {
    const { code, stdout, stderr } = planFile(
      "hostile",
      "config:\n  platform:environment: dev\n  platform:deployer: { via: public-endpoint, cidrs: [198.51.100.7/32] }\n  platform:network:\n    supernet: 10.128.0.0/9\n  platform:tags:\n    team: platform\n    cost-center: eng\n  platform:regions:\n    - region: us-east-1\n      zone: constructor\n",
    );
    assert.equal(code, 2, stdout + stderr);
    assert.equal(stdout, "");
    assert.match(
      stderr,
      /^error: invalid stack configuration\n {2}Pulumi\.hostile\.yaml: platform:regions\[0\]\.zone: unknown residency zone "constructor"/,
    );
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});

describe("stack config: VPC blocks are private, CIDRs parsed strictly", () => {
  it("a supernet or VPC CIDR in public space, naming the allowed ranges", () => {
    const allowed =
      "VPCs and supernets must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 (the RFC 1918 private ranges and RFC 6598 shared space)";
    rejects(
      { ...minimal(), network: { supernet: "8.0.0.0/9" } },
      "platform:network.supernet",
      `8.0.0.0/9 is not private address space; ${allowed}`,
    );
    rejects(
      { ...minimal(), network: { supernet: "0.0.0.0/0" } },
      "platform:network.supernet",
      `0.0.0.0/0 is not private address space (it is the whole IPv4 address space); ${allowed}`,
    );
    rejects(
      { ...minimal(), network: { supernet: "10.0.0.0/7" } },
      "platform:network.supernet",
      /^10\.0\.0\.0\/7 is not private address space/,
    );
    rejects(
      { ...minimal(), regions: [{ region: "us-east-1", zone: "us", cidr: "52.0.0.0/16" }] },
      "platform:regions[0].cidr",
      /^52\.0\.0\.0\/16 is not private address space/,
    );
  });

  it("accepts RFC 6598 shared space and every RFC 1918 range", () => {
    for (const supernet of ["100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16"]) {
      assert.equal(resolve({ ...minimal(), network: { supernet, regionPrefixLength: 20 } }).supernet, supernet);
    }
  });

  it("leading zeros and IPv6 VPC blocks", () => {
    rejects(
      { ...minimal(), network: { supernet: "010.0.0.0/9" } },
      "platform:network.supernet",
      '"010.0.0.0/9" has a leading zero in 010: write 10 (some tools read 010 as an octal number)',
    );
    rejects(
      { ...minimal(), regions: [{ region: "us-east-1", zone: "us", cidr: "fd00::/48" }] },
      "platform:regions[0].cidr",
      /^"fd00::\/48" is an IPv6 block; expected an IPv4 CIDR block/,
    );
  });

  it("public access CIDRs: IPv6 refused on IPv4 clusters, the internet refused however it is split", () => {
    const cluster = (publicAccessCidrs: string[]) => ({
      ...minimal(),
      regions: [{ region: "us-east-1", zone: "us", cluster: { publicAccessCidrs } }],
    });
    rejects(
      cluster(["2001:db8::/32"]),
      "platform:regions[0].cluster.publicAccessCidrs[0]",
      /is an IPv6 block; .*: EKS accepts IPv6 public access CIDRs only on IPv6 clusters/,
    );
    for (const split of [["0.0.0.0/1", "128.0.0.0/1"], ["0.0.0.0/0"], ["4.0.0.0/8"]]) {
      rejects(
        cluster(split),
        "platform:regions[0].cluster.publicAccessCidrs",
        /^together cover (100|0\.45)% of the public IPv4 address space, which is the internet.*policy eks-endpoint-restricted, policies\/config\/dev\.json/,
      );
    }
    assert.deepEqual(resolve(cluster(["203.0.114.0/24"])).regions[0].cluster.publicAccessCidrs, ["203.0.114.0/24"]);
  });
});
