import { strict as assert } from "node:assert";
import { parse } from "yaml";
import { planStack } from "../../tools/engine/run";
import { cloneRegion } from "../../tools/clone/clone-region";
import { CloneError } from "../../tools/clone/errors";
import { ofType } from "../helpers/plan";
import { COMMENTED_PROD, committedText, copyProject, insertedBlock, runTool, snapshot, stackText } from "./fixtures";

function refusal(run: () => unknown, message: string | RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof CloneError, `expected a CloneError, got ${String(error)}`);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

describe("clone-region", () => {
  it("adds eu-north-1 to prod: only the new block differs, slot CIDR left implicit, DR replica kept in the zone", () => {
    const dir = copyProject();
    const result = cloneRegion({ dir, stack: "prod", from: "eu-west-1", to: "eu-north-1" });
    assert.equal(
      insertedBlock(committedText("prod"), result.after),
      ["    - region: eu-north-1", "      zone: eu", "      database:", "        drReplica:", "          region: eu-west-1", ""].join("\n"),
    );
    const added = result.config.regions.find((r) => r.region === "eu-north-1")!;
    assert.equal(added.cidr, "10.11.0.0/16");
    assert.equal(added.cidrAllocated, true);
    assert.equal(added.database.drReplica?.region, "eu-west-1");
    assert.equal(stackText(dir, "prod"), committedText("prod"), "cloneRegion itself writes nothing");
  });

  it("keeps comments, blank lines, quoting and flow styles byte for byte, inserting after the zone's last region", () => {
    const dir = copyProject({ prod: COMMENTED_PROD });
    const result = cloneRegion({ dir, stack: "prod", from: "eu-west-1", to: "eu-north-1" });
    const block = insertedBlock(COMMENTED_PROD, result.after);
    assert.ok(result.after.indexOf(block) > result.after.indexOf("- region: eu-central-1"));
    assert.ok(result.after.indexOf(block) < result.after.indexOf("platform:edge:"));
    assert.match(block, /^\n {4}- region: eu-north-1\n/, "entries separated by blank lines get one before the copy");
    assert.match(block, /zone: 'eu'/);
    assert.match(block, /# office VPN/);
    assert.match(block, /instanceClass: "db.r6g.2xlarge"/);
    assert.deepEqual(parse(block.replace(/^ {4}/gm, "")), [
      {
        region: "eu-north-1",
        zone: "eu",
        azCount: 3,
        cluster: { publicAccessCidrs: ["203.0.113.0/24"] },
        database: { instanceClass: "db.r6g.2xlarge", drReplica: { region: "eu-west-1" } },
      },
    ]);
  });

  it("inserts a US region after the last US region, not at the end", () => {
    const dir = copyProject();
    const result = cloneRegion({ dir, stack: "prod", from: "us-east-1", to: "us-east-2" });
    const block = insertedBlock(committedText("prod"), result.after);
    assert.ok(result.after.indexOf(block) < result.after.indexOf("- region: eu-west-1"));
    assert.deepEqual(
      result.config.regions.map((r) => r.region),
      ["us-east-1", "us-west-2", "us-east-2", "eu-west-1", "eu-central-1"],
    );
  });

  it("caps azCount to the new region's AZs (us-west-1 has two)", () => {
    const result = cloneRegion({ dir: copyProject(), stack: "prod", from: "us-east-1", to: "us-west-1" });
    assert.match(insertedBlock(committedText("prod"), result.after), /\n {6}azCount: 2\n/);
    assert.equal(result.config.regions.find((r) => r.region === "us-west-1")!.azCount, 2);
  });

  it("writes an explicit cidr: when the region's slot is taken by another committed stack", () => {
    const other = `config:\n  platform:environment: dev\n  platform:tags: { team: t, cost-center: c }\n  platform:deployer: { via: public-endpoint, cidrs: [198.51.100.7/32] }\n  platform:network:\n    supernet: 10.200.0.0/16\n  platform:regions:\n    - region: us-east-1\n      zone: us\n      cidr: 10.11.0.0/16\n`;
    const dir = copyProject({ other });
    const result = cloneRegion({ dir, stack: "prod", from: "eu-west-1", to: "eu-north-1" });
    assert.match(insertedBlock(committedText("prod"), result.after), /\n {6}zone: eu\n {6}cidr: 10\.21\.0\.0\/16\n/);
    assert.ok(
      result.notes.some((n) => n.includes("slot 10.11.0.0/16 is taken by us-east-1 of Pulumi.other.yaml")),
      result.notes.join("\n"),
    );
  });

  it("drops the DR replica when the new zone has no other region of the stack (--zone)", () => {
    const result = cloneRegion({ dir: copyProject(), stack: "prod", from: "eu-west-1", to: "ap-southeast-2", zone: "apac" });
    assert.equal(insertedBlock(committedText("prod"), result.after), "    - region: ap-southeast-2\n      zone: apac\n");
    assert.ok(result.notes.some((n) => n.startsWith("database.drReplica dropped: zone apac has no other region")));
  });

  describe("refusals (exit 2, nothing written)", () => {
    const dir = copyProject();
    const cases: [string, Parameters<typeof cloneRegion>[0], string | RegExp][] = [
      [
        "unknown region",
        { dir, stack: "prod", from: "eu-west-1", to: "eu-norht-1" },
        /^--to eu-norht-1: unknown AWS region \(did you mean "eu-north-1"\?\); known: us-east-1, /,
      ],
      [
        "region already in the stack",
        { dir, stack: "prod", from: "eu-west-1", to: "eu-central-1" },
        "--to eu-central-1: already a region of Pulumi.prod.yaml (zone eu, CIDR 10.9.0.0/16)",
      ],
      [
        "source region missing",
        { dir, stack: "prod", from: "eu-north-1", to: "eu-south-1" },
        "--from eu-north-1: not a region of Pulumi.prod.yaml; its regions: us-east-1, us-west-2, eu-west-1, eu-central-1",
      ],
      [
        "zone mismatch without --zone",
        { dir, stack: "prod", from: "eu-west-1", to: "ap-southeast-2" },
        '--to ap-southeast-2 is in residency zone "apac", but eu-west-1 is in "eu": a clone across zones changes where data lives; pass --zone apac to confirm',
      ],
      [
        "--zone that does not hold the region",
        { dir, stack: "prod", from: "eu-west-1", to: "eu-west-2", zone: "eu" },
        'eu-west-2 is not in residency zone "eu" (which holds eu-west-1, eu-west-3, eu-central-1, eu-north-1, eu-south-1, eu-south-2); it is in "uk"',
      ],
      [
        "unknown zone",
        { dir, stack: "prod", from: "eu-west-1", to: "eu-north-1", zone: "mars" },
        "--zone mars: unknown residency zone; known: us, eu, uk, ch, ca, apac, sa",
      ],
    ];
    for (const [what, options, message] of cases) {
      it(what, () => refusal(() => cloneRegion(options), message));
    }

    it("no free CIDR left", () => {
      const full = `config:\n  platform:environment: dev\n  platform:tags: { team: t, cost-center: c }\n  platform:deployer: { via: public-endpoint, cidrs: [198.51.100.7/32] }\n  platform:network:\n    supernet: 10.0.0.0/15\n  platform:regions:\n    - region: us-east-1\n      zone: us\n    - region: us-east-2\n      zone: us\n`;
      const small = copyProject({ small: full });
      refusal(
        () => cloneRegion({ dir: small, stack: "small", from: "us-east-1", to: "us-west-2" }),
        "no free CIDR left: every /16 block of 10.0.0.0/15 (platform:network.supernet of Pulumi.small.yaml) overlaps a VPC of Pulumi.dev.yaml, Pulumi.prod.yaml, Pulumi.small.yaml; use a larger supernet or a longer regionPrefixLength",
      );
    });

    it("prints error: lines without a stack trace, exits 2 and writes nothing (CLI)", () => {
      const before = snapshot(dir);
      for (const args of [
        ["--stack", "prod", "--from", "eu-west-1", "--to", "ap-southeast-2"],
        ["--stack", "prod", "--from", "eu-west-1"],
        ["--stack", "prod", "--from", "eu-west-1", "--to", "eu-north-1", "--bogus"],
        ["--stack", "nope", "--from", "eu-west-1", "--to", "eu-north-1"],
      ]) {
        const { code, stdout, stderr } = runTool("clone-region", dir, ...args);
        assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
        assert.equal(stdout, "");
        assert.match(stderr, /^error: /);
        assert.doesNotMatch(stderr, /\n\s+at /);
      }
      assert.deepEqual(snapshot(dir), before);
    });
  });

  it("--dry-run prints the unified diff and writes nothing; a real run writes the file, which plans", async () => {
    const dir = copyProject();
    const before = snapshot(dir);
    const dry = runTool("clone-region", dir, "--stack", "prod", "--from", "eu-west-1", "--to", "eu-north-1", "--dry-run");
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^--- a\/Pulumi\.prod\.yaml\n\+\+\+ b\/Pulumi\.prod\.yaml\n@@ -\d+,3 \+\d+,8 @@\n/);
    assert.match(dry.stdout, /\n\+ {4}- region: eu-north-1\n/);
    assert.deepEqual(snapshot(dir), before);

    const real = runTool("clone-region", dir, "--stack", "prod", "--from", "eu-west-1", "--to", "eu-north-1");
    assert.equal(real.code, 0, real.stderr);
    insertedBlock(committedText("prod"), stackText(dir, "prod"));

    const plan = await planStack({ dir, stack: "prod" });
    const vpcs = ofType(plan, "awsx:ec2:Vpc");
    assert.deepEqual(vpcs.map((v) => v.region).sort(), ["eu-central-1", "eu-north-1", "eu-west-1", "us-east-1", "us-west-2"]);
    assert.equal((plan.outputs.regions as any)["eu-north-1"].vpcCidr, "10.11.0.0/16");
  });
});
