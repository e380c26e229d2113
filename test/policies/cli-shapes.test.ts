/**
 * Policies against the shapes the real analyzer hands over where they differ from the offline
 * plan: stack policies read provider outputs (an unset string is "", not absent), a remote awsx
 * VPC's outputs carry no `cidrBlock` while its child `aws:ec2/vpc:Vpc` does, and AWS defaults
 * (load-balancer logs off unless enabled, protocol -1 opening every port).
 */
import { strict as assert } from "node:assert";
import { Plan } from "../../tools/engine/model";
import { UNKNOWN_VALUE } from "../../tools/engine/values";
import { committedPlan } from "../helpers/plan";
import { add, edit, named, replace, typed, violations, without } from "./helpers";

const RDS = "aws:rds/instance:Instance";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const AWSX_VPC = "awsx:ec2:Vpc";

/** Every resource of a type gets `key: ""` in its outputs, as SDKv2 resources report unset strings. */
const emptyOutput = (plan: Plan, type: string, key: string) =>
  replace(plan, typed(type), (r) => ({ outputs: { ...r.outputs, [key]: r.outputs[key] ?? "" } }));

describe("policies on the analyzer's stack shapes", () => {
  it('dr-replica-per-zone counts primaries whose output replicateSourceDb is ""', async () => {
    const prod = emptyOutput(await committedPlan("prod"), RDS, "replicateSourceDb");
    const primary = prod.resources.find((r) => r.type === RDS && r.name === "eu-west-1-database-primary")!;
    assert.equal(primary.outputs.replicateSourceDb, "");
    assert.deepEqual(await violations("dr-replica-per-zone", prod, "prod"), []);
    const found = await violations(
      "dr-replica-per-zone",
      without(prod, (r) => r.type === RDS && r.region === "eu-central-1" && r.name.includes("-database-dr-")),
      "prod",
    );
    assert.deepEqual(
      found.map((v) => v.message),
      [
        'eu-west-1-database-primary in eu-west-1 has no DR replica in another region of zone "eu"; add a cross-region replica in eu-central-1. In the stack file: platform:regions[].database.drReplica.region of eu-west-1.',
      ],
    );
  });

  it('cache-global-datastore-in-zone ignores groups whose output globalReplicationGroupId is ""', async () => {
    const prod = emptyOutput(await committedPlan("prod"), GROUP, "globalReplicationGroupId");
    assert.deepEqual(await violations("cache-global-datastore-in-zone", prod, "prod"), []);
  });

  it("no-overlapping-cidrs compares the child VPCs of awsx components whose outputs have no cidrBlock", async () => {
    let plan: Plan = await committedPlan("dev");
    const components = plan.resources.filter((r) => r.type === AWSX_VPC);
    for (const vpc of components) {
      plan = add(plan, { type: "aws:ec2/vpc:Vpc", name: `${vpc.name}-vpc`, region: vpc.region!, inputs: { cidrBlock: "10.0.0.0/16" } });
      plan = replace(plan, named(`${vpc.name}-vpc`), () => ({ parent: vpc.urn }));
    }
    plan = replace(plan, typed(AWSX_VPC), (r) => ({ remote: false, inputs: {}, outputs: { vpcId: r.outputs.vpcId } }));
    const found = await violations("no-overlapping-cidrs", plan, "dev");
    assert.equal(found.length, components.length - 1);
    assert.match(found[0].message, /-network-vpc-vpc \(10\.0\.0\.0\/16\) overlaps \S+-network-vpc-vpc \(10\.0\.0\.0\/16\)/);
  });

  it("log-buckets-in-zone skips load-balancer logs that are not enabled (AWS's default)", async () => {
    const prod = await committedPlan("prod");
    const euBucket = prod.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.region === "eu-west-1")!;
    const toEu = (enabled?: boolean) =>
      edit(prod, typed("aws:lb/loadBalancer:LoadBalancer", "us-east-1"), (i) => {
        i.accessLogs = { bucket: euBucket.outputs.bucket, ...(enabled === undefined ? {} : { enabled }) };
      });
    assert.deepEqual(await violations("log-buckets-in-zone", toEu(), "prod"), []);
    assert.equal((await violations("log-buckets-in-zone", toEu(true), "prod")).length, 1);
  });

  it("references-in-residency-zone still sees a known cross-zone ARN beside a value not known until deployment", async () => {
    const prod = await committedPlan("prod");
    const primaryArn = (region: string) =>
      prod.resources.find(
        (r) => r.type === "aws:rds/instance:Instance" && r.region === region && r.inputs.manageMasterUserPassword === true,
      )!.outputs.arn;
    const breach = edit(prod, named("us-west-2-database-dr-us-east-1-instance"), (i) => {
      i.replicateSourceDb = primaryArn("eu-west-1");
      i.caCertIdentifier = UNKNOWN_VALUE;
    });
    const found = await violations("references-in-residency-zone", breach, "prod");
    assert.equal(found.length, 1);
    assert.match(found[0].message, /replicateSourceDb references arn:aws:rds:eu-west-1:/);
  });

  it("no-open-ingress treats protocol -1 as every port, even on the CDN path's port", async () => {
    const prod = await committedPlan("prod");
    const openCdnRule = (protocol: string) =>
      edit(prod, named("us-east-1-origin-alb-from-cloudfront"), (i) => {
        delete i.prefixListId;
        i.cidrIpv4 = "0.0.0.0/0";
        i.ipProtocol = protocol;
        i.tags = { "ingress-path": "cdn" };
      });
    assert.deepEqual(await violations("no-open-ingress", openCdnRule("tcp"), "prod"), []);
    assert.deepEqual(
      (await violations("no-open-ingress", openCdnRule("-1"), "prod")).map((v) => v.message),
      [
        "security group us-east-1-origin-alb-sg admits 100% of the public IPv4 and 0% of the public IPv6 internet on every protocol and port, more than the 0.1% allowed, through us-east-1-origin-alb-from-cloudfront cidrIpv4/cidrIpv6 (0.0.0.0/0); admit a security group or prefix list instead (the CDN path may open only port 443).",
      ],
    );
  });
});
