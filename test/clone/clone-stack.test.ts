import { strict as assert } from "node:assert";
import { parse } from "yaml";
import { cloneStack } from "../../tools/clone/clone-stack";
import { CloneError } from "../../tools/clone/errors";
import { planStack } from "../../tools/engine/run";
import { StackFileError } from "../../tools/engine/stack-files";
import { evaluatePolicies, policyConfigFileFor } from "../../tools/policy/run-policies";
import { REPO, ofType } from "../helpers/plan";
import { passphraseCiphertext, passphraseSalt } from "../engine/ciphertexts";
import { committedText, copyProject, runTool, snapshot, stackText } from "./fixtures";

const APAC = { from: "prod", to: "prod-apac", zone: "apac", regions: ["ap-southeast-1", "ap-southeast-2"] };
/** The same request as CLI flags. */
const APAC_ARGS = ["--from", APAC.from, "--to", APAC.to, "--zone", APAC.zone, "--regions", APAC.regions.join(",")];

function refusal(run: () => unknown, message: string | RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof CloneError || error instanceof StackFileError, `expected a refusal, got ${String(error)}`);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

describe("clone-stack", () => {
  it("clones prod for apac: regions replaced in order, DR replicas paired in the zone, CIDRs no catalogue slot will take", () => {
    const result = cloneStack({ dir: copyProject(), ...APAC });
    const config = (parse(result.text) as { config: Record<string, any> }).config;
    // No private block free of prod and dev holds every catalogue region's /16 slot (172.16.0.0/12
    // holds 16 of 21), so the clone shares prod's supernet with explicit CIDRs beyond its slots.
    assert.deepEqual(config["platform:regions"], [
      { region: "ap-southeast-1", zone: "apac", cidr: "10.21.0.0/16", database: { drReplica: { region: "ap-southeast-2" } } },
      { region: "ap-southeast-2", zone: "apac", cidr: "10.22.0.0/16", database: { drReplica: { region: "ap-southeast-1" } } },
    ]);
    assert.equal(config["platform:network"].supernet, "10.0.0.0/9");
    assert.equal(config["platform:edge"].domain, "prod-apac.example.com", "two CDNs cannot share an alias");
    const source = (parse(committedText("prod")) as { config: Record<string, any> }).config;
    for (const key of ["platform:environment", "platform:tags", "platform:regionDefaults"]) assert.deepEqual(config[key], source[key], key);
    assert.deepEqual(
      result.config.regions.map((r) => [r.region, r.cidr]),
      [
        ["ap-southeast-1", "10.21.0.0/16"],
        ["ap-southeast-2", "10.22.0.0/16"],
      ],
    );
    assert.match(result.text, /^# prod-apac: cloned from Pulumi\.prod\.yaml by `npm run clone-stack`/);
    assert.match(result.diff, /^--- Pulumi\.prod\.yaml\n\+\+\+ Pulumi\.prod-apac\.yaml\n/);
  });

  it("copies settings by region name, not position, and flags comments that count or name regions", () => {
    // eu-west-1 (third in prod) has settings of its own; us-east-1 (first) does not.
    const prod = committedText("prod").replace(
      "    - region: eu-west-1\n      zone: eu\n",
      "    - region: eu-west-1\n      zone: eu\n      cache:\n        nodeType: cache.r7g.xlarge\n",
    );
    const result = cloneStack({ dir: copyProject({ prod }), from: "prod", to: "prod-eu", regions: ["eu-west-1", "eu-central-1"] });
    const regions = (parse(result.text) as { config: Record<string, any> }).config["platform:regions"] as Record<string, any>[];
    assert.deepEqual(regions[0].cache, { nodeType: "cache.r7g.xlarge" }, "eu-west-1 keeps its own settings");
    assert.equal(regions[1].cache, undefined, "eu-central-1 keeps its own (none), not eu-west-1's by position");
    assert.match(result.notes.join("\n"), /^eu-west-1 \(zone eu\): settings of eu-west-1, VPC [\d./]+, DR replica in eu-central-1$/m);
    assert.match(result.notes.join("\n"), /^eu-central-1 \(zone eu\): settings of eu-central-1, /m);
    const flagged = result.notes.filter((n) => n.startsWith("review comment"));
    assert.ok(
      flagged.some((n) => /all four regions/.test(n) && /the stack has 2 region\(s\): eu-west-1, eu-central-1/.test(n)),
      flagged.join("\n"),
    );
    assert.ok(flagged.every((n) => /^review comment \(line \d+\): ".+" (says|names)/.test(n)));
    assert.ok(!flagged.some((n) => /Route 53/.test(n)), "Route 53 is no count of zones");

    // A new region takes its zone's first region's settings.
    const north = cloneStack({ dir: copyProject({ prod }), from: "prod", to: "prod-north", regions: ["eu-north-1"] });
    assert.match(north.notes.join("\n"), /eu-north-1 \(zone eu\): settings of eu-west-1/);
  });

  it("leaves secure values and the secrets provider out and prints the exact commands to set them", () => {
    const prod = committedText("prod")
      .replace("config:\n", `encryptionsalt: ${passphraseSalt()}\nconfig:\n  datadog:apiKey:\n    secure: ${passphraseCiphertext()}\n`)
      .replace("    team: platform\n", `    team: platform\n    owner:\n      secure: ${passphraseCiphertext()}\n`);
    const dir = copyProject({ prod });
    const result = cloneStack({ dir, ...APAC });
    assert.doesNotMatch(result.text, /secure|encryptionsalt|datadog/);
    assert.deepEqual(result.secretCommands, [
      "pulumi config set --secret datadog:apiKey <value> --stack prod-apac",
      "pulumi config set --secret --path platform:tags.owner <value> --stack prod-apac",
    ]);
    const cli = runTool("clone-stack", dir, ...APAC_ARGS);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /\nreview comment \(line \d+\): "The CDN in front of all four regions/);
    assert.match(cli.stdout, /\nNext: update the \d+ comment\(s\) flagged above \(line \d+/);
    assert.match(cli.stdout, /\n {2}pulumi config set --secret datadog:apiKey <value> --stack prod-apac\n/);
    assert.equal(stackText(dir, "prod-apac"), result.text);
  });

  it("uses explicit CIDRs outside the catalogue slots when it must share a supernet", () => {
    const result = cloneStack({ dir: copyProject(), ...APAC, supernet: "10.0.0.0/9" });
    assert.deepEqual(
      result.config.regions.map((r) => [r.cidr, r.cidrAllocated]),
      [
        ["10.21.0.0/16", false],
        ["10.22.0.0/16", false],
      ],
    );
  });

  describe("refusals (exit 2, nothing written)", () => {
    const dir = copyProject();
    const cases: [string, Parameters<typeof cloneStack>[0], string | RegExp][] = [
      [
        "target stack exists",
        { dir, ...APAC, to: "dev" },
        "Pulumi.dev.yaml already exists; choose another --to, or delete that file first",
      ],
      [
        "unknown region",
        { dir, ...APAC, regions: ["ap-southeast-9"] },
        /^--regions ap-southeast-9: unknown AWS region \(did you mean "ap-southeast-1"\?\)/,
      ],
      [
        "zone mismatch without --zone",
        { dir, ...APAC, zone: undefined },
        "ap-southeast-1 (zone apac), ap-southeast-2 (zone apac): not in a zone of Pulumi.prod.yaml (us, eu); pass --zone to clone into another residency zone",
      ],
      [
        "a region outside --zone",
        { dir, ...APAC, regions: ["ap-southeast-1", "eu-north-1"] },
        'eu-north-1 is not in residency zone "apac" (which holds ap-southeast-1, ap-southeast-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1); it is in "eu"',
      ],
      ["a region twice", { dir, ...APAC, regions: ["ap-southeast-1", "ap-southeast-1"] }, "--regions lists ap-southeast-1 twice"],
      ["source stack missing", { dir, ...APAC, from: "staging" }, /^Pulumi\.staging\.yaml: no such stack file/],
      [
        "no free CIDR left",
        { dir, ...APAC, supernet: "10.0.0.0/16" },
        "no free CIDR left for ap-southeast-1: every /16 block of 10.0.0.0/16 overlaps a VPC of Pulumi.dev.yaml, Pulumi.prod.yaml; pass a free --supernet",
      ],
      [
        "the source's own domain",
        { dir, ...APAC, domain: "example.com" },
        "--domain example.com: is Pulumi.prod.yaml's own; two CDNs cannot share an alias",
      ],
    ];
    for (const [what, options, message] of cases) {
      it(what, () => refusal(() => cloneStack(options), message));
    }

    it("CLI: error: lines, exit 2, no stack trace, nothing written; --dry-run writes nothing either", () => {
      const before = snapshot(dir);
      for (const args of [
        ["--from", "prod", "--to", "dev", "--regions", "ap-southeast-1", "--zone", "apac"],
        ["--from", "prod", "--to", "x"],
        ["--from", "prod", "--to", "prod-apac", "--regions", "ap-southeast-1"],
      ]) {
        const { code, stderr } = runTool("clone-stack", dir, ...args);
        assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
        assert.match(stderr, /^error: /);
        assert.doesNotMatch(stderr, /\n\s+at /);
      }
      const dry = runTool("clone-stack", dir, ...APAC_ARGS, "--dry-run");
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /^--- Pulumi\.prod\.yaml\n\+\+\+ Pulumi\.prod-apac\.yaml\n/);
      assert.deepEqual(snapshot(dir), before);
    });
  });

  it("the cloned stack and a region cloned into prod plan with zero mandatory policy violations", async () => {
    const mandatory = async (plan: Awaited<ReturnType<typeof planStack>>) =>
      (await evaluatePolicies(plan, policyConfigFileFor(REPO, "prod"))).policies.flatMap((p) =>
        p.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.urn ?? "stack"}: ${v.message}`),
      );
    const dir = copyProject();
    assert.equal(runTool("clone-stack", dir, ...APAC_ARGS).code, 0);
    assert.equal(runTool("clone-region", dir, "--stack", "prod", "--from", "eu-west-1", "--to", "eu-north-1").code, 0);
    for (const [stack, regions] of [
      ["prod-apac", ["ap-southeast-1", "ap-southeast-2"]],
      ["prod", ["eu-central-1", "eu-north-1", "eu-west-1", "us-east-1", "us-west-2"]],
    ] as const) {
      const plan = await planStack({ dir, stack });
      assert.deepEqual(
        ofType(plan, "awsx:ec2:Vpc")
          .map((v) => v.region)
          .sort(),
        regions,
      );
      for (const db of ofType(plan, "aws:rds/instance:Instance"))
        assert.ok((regions as readonly string[]).includes(db.region!), `${db.urn} in ${db.region}`);
      assert.deepEqual(await mandatory(plan), [], `${stack}: mandatory violations`);
    }
  });
});
