import { strict as assert } from "node:assert";
import { Plan } from "../../tools/engine/model";
import { Secret } from "../../tools/engine/values";
import { committedPlan, inputsOf, outputsOf, single } from "../helpers/plan";
import { REPLICATION_GROUP, regionOfArn, resolvedCommitted } from "./fixtures";

describe("data tier: cache (prod)", () => {
  let plan: Plan;
  const config = resolvedCommitted("prod");
  before(async () => {
    plan = await committedPlan("prod");
  });

  it("every region has a replication group with failover, Multi-AZ, both encryptions and an AUTH token", () => {
    for (const region of config.regions) {
      const group = single(plan, REPLICATION_GROUP, region.region);
      const inputs = inputsOf(group);
      assert.equal(inputs.engine, region.cache.engine);
      assert.equal(inputs.engineVersion, region.cache.engineVersion);
      assert.equal(inputs.automaticFailoverEnabled, true);
      assert.equal(inputs.multiAzEnabled, true);
      assert.ok(inputs.numCacheClusters >= 2, "a replica to fail over to");
      assert.equal(new Set(inputs.preferredCacheClusterAzs).size, inputs.numCacheClusters, "nodes in distinct AZs");
      assert.equal(inputs.atRestEncryptionEnabled, true);
      assert.equal(regionOfArn(inputs.kmsKeyId), region.region);
      assert.equal(inputs.transitEncryptionEnabled, true);
      assert.equal(inputs.transitEncryptionMode, "required");
      assert.ok(group.inputs.authToken instanceof Secret, "the AUTH token is a Pulumi secret");
      assert.ok(inputs.snapshotRetentionLimit >= 1);
      assert.equal(group.options.protect, true);
      assert.ok(inputs.finalSnapshotIdentifier);
      const family = single(plan, "aws:elasticache/parameterGroup:ParameterGroup", region.region);
      assert.equal(inputs.parameterGroupName, outputsOf(family).name);
    }
  });

  it("sits in the private subnets of its region", () => {
    for (const region of config.regions) {
      const subnets = single(plan, "aws:elasticache/subnetGroup:SubnetGroup", region.region);
      const vpc = single(plan, "awsx:ec2:Vpc", region.region);
      assert.deepEqual(inputsOf(subnets).subnetIds, outputsOf(vpc).privateSubnetIds);
      assert.equal(inputsOf(single(plan, REPLICATION_GROUP, region.region)).subnetGroupName, outputsOf(subnets).name);
    }
  });

  it("keeps the AUTH token in a Secrets Manager secret under the region's key and exports only its ARN", () => {
    for (const region of config.regions) {
      const secret = plan.resources.find(
        (r) => r.type === "aws:secretsmanager/secret:Secret" && r.name === `${region.region}-cache-auth-token`,
      )!;
      assert.ok(secret);
      assert.equal(inputsOf(secret).kmsKeyId, inputsOf(single(plan, REPLICATION_GROUP, region.region)).kmsKeyId);
      const version = single(plan, "aws:secretsmanager/secretVersion:SecretVersion", region.region);
      assert.ok(version.inputs.secretString instanceof Secret);
      assert.equal(inputsOf(version).secretString, inputsOf(single(plan, REPLICATION_GROUP, region.region)).authToken);
      const exported = (plan.outputs.regions as any)[region.region].cache;
      assert.equal(exported.authTokenSecretArn, outputsOf(secret).arn);
      assert.match(exported.authTokenSecretArn, new RegExp(`^arn:aws:secretsmanager:${region.region}:\\d{12}:secret:.+-[A-Za-z0-9]{6}$`));
      assert.match(exported.primaryEndpoint, /^master\.[a-z0-9-]+\.[a-z0-9]{6}\.[a-z]+\d\.cache\.amazonaws\.com:6379$/);
      assert.match(exported.readerEndpoint, /^replica\.[a-z0-9-]+\.[a-z0-9]{6}\.[a-z]+\d\.cache\.amazonaws\.com:6379$/);
    }
  });

  it("the token meets ElastiCache's AUTH rules (16-128 characters, no @ \" / or space)", () => {
    for (const password of plan.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword")) {
      const token: string = outputsOf(password).result;
      assert.ok(token.length >= 16 && token.length <= 128);
      assert.doesNotMatch(token, /[@"/\s]/);
    }
  });
});
