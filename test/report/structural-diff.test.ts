import assert from "node:assert/strict";
import { CATALOGUE } from "../../tools/catalogue";
import { factsWithoutSources } from "../../tools/catalogue/audit";
import { holdsData, replacementOf, triggersReplacement } from "../../tools/catalogue/facts";
import { isNone } from "../../tools/catalogue/types";
import { propertyChanges } from "../../tools/report/diff";
import { inlineStringDiff } from "../../tools/report/diff-render";
import { structuralChanges } from "../../tools/report/structural-diff";
import { committedPlan, REPO } from "../helpers/plan";

const policy = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const lines = (changes: readonly { path: string; before?: unknown; after?: unknown }[]) =>
  changes.map(
    (c) => `${c.before === undefined ? "+" : c.after === undefined ? "-" : "~"} ${c.path} ${JSON.stringify(c.after ?? c.before)}`,
  );

describe("report: structural diff of JSON-string properties", () => {
  const send = { Sid: "Send", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: "arn:aws:sqs:us-east-1:111122223333:orders" };
  const read = { Sid: "Read", Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "*" };

  it("shows an IAM action added inside a policy string as one addition at its statement's Sid", () => {
    const before = { policy: policy([send, read]) };
    const after = { policy: policy([send, { ...read, Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"] }]) };
    assert.deepEqual(lines(propertyChanges("aws:iam/rolePolicy:RolePolicy", before, after)), [
      '+ policy » Statement[Sid=Read].Action "sqs:DeleteMessage"',
    ]);
  });

  it("matches statements by Sid, not position: an inserted statement is an addition, nothing else changes", () => {
    const added = { Sid: "Purge", Effect: "Allow", Action: "sqs:PurgeQueue", Resource: "*" };
    const changes = structuralChanges(policy([send, read]), policy([added, send, read]), ["policy"]);
    assert.deepEqual(lines(changes), [
      '+ policy » Statement[Sid=Purge].Action "sqs:PurgeQueue"',
      '+ policy » Statement[Sid=Purge].Effect "Allow"',
      '+ policy » Statement[Sid=Purge].Resource "*"',
      '+ policy » Statement[Sid=Purge].Sid "Purge"',
    ]);
  });

  it("shows principals and conditions of a key policy leaf by leaf", () => {
    const statement = (account: string, org: string) => ({
      Sid: "Use",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": org } },
    });
    const changes = structuralChanges(policy([statement("111122223333", "o-aaa")]), policy([statement("444455556666", "o-bbb")]), [
      "policy",
    ]);
    assert.deepEqual(lines(changes), [
      '~ policy » Statement[Sid=Use].Condition.StringEquals.aws:PrincipalOrgID "o-bbb"',
      '- policy » Statement[Sid=Use].Principal.AWS "arn:aws:iam::111122223333:root"',
      '+ policy » Statement[Sid=Use].Principal.AWS "arn:aws:iam::444455556666:root"',
    ]);
  });

  it("matches dashboard widgets by title and CloudFront origins by originId", () => {
    const widget = (title: string, metric: string) => ({
      type: "metric",
      x: 0,
      y: 0,
      properties: { title, metrics: [["AWS/SQS", metric]] },
    });
    const body = (widgets: object[]) => JSON.stringify({ widgets });
    const dashboard = structuralChanges(
      body([widget("Queue depth", "ApproximateNumberOfMessagesVisible")]),
      body([widget("Errors", "NumberOfMessagesSent"), widget("Queue depth", "ApproximateAgeOfOldestMessage")]),
      ["dashboardBody"],
    );
    assert.ok(dashboard.some((c) => c.path === "dashboardBody » widgets[title=Errors].type" && c.after === "metric"));
    assert.ok(dashboard.some((c) => c.path === "dashboardBody » widgets[title=Queue depth].properties.metrics" && c.before !== undefined));
    assert.ok(dashboard.every((c) => !c.path.includes("[0]") && !c.path.includes("[1]")));

    const origin = (originId: string, domainName: string) => ({ originId, domainName });
    const origins = propertyChanges(
      "aws:cloudfront/distribution:Distribution",
      { origins: [origin("us-east-1", "a.example.com"), origin("eu-west-1", "b.example.com")] },
      { origins: [origin("us-east-1", "a.example.com"), origin("eu-north-1", "c.example.com"), origin("eu-west-1", "b2.example.com")] },
    );
    assert.deepEqual(lines(origins), [
      '+ origins[originId=eu-north-1].domainName "c.example.com"',
      '+ origins[originId=eu-north-1].originId "eu-north-1"',
      '~ origins[originId=eu-west-1].domainName "b2.example.com"',
    ]);
  });

  it("shows a long string's change in place (jsdiff words), not two truncated prefixes", () => {
    const rule = (window: string) =>
      `ALARM("platform-prod-us-east-1-slo-availability-fast-long") AND ALARM("platform-prod-us-east-1-slo-availability-fast-${window}")`;
    const shown = inlineStringDiff(rule("short"), rule("medium"));
    assert.match(shown, /\[-short-\]\{\+medium\+\}"\)$/);
    assert.ok(shown.length < rule("short").length, shown);
  });

  it("still reports a list whose only change is its order", () => {
    assert.deepEqual(structuralChanges(["a", "b"], ["b", "a"], ["azs"]), [
      { path: "azs", schemaPath: "azs", before: ["a", "b"], after: ["b", "a"] },
    ]);
  });

  it("decides replacement on the property's schema path, not the path inside its document", () => {
    const [change] = propertyChanges("aws:elasticache/parameterGroup:ParameterGroup", { family: "valkey8" }, { family: "redis7" });
    assert.deepEqual(change, { path: "family", before: "valkey8", after: "redis7", replaces: true });
    const [nested] = propertyChanges(
      "aws:eks/cluster:Cluster",
      { kubernetesNetworkConfig: { serviceIpv4Cidr: "172.20.0.0/16" } },
      { kubernetesNetworkConfig: { serviceIpv4Cidr: "172.21.0.0/16" } },
    );
    assert.equal(nested.replaces, true);
  });
});

describe("catalogue: replacement triggers of stateful types", () => {
  it("replaces a parameter group whose family changes (cache engine valkey -> redis; RDS major upgrade)", () => {
    assert.equal(triggersReplacement("aws:elasticache/parameterGroup:ParameterGroup", "family"), true);
    assert.equal(triggersReplacement("aws:rds/parameterGroup:ParameterGroup", "family"), true);
    assert.equal(triggersReplacement("aws:elasticache/parameterGroup:ParameterGroup", "parameters"), false);
  });

  it("gives every type that holds data, and every one the committed stacks declare, its triggers with sources", async () => {
    const declared = new Set<string>();
    for (const stack of ["dev", "prod"] as const) for (const r of (await committedPlan(stack)).resources) declared.add(r.type);
    const stateful = Object.values(CATALOGUE).filter((e) => holdsData(e.type) !== undefined);
    assert.ok(stateful.some((e) => declared.has(e.type)));
    const missing = stateful.filter((e) => replacementOf(e.type) === undefined).map((e) => e.type);
    assert.deepEqual(missing, [], "stateful types without replacement triggers");
    for (const e of stateful) assert.ok(!isNone(e.replacement) && e.replacement.sources.length > 0, e.type);
    assert.deepEqual(
      factsWithoutSources(stateful, REPO).filter((f) => f.endsWith(": replacement")),
      [],
    );
  });
});
