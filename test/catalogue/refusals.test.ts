import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import { CATALOGUE, isNone } from "../../tools/catalogue";
import { Refusal, RefusedInputsError } from "../../tools/catalogue/validate";
import { REPO, committedConfig, tempProject } from "../helpers/plan";
import { Planted, after, plantAndPlan } from "../helpers/refusals";
import { PLANTED_CASES, keyIn } from "./planted-cases";

const ACCOUNT = "111122223333";
const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

/** A distribution CloudFront accepts: two origins, a failover group, a read-only default and a write API path. */
function distribution(change: (d: any) => void = () => undefined): Record<string, any> {
  const origin = (id: string) => ({
    originId: id,
    domainName: `${id}.example.com`,
    customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
  });
  const d = {
    enabled: true,
    comment: "planted",
    origins: [origin("a"), origin("b")],
    originGroups: [{ originId: "g", failoverCriteria: { statusCodes: [500, 502] }, members: [{ originId: "a" }, { originId: "b" }] }],
    defaultCacheBehavior: {
      targetOriginId: "g",
      allowedMethods: ["GET", "HEAD", "OPTIONS"],
      cachedMethods: ["GET", "HEAD"],
      cachePolicyId: "p",
      viewerProtocolPolicy: "redirect-to-https",
    },
    orderedCacheBehaviors: [
      {
        pathPattern: "/api/*",
        targetOriginId: "a",
        allowedMethods: ALL_METHODS,
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "p",
        viewerProtocolPolicy: "redirect-to-https",
      },
    ],
    restrictions: { geoRestriction: { restrictionType: "none", locations: [] } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
  };
  change(d);
  return d;
}

const DISTRIBUTION_CASES: [string, (d: any) => void, string][] = [
  ["unknown-origin", (d) => (d.defaultCacheBehavior.targetOriginId = "nope"), "orderedCacheBehaviors.targetOriginId"],
  ["method-set", (d) => (d.orderedCacheBehaviors[0].allowedMethods = ["GET", "POST"]), "orderedCacheBehaviors.allowedMethods"],
  ["group-writes", (d) => (d.defaultCacheBehavior.allowedMethods = ALL_METHODS), "orderedCacheBehaviors.allowedMethods"],
  ["path-pattern", (d) => (d.orderedCacheBehaviors[0].pathPattern = "/api /*"), "orderedCacheBehaviors.pathPattern"],
  ["no-cache-policy", (d) => delete d.orderedCacheBehaviors[0].cachePolicyId, "orderedCacheBehaviors.cachePolicyId"],
  ["duplicate-origin", (d) => (d.origins[1].originId = "a"), "origins"],
  ["group-members", (d) => (d.originGroups[0].members = [{ originId: "a" }]), "originGroups"],
  [
    "certificate-region",
    (d) => (d.viewerCertificate = { acmCertificateArn: `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/x`, sslSupportMethod: "sni-only" }),
    "viewerCertificate",
  ],
  ["regional-acl", (d) => (d.webAclId = `arn:aws:wafv2:us-east-1:${ACCOUNT}:regional/webacl/x/y`), "webAclId"],
  ["comment", (d) => (d.comment = "c".repeat(129)), "comment"],
  ["geo", (d) => (d.restrictions.geoRestriction.locations = ["US"]), "restrictions.geoRestriction"],
  ["log-bucket", (d) => (d.loggingConfig = { bucket: "logs" }), "loggingConfig.bucket"],
];

const primaryArgs = (identifier: string, extra: Record<string, unknown> = {}) => ({
  identifier,
  instanceClass: "db.t4g.medium",
  engine: "postgres",
  engineVersion: "16",
  allocatedStorage: 20,
  username: "app_admin",
  manageMasterUserPassword: true,
  storageEncrypted: true,
  kmsKeyId: keyIn("us-east-1"),
  backupRetentionPeriod: 1,
  ...extra,
});

/** Plants every single-resource case, every distribution case and the cross-resource cases in one run. */
function plantEverything(): void {
  const east = new aws.Provider("planted-east", { region: "us-east-1", defaultTags: { tags: { environment: "test" } } });
  const west = new aws.Provider("planted-west", { region: "eu-west-1" });
  for (const c of PLANTED_CASES) new Planted(c.type, c.name, c.inputs, { provider: c.region === "eu-west-1" ? west : east });
  for (const [name, change] of DISTRIBUTION_CASES)
    new Planted("aws:cloudfront/distribution:Distribution", `planted-cdn-${name}`, distribution(change), { provider: east });

  // RDS read replicas and their sources.
  const primary = new aws.rds.Instance("planted-primary", primaryArgs("planted-primary"), { provider: east });
  new aws.rds.Instance(
    "planted-replica-kms",
    { instanceClass: "db.t4g.medium", replicateSourceDb: after(primary, "planted-primary"), kmsKeyId: keyIn("us-east-1") },
    { provider: east },
  );
  new aws.rds.Instance(
    "planted-dr-no-key",
    { instanceClass: "db.t4g.medium", replicateSourceDb: after(primary, `arn:aws:rds:us-east-1:${ACCOUNT}:db:planted-primary`) },
    { provider: west },
  );
  new aws.rds.Instance(
    "planted-dr-by-identifier",
    { instanceClass: "db.t4g.medium", replicateSourceDb: after(primary, "planted-primary"), kmsKeyId: keyIn("eu-west-1") },
    { provider: west },
  );
  const noBackups = new aws.rds.Instance("planted-no-backups", primaryArgs("planted-no-backups", { backupRetentionPeriod: 0 }), {
    provider: east,
  });
  new aws.rds.Instance(
    "planted-replica-of-no-backups",
    { instanceClass: "db.t4g.medium", replicateSourceDb: after(noBackups, "planted-no-backups") },
    { provider: east },
  );
  // Parameter-group families against engine versions.
  const pg15 = new aws.rds.ParameterGroup("planted-pg15", { name: "planted-pg15", family: "postgres15" }, { provider: east });
  new aws.rds.Instance("planted-family", primaryArgs("planted-family", { parameterGroupName: after(pg15, "planted-pg15") }), {
    provider: east,
  });
  const valkey7 = new aws.elasticache.ParameterGroup("planted-cpg", { name: "planted-cpg", family: "valkey7" }, { provider: east });
  new aws.elasticache.ReplicationGroup(
    "planted-cache-family",
    { description: "d", engine: "valkey", engineVersion: "8.0", parameterGroupName: after(valkey7, "planted-cpg") },
    { provider: east },
  );
  // A FIFO queue whose dead-letter queue is a standard queue.
  const dlq = new aws.sqs.Queue("planted-dlq", { name: "planted-dlq" }, { provider: east });
  new aws.sqs.Queue(
    "planted-fifo",
    {
      name: "planted-fifo.fifo",
      fifoQueue: true,
      redrivePolicy: after(
        dlq,
        JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:planted-dlq`, maxReceiveCount: 5 }),
      ),
    },
    { provider: east },
  );
}

const CROSS_CASES: [string, string, RegExp][] = [
  ["planted-replica-kms", "kmsKeyId", /Your request does not require the KMS key parameter/],
  ["planted-dr-no-key", "kmsKeyId", /Cannot create a cross region unencrypted read replica/],
  ["planted-dr-by-identifier", "replicateSourceDb", /must be given by its ARN/],
  ["planted-replica-of-no-backups", "replicateSourceDb", /automated backups/],
  ["planted-family", "parameterGroupName", /postgres16/],
  ["planted-cache-family", "parameterGroupName", /valkey8/],
  ["planted-fifo", "redrivePolicy", /dead-letter queue of a FIFO queue/],
];

const ruleKey = (property: string, rule: string, sources: readonly string[]) => `${property}|${rule}|${sources.join(" ")}`;

describe("catalogue: mocks refuse what AWS refuses", () => {
  let refusals: readonly Refusal[];
  before(async function () {
    this.timeout(120000);
    ({ refusals } = await plantAndPlan(plantEverything));
  });

  it("refuses each planted input, naming the resource and the property", () => {
    const missed = PLANTED_CASES.filter((c) => !refusals.some((r) => r.name === c.name && r.property === c.expect));
    assert.deepEqual(
      missed.map((c) => `${c.name} (${c.type}): ${c.expect}`),
      [],
    );
  });

  it("refuses each broken CloudFront distribution: behaviours, methods, origins, groups, certificate, ACL", () => {
    const missed = DISTRIBUTION_CASES.filter(
      ([name, , property]) => !refusals.some((r) => r.name === `planted-cdn-${name}` && r.property === property),
    );
    assert.deepEqual(
      missed.map(([name]) => name),
      [],
    );
  });

  it("refuses read-replica combinations, family mismatches and a FIFO queue's standard dead-letter queue", () => {
    for (const [name, property, rule] of CROSS_CASES) {
      const found = refusals.find((r) => r.name === name && r.property === property);
      assert.ok(found, `${name}: no refusal of ${property}`);
      assert.match(`${found.rule} ${found.problem}`, rule, name);
    }
    // The source and the other resources it was planted beside are not refused.
    assert.ok(!refusals.some((r) => r.name === "planted-primary" || r.name === "planted-pg15" || r.name === "planted-dlq"));
  });

  it("has a planted case for every rule of every catalogue entry", () => {
    const fired = new Set(refusals.map((r) => ruleKey(r.property, r.rule, r.sources)));
    const unplanted = Object.values(CATALOGUE).flatMap((e) =>
      isNone(e.validation)
        ? []
        : e.validation
            .filter((rule) => !fired.has(ruleKey(rule.property, rule.rule, rule.sources)))
            .map((rule) => `${e.type} ${rule.property}: ${rule.rule}`),
    );
    assert.deepEqual(unplanted, []);
  });

  it("accepts what AWS accepts: a valid distribution, same- and cross-region replicas, matching families", async () => {
    const { refusals: none, plan } = await plantAndPlan(() => {
      const east = new aws.Provider("ok-east", { region: "us-east-1" });
      const west = new aws.Provider("ok-west", { region: "eu-west-1" });
      new Planted("aws:cloudfront/distribution:Distribution", "ok-cdn", distribution(), { provider: east });
      const pg = new aws.rds.ParameterGroup("ok-pg", { name: "ok-pg16", family: "postgres16" }, { provider: east });
      const primary = new aws.rds.Instance("ok-primary", primaryArgs("ok-primary", { parameterGroupName: after(pg, "ok-pg16") }), {
        provider: east,
      });
      new aws.rds.Instance(
        "ok-replica",
        { instanceClass: "db.t4g.medium", replicateSourceDb: after(primary, "ok-primary"), parameterGroupName: after(pg, "ok-pg16") },
        { provider: east },
      );
      new aws.rds.Instance(
        "ok-dr",
        {
          instanceClass: "db.t4g.medium",
          replicateSourceDb: after(primary, `arn:aws:rds:us-east-1:${ACCOUNT}:db:ok-primary`),
          kmsKeyId: keyIn("eu-west-1"),
          dbSubnetGroupName: "ok",
        },
        { provider: west },
      );
    });
    assert.deepEqual(none, []);
    assert.ok(plan && plan.resources.some((r) => r.name === "ok-dr"));
  });

  it("reports every refusal of a run in one error: type, name, region, property, rule and source", () => {
    const error = new RefusedInputsError(refusals.filter((r) => r.name === "planted-replica-kms"));
    assert.match(error.message, /^AWS would refuse 1 input\(s\) of this plan/);
    assert.match(
      error.message,
      /aws:rds\/instance:Instance planted-replica-kms \(us-east-1\): kmsKeyId: set on a same-region read replica/,
    );
    assert.match(error.message, /source: https:\/\/github\.com\/cloudposse\/terraform-aws-rds-replica\/issues\/5/);
  });

  it("makes `npm run plan` exit 1 naming every refused resource: a long stack name overflows AWS Backup's 50-character names", () => {
    const stack = "a-rather-long-staging-stack-name";
    const dir = tempProject({ [stack]: { config: committedConfig("dev") } });
    const run = spawnSync(
      process.execPath,
      ["--stack-trace-limit=0", path.join(REPO, "build/tools/plan.js"), "--stack", stack, "--dir", dir, "--quiet"],
      { cwd: REPO, encoding: "utf8" },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^error: RefusedInputs: AWS would refuse \d+ input\(s\)/);
    for (const type of ["aws:backup/vault:Vault", "aws:backup/plan:Plan", "aws:backup/selection:Selection"]) {
      assert.match(
        run.stderr,
        new RegExp(`${type.replace(/\//g, "\\/")} \\S+ \\(us-east-1\\): name: "platform-${stack}-us-east-1[^"]*" has \\d+ characters`),
        type,
      );
    }
    assert.match(run.stderr, /rule: backup vault names are 2-50 letters/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});
