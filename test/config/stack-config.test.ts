import { strict as assert } from "node:assert";
import { KNOWN_KEYS } from "../../components/config";
import { AWS_REGIONS } from "../../components/config/aws-regions";
import { zoneOfRegion } from "../../policies/residency-zones";
import { SECURE_PLACEHOLDER, loadStack } from "../../tools/engine/stack-files";
import { serviceCiphertext } from "../engine/ciphertexts";
import { REPO, tempProject } from "../helpers/plan";
import { committedText } from "../clone/fixtures";
import { fromCommitted, minimal, rejects, resolve } from "./helpers";

describe("stack config", () => {
  describe("committed stacks", () => {
    it("dev resolves to one or two cheap regions", () => {
      const dev = resolve(fromCommitted("dev"), "dev");
      assert.ok(dev.regions.length >= 1 && dev.regions.length <= 2);
      for (const region of dev.regions) {
        assert.equal(region.network.natGateways, "single");
        assert.equal(region.database.multiAz, false);
        assert.equal(region.database.deletionProtection, false);
      }
    });

    it("prod covers two residency zones with two regions each, highly available", () => {
      const prod = resolve(fromCommitted("prod"), "prod");
      const zones = new Map<string, string[]>();
      for (const region of prod.regions) zones.set(region.zone, [...(zones.get(region.zone) ?? []), region.region]);
      assert.equal(zones.size, 2);
      for (const regions of zones.values()) assert.equal(regions.length, 2);
      for (const region of prod.regions) {
        assert.equal(region.network.natGateways, "perAz");
        assert.equal(region.azCount, 3);
        assert.equal(region.database.multiAz, true);
        assert.equal(region.database.deletionProtection, true);
      }
    });

    it("regionDefaults apply to every region and regions override them", () => {
      const values = fromCommitted("prod");
      values.regions[0].database.instanceClass = "db.r6g.2xlarge";
      const prod = resolve(values, "prod");
      assert.equal(prod.regions[0].database.instanceClass, "db.r6g.2xlarge");
      assert.equal(prod.regions[1].database.instanceClass, "db.r6g.xlarge");
      assert.equal(prod.regions[1].database.readReplicas, 2);
    });
  });

  describe("CIDR allocation", () => {
    it("gives each region the fixed slot of its name, so adding a region renumbers none", () => {
      const one = resolve(minimal());
      const two = resolve({ ...minimal(), regions: [{ region: "eu-west-1", zone: "eu" }, ...minimal().regions] });
      assert.equal(one.regions[0].cidr, "10.128.0.0/16");
      assert.equal(two.regions.find((r) => r.region === "us-east-1")?.cidr, "10.128.0.0/16");
      assert.equal(two.regions.find((r) => r.region === "eu-west-1")?.cidr, "10.134.0.0/16");
      assert.ok(two.regions.every((r) => r.cidrAllocated));
    });

    it("keeps an explicit CIDR", () => {
      const values = minimal();
      (values.regions[0] as Record<string, unknown>).cidr = "172.20.0.0/16";
      const config = resolve(values);
      assert.equal(config.regions[0].cidr, "172.20.0.0/16");
      assert.equal(config.regions[0].cidrAllocated, false);
    });
  });

  describe("rejects, naming file, key path, problem and what is allowed", () => {
    it("an unknown region name", () => {
      rejects(
        { ...minimal(), regions: [{ region: "us-east-9", zone: "us" }] },
        "platform:regions[0].region",
        /^unknown AWS region "us-east-9" \(did you mean "us-east-1"\?\); allowed: us-east-1, us-east-2, /,
      );
    });

    it("a region outside its residency zone (London is not in the EU zone)", () => {
      rejects(
        { ...minimal(), regions: [{ region: "eu-west-2", zone: "eu" }] },
        "platform:regions[0].zone",
        'eu-west-2 is not in residency zone "eu" (which holds eu-west-1, eu-west-3, eu-central-1, eu-north-1, eu-south-1, eu-south-2)',
      );
    });

    it("an unknown residency zone", () => {
      rejects(
        { ...minimal(), regions: [{ region: "us-east-1", zone: "mars" }] },
        "platform:regions[0].zone",
        'unknown residency zone "mars"; allowed: us, eu, uk, ch, ca, apac, sa',
      );
    });

    it("duplicate regions", () => {
      rejects(
        {
          ...minimal(),
          regions: [
            { region: "us-east-1", zone: "us" },
            { region: "us-east-1", zone: "us" },
          ],
        },
        "platform:regions[1].region",
        '"us-east-1" is listed twice; each region may appear once in a stack',
      );
    });

    it("a malformed CIDR", () => {
      rejects(
        { ...minimal(), regions: [{ region: "us-east-1", zone: "us", cidr: "10.0.0/16" }] },
        "platform:regions[0].cidr",
        '"10.0.0/16" is not an IPv4 CIDR block like 10.0.0.0/16',
      );
      rejects(
        { ...minimal(), regions: [{ region: "us-east-1", zone: "us", cidr: "10.0.1.0/16" }] },
        "platform:regions[0].cidr",
        '"10.0.1.0/16" has host bits set; the network address is 10.0.0.0/16',
      );
      rejects(
        { ...minimal(), network: { supernet: "10.300.0.0/9" } },
        "platform:network.supernet",
        '"10.300.0.0/9" has an octet above 255',
      );
    });

    it("overlapping CIDRs, explicit or allocated", () => {
      rejects(
        {
          ...minimal(),
          regions: [
            { region: "us-east-1", zone: "us" },
            { region: "us-west-2", zone: "us", cidr: "10.128.128.0/20" },
          ],
        },
        "platform:regions[1].cidr",
        "10.128.128.0/20 (given) overlaps 10.128.0.0/16 of regions[0] (us-east-1); VPCs of one stack must not overlap",
      );
    });

    it("more AZs than the region has", () => {
      rejects(
        { ...minimal(), regions: [{ region: "us-west-1", zone: "us", azCount: 3 }] },
        "platform:regions[0].azCount",
        "us-west-1 has 2 availability zones EKS accepts (zone IDs usw1-az1, usw1-az3), got 3",
      );
    });

    it("min > max in a node group", () => {
      rejects(
        {
          ...minimal(),
          regions: [{ region: "us-east-1", zone: "us", cluster: { systemNodeGroup: { minSize: 5, desiredSize: 5, maxSize: 3 } } }],
        },
        "platform:regions[0].cluster.systemNodeGroup.minSize",
        "must be at most maxSize (3), got 5",
      );
    });

    it("unknown keys (typos), at the top and nested, with a suggestion", () => {
      rejects(
        { ...minimal(), regoins: [] },
        "platform:regoins",
        `unknown key (did you mean "regions"?); allowed keys: ${KNOWN_KEYS.join(", ")}`,
      );
      rejects(
        { ...minimal(), regions: [{ region: "us-east-1", zone: "us", databse: {} }] },
        "platform:regions[0].databse",
        /^unknown key \(did you mean "database"\?\); allowed keys: region, zone, cidr, azCount, network, cluster, database, cache, queues/,
      );
    });

    it("a typo in regionDefaults is reported where it was written, once", () => {
      const error = rejects(
        { ...minimal(), regionDefaults: { database: { readReplica: 1 } } },
        "platform:regionDefaults.database.readReplica",
        /^unknown key \(did you mean "readReplicas"\?\)/,
      );
      assert.equal(error.issues.length, 1);
    });

    it("wrong types", () => {
      rejects(
        { ...minimal(), regions: [{ region: "us-east-1", zone: "us", azCount: "three" }] },
        "platform:regions[0].azCount",
        'must be a whole number from 2 to 6, got "three"',
      );
      rejects({ ...minimal(), regions: "us-east-1" }, "platform:regions", 'must be a list of regions, got "us-east-1"');
      rejects({ ...minimal(), environment: "staging" }, "platform:environment", 'must be one of dev, prod; got "staging"');
    });

    it("missing required keys", () => {
      rejects(
        { environment: "dev", network: { supernet: "10.0.0.0/9" }, deployer: minimal().deployer },
        "platform:regions",
        "is required (a list of { region, zone } entries)",
      );
      rejects(
        { ...minimal(), regions: [{ zone: "us" }] },
        "platform:regions[0].region",
        "must be an AWS region name, got nothing (the key is missing)",
      );
    });

    it("a Karpenter instance category the NodePool's generation requirement would silently drop", () => {
      rejects(
        { ...minimal(), regions: [{ region: "us-east-1", zone: "us", cluster: { karpenter: { instanceCategories: ["t"] } } }] },
        "platform:regions[0].cluster.karpenter.instanceCategories[0]",
        `must be one of c, m, r (burstable t instances are excluded by the NodePool's instance-generation > 5 requirement); got "t"`,
      );
    });

    it("more CloudFront origins than the account's quota, until the raised quota is declared", () => {
      const everyRegion = AWS_REGIONS.map((r) => ({ region: r.name, zone: zoneOfRegion(r.name), azCount: 2 }));
      const edge = { domain: "example.com", hostedZoneId: "Z0123456789EXAMPLEABC", certificate: { strategy: "acm-dns" } };
      const values = { ...minimal(), network: { supernet: "10.0.0.0/9" }, regions: everyRegion, edge };
      rejects(
        values,
        "platform:edge.quotas.originsPerDistribution",
        "the stack needs 28 CloudFront origins, more than the quota of 25 per distribution; raise the quota in Service Quotas and set this to it",
      );
      const raised = resolve({ ...values, edge: { ...edge, quotas: { originsPerDistribution: 30 } } });
      assert.equal(raised.regions.length, 21);
    });

    it("a supernet too small for a region's slot", () => {
      rejects(
        { ...minimal(), network: { supernet: "10.0.0.0/14" }, regions: [{ region: "eu-west-1", zone: "eu" }] },
        "platform:regions[0].cidr",
        "cannot be allocated: supernet 10.0.0.0/14 holds 4 /16 slots and eu-west-1 needs slot 6; set a larger supernet or an explicit cidr",
      );
    });
  });

  describe("stack files", () => {
    it("loads the committed stacks with namespaced keys and JSON-encoded structured values", () => {
      const loaded = loadStack(REPO, "prod");
      assert.equal(loaded.config["platform:environment"], "prod");
      assert.ok(Array.isArray(JSON.parse(loaded.config["platform:regions"])));
    });

    it("reports a YAML syntax error with file, line and column", () => {
      const dir = tempProject({ broken: "config:\n  platform:environment: [dev\n" });
      assert.throws(() => loadStack(dir, "broken"), /^StackFileError: Pulumi\.broken\.yaml:3:1: YAML syntax error: /);
    });

    it("names the stacks that exist when a stack file is missing", () => {
      assert.throws(() => loadStack(REPO, "staging"), /Pulumi\.staging\.yaml: no such stack file; stacks in this project: dev, prod/);
    });

    it("turns secure values into secret placeholders", () => {
      const ciphertext = serviceCiphertext();
      const dir = tempProject({ s: `${committedText("dev")}  platform:alertEmail:\n    secure: ${ciphertext}\n` });
      const loaded = loadStack(dir, "s");
      assert.deepEqual(loaded.secretKeys, ["platform:alertEmail"]);
      assert.deepEqual(loaded.secureKeys, ["platform:alertEmail"]);
      assert.equal(loaded.config["platform:alertEmail"], SECURE_PLACEHOLDER);
      assert.ok(!Object.values(loaded.config).some((v) => v.includes(ciphertext)));
    });
  });
});
