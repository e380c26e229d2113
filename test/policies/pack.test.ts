import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import { RESIDENCY_ZONES } from "../../policies/residency-zones";
import * as rules from "../../policies/rules";
import { POLICIES } from "../../policies/rules";
import { Plan } from "../../tools/engine/model";
import { Secret, UNKNOWN_VALUE } from "../../tools/engine/values";
import { PolicyConfigError, resolvePolicyConfig, runPolicies } from "../../tools/policy/run-policies";
import { committedPlan } from "../helpers/plan";
import { POLICIES_DIR, add, configFile, edit, named, policyNamed, report } from "./helpers";

const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe("policy pack", () => {
  const ruleFiles = fs
    .readdirSync(path.join(POLICIES_DIR, "rules"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(POLICIES_DIR, "rules", d.name)).map((f) => path.join(d.name, f)))
    .filter((f) => f.endsWith(".ts"));

  it("lists every rule file, whose file name, export and policy name agree", () => {
    assert.ok(ruleFiles.length >= 20);
    for (const file of ruleFiles) {
      const base = path.basename(file, ".ts");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(__dirname, "../../policies/rules", file.replace(/\.ts$/, ".js"))) as Record<
        string,
        { name?: string }
      >;
      const policy = module[camel(base)];
      assert.ok(policy, `${file} must export ${camel(base)}`);
      assert.equal(policy.name, base, `${file}: policy name`);
      assert.ok(POLICIES.includes(policy as never), `${file} is not in policies/rules/index.ts POLICIES`);
    }
    assert.equal(POLICIES.length, ruleFiles.length);
    assert.equal(new Set(POLICIES.map((p) => p.name)).size, POLICIES.length);
    assert.ok(rules.POLICIES === POLICIES);
  });

  it("builds the PolicyPack in policies/index.ts from that list (not importable: it starts a server)", () => {
    const source = fs.readFileSync(path.join(POLICIES_DIR, "index.ts"), "utf8");
    assert.match(source, /new PolicyPack\(PACK_NAME, \{[\s\S]*policies: POLICIES/);
    assert.match(fs.readFileSync(path.join(POLICIES_DIR, "PulumiPolicy.yaml"), "utf8"), /runtime: nodejs/);
  });

  it("uses residency-zones.ts as the default zone table", () => {
    const config = resolvePolicyConfig({}, POLICIES);
    assert.deepEqual(config.get("region-in-residency-zone")?.properties.residencyZones, RESIDENCY_ZONES);
  });
});

describe("policy config (the --policy-pack-config file)", () => {
  it("applies schema defaults, then `all`, then the policy's own entry", () => {
    const config = resolvePolicyConfig(
      { all: "advisory", "backup-retention": { enforcementLevel: "mandatory", minimumDays: 10 } },
      POLICIES,
    );
    assert.deepEqual(config.get("backup-retention"), {
      enforcementLevel: "mandatory",
      properties: { minimumDays: 10, cacheMinimumDays: 1 },
    });
    assert.equal(config.get("multi-az")?.enforcementLevel, "advisory");
    assert.equal(resolvePolicyConfig({}, POLICIES).get("allowed-instance-families")?.enforcementLevel, "advisory");
  });

  it("accepts the committed dev and prod files", () => {
    for (const env of ["dev", "prod"] as const)
      resolvePolicyConfig(JSON.parse(fs.readFileSync(configFile(env), "utf8")), POLICIES, configFile(env));
  });

  it("rejects unknown policies, bad levels and values outside a schema, naming each", () => {
    assert.throws(
      () =>
        resolvePolicyConfig(
          { "multi-azz": "disabled", "multi-az": "off", "backup-retention": { minimumDays: 0 }, all: { minimumDays: 3 } },
          POLICIES,
          "bad.json",
        ),
      (error: unknown) => {
        assert.ok(error instanceof PolicyConfigError);
        assert.match(error.message, /^bad\.json: invalid policy pack config:/);
        assert.ok(error.problems.some((p) => p.startsWith("multi-azz: no such policy in the pack")));
        assert.ok(error.problems.includes('multi-az: "off" is not an enforcement level (advisory, mandatory, remediate, disabled)'));
        assert.ok(error.problems.includes("backup-retention: minimumDays: must be at least 1, got 0"));
        assert.ok(error.problems.includes("all: only enforcementLevel applies to every policy; set minimumDays per policy"));
        return true;
      },
    );
  });
});

describe("offline runner (analyzer-shaped arguments)", () => {
  it("reports the pack's results for both committed stacks with zero mandatory violations", async () => {
    for (const env of ["dev", "prod"] as const) {
      const result = await report(await committedPlan(env), env);
      assert.equal(result.pack, "platform-policies");
      assert.equal(result.mandatory, 0, JSON.stringify(result.policies.flatMap((p) => p.violations)));
    }
  });

  it("skips disabled policies: dev switches off Multi-AZ, deletion protection and DR replicas", async () => {
    const result = await report(await committedPlan("dev"), "dev");
    const disabled = result.policies.filter((p) => p.enforcementLevel === "disabled").map((p) => p.policy);
    assert.deepEqual(disabled.sort(), ["deletion-protection", "dr-replica-per-zone", "multi-az"]);
  });

  it("unwraps secrets and turns values unknown during preview into an advisory 'can't run policy'", async () => {
    let plan: Plan = await committedPlan("dev");
    plan = edit(plan, named("us-east-1-workload-from-self"), (i) => (i.cidrIpv4 = UNKNOWN_VALUE));
    plan = add(plan, {
      type: "aws:sqs/queue:Queue",
      name: "secret-key-queue",
      region: "us-east-1",
      inputs: { kmsMasterKeyId: new Secret("arn:aws:kms:eu-west-1:111122223333:key/k") },
    });
    const result = await runPolicies(plan, resolvePolicyConfig({}, POLICIES), [
      policyNamed("no-open-ingress"),
      policyNamed("kms-key-in-resource-region"),
    ]);
    const [ingress, kms] = result.policies;
    assert.deepEqual(
      ingress.violations.map((v) => [v.enforcementLevel, v.message]),
      [
        [
          "advisory",
          "can't run policy 'no-open-ingress' from policy pack 'platform-policies@v0.1.0' during preview: value at .cidrIpv4 can't be known during preview",
        ],
      ],
    );
    const mandatory = kms.violations.filter((v) => v.enforcementLevel === "mandatory");
    assert.equal(mandatory.length, 1);
    assert.match(mandatory[0].message, /kmsMasterKeyId uses KMS key arn:aws:kms:eu-west-1:111122223333:key\/k from eu-west-1/);
  });

  it("gives resource policies the provider's inputs and the resource options the analyzer gives", async () => {
    const seen: Record<string, unknown> = {};
    const probe = {
      name: "probe",
      description: "probe",
      enforcementLevel: "advisory" as const,
      validateResource: (args: any) => {
        if (args.name !== "us-east-1-database-primary") return;
        Object.assign(seen, {
          region: args.provider?.props.region,
          protect: args.opts.protect,
          parent: args.opts.parent,
          isRds: args.isType(aws.rds.Instance),
        });
      },
    };
    await runPolicies(await committedPlan("prod"), new Map(), [probe]);
    assert.equal(seen.region, "us-east-1");
    assert.equal(seen.protect, true);
    assert.match(String(seen.parent), /platform:database:Database::us-east-1-database$/);
    assert.equal(seen.isRds, true);
  });
});
