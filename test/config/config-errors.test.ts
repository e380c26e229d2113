/**
 * Config errors say what was given and what is allowed, at the key where it was written (issue
 * 14); documentation placeholders plan, with a notice naming the key to set.
 */
import { strict as assert } from "node:assert";
import { placeholderNotices } from "../../components/config/placeholders";
import { committedPlan } from "../helpers/plan";
import { fromCommitted, minimal, planFile, rejects, resolve } from "./helpers";

describe("stack config: errors name what was given and what is allowed", () => {
  it('a boolean written as yes, on, "true" or 1', () => {
    const waf = (enabled: unknown) => ({ ...minimal(), edge: { waf: { enabled } } });
    const yaml12 = "stack files are YAML 1.2, where only unquoted true and false are booleans";
    rejects(waf("yes"), "platform:edge.waf.enabled", `must be true or false, got "yes" (a string: ${yaml12}; write true)`);
    rejects(waf("on"), "platform:edge.waf.enabled", `must be true or false, got "on" (a string: ${yaml12}; write true)`);
    rejects(waf("true"), "platform:edge.waf.enabled", `must be true or false, got "true" (a string: ${yaml12}; write true)`);
    rejects(waf("off"), "platform:edge.waf.enabled", `must be true or false, got "off" (a string: ${yaml12}; write false)`);
    rejects(waf(1), "platform:edge.waf.enabled", "must be true or false, got 1 (a number; write true)");
    rejects(waf(null), "platform:edge.waf.enabled", "must be true or false, got null (an empty value)");
    rejects(
      { ...minimal(), regions: [{ region: "us-east-1", zone: "us", database: { multiAz: "no" } }] },
      "platform:regions[0].database.multiAz",
      `must be true or false, got "no" (a string: ${yaml12}; write false)`,
    );
  });

  it("a YAML `yes` reaches config as the string it is, and the plan exits 2 saying so", () => {
    const { code, stdout, stderr } = planFile(
      "waf",
      "config:\n  platform:environment: dev\n  platform:deployer: { via: public-endpoint, cidrs: [198.51.100.7/32] }\n  platform:network:\n    supernet: 10.128.0.0/9\n  platform:tags: { team: t, cost-center: c }\n  platform:edge:\n    waf:\n      enabled: yes\n  platform:regions:\n    - region: us-east-1\n      zone: us\n",
    );
    assert.equal(code, 2, stdout + stderr);
    assert.equal(
      stderr,
      'error: invalid stack configuration\n  Pulumi.waf.yaml: platform:edge.waf.enabled: must be true or false, got "yes" (a string: stack files are YAML 1.2, where only unquoted true and false are booleans; write true)\n',
    );
  });

  it("a value from regionDefaults is blamed on regionDefaults, naming the regions that inherited it", () => {
    const values = {
      ...minimal(),
      regions: [
        { region: "us-east-1", zone: "us" },
        { region: "us-west-2", zone: "us" },
      ],
      regionDefaults: { database: { allocatedStorageGiB: 50, maxAllocatedStorageGiB: 30 } },
    };
    const error = rejects(
      values,
      "platform:regionDefaults.database.maxAllocatedStorageGiB",
      "must be at least allocatedStorageGiB (50), got 30 (inherited by regions[0] (us-east-1), regions[1] (us-west-2))",
    );
    assert.equal(error.issues.length, 1, JSON.stringify(error.issues));
    rejects(
      { ...values, regionDefaults: { azCount: "three" } },
      "platform:regionDefaults.azCount",
      'must be a whole number from 2 to 6, got "three" (inherited by regions[0] (us-east-1), regions[1] (us-west-2))',
    );
  });

  it("a region's own value is blamed on the region, not on regionDefaults", () => {
    const values = {
      ...minimal(),
      regions: [{ region: "us-east-1", zone: "us", database: { maxAllocatedStorageGiB: 30 } }],
      regionDefaults: { database: { allocatedStorageGiB: 50 } },
    };
    rejects(values, "platform:regions[0].database.maxAllocatedStorageGiB", "must be at least allocatedStorageGiB (50), got 30");
  });

  it("region and zone names in the wrong case get a suggestion", () => {
    rejects(
      { ...minimal(), regions: [{ region: "EU-West-1", zone: "eu" }] },
      "platform:regions[0].region",
      /^unknown AWS region "EU-West-1" \(did you mean "eu-west-1"\? names are case-sensitive\); allowed: us-east-1,/,
    );
    rejects(
      { ...minimal(), regions: [{ region: "eu-west-1", zone: "EU" }] },
      "platform:regions[0].zone",
      'unknown residency zone "EU" (did you mean "eu"? names are case-sensitive); allowed: us, eu, uk, ch, ca, apac, sa',
    );
    rejects({ ...minimal(), Regions: [] }, "platform:Regions", /^unknown key \(did you mean "regions"\? names are case-sensitive\)/);
  });
});

describe("stack config: documentation placeholders raise a notice in the plan", () => {
  it("names each placeholder of a stack and the key that holds it", () => {
    const values = {
      ...fromCommitted("prod"),
      regionDefaults: {
        ...fromCommitted("prod").regionDefaults,
        cluster: { publicAccessCidrs: ["203.0.113.0/24"], adminRoleArns: ["arn:aws:iam::111122223333:role/platform-admin"] },
      },
    };
    const notices = placeholderNotices(resolve(values, "prod"));
    assert.deepEqual(notices.slice(0, 3), [
      'platform:edge.domain is "example.com", a domain reserved for documentation (RFC 2606): set the real value before the first pulumi up',
      'platform:edge.hostedZoneId is "Z0123456789EXAMPLEABC", an example hosted zone id: set the real value before the first pulumi up',
      'platform:observability.alertEmails[0] is "platform-oncall@example.com", an address at a documentation domain, which nobody reads: set the real value before the first pulumi up',
    ]);
    assert.ok(
      notices.some((n) =>
        n.startsWith('platform:regions[3].cluster.adminRoleArns[0] is "arn:aws:iam::111122223333:role/platform-admin", an example ARN'),
      ),
    );
    assert.ok(
      notices.some((n) =>
        n.startsWith('platform:regions[0].cluster.publicAccessCidrs[0] is "203.0.113.0/24", a documentation address range'),
      ),
    );
  });

  it("a stack with real values has none", () => {
    const values = {
      ...minimal(),
      edge: { domain: "shop.acme.io", hostedZoneId: "Z04412345ABCDEFGHIJKL", certificate: { strategy: "acm-dns" } },
      observability: { alertEmails: ["oncall@acme.io"] },
    };
    assert.deepEqual(placeholderNotices(resolve(values)), []);
  });

  it("the committed prod plan prints them among its notices", async () => {
    const notices = (await committedPlan("prod")).outputs.notices as string[];
    assert.ok(
      notices.some((n) => n.startsWith('platform:edge.domain is "example.com"')),
      notices.join("\n"),
    );
  });
});
