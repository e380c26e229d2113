import { strict as assert } from "node:assert";
import { Cache } from "../../components/cache/cache";
import { CACHE_PARAMETER_GROUP, CACHE_SUBNET_GROUP } from "../../tools/catalogue/aws/elasticache";
import { SECRET, SECRET_VERSION } from "../../tools/catalogue/aws/secretsmanager";
import { Secret } from "../../tools/engine/values";
import { ComponentPlan, planComponent } from "../helpers/component";
import { NETWORK, REPLICATION_GROUP, cacheArgs, regionOfArn } from "../helpers/fixtures";

/** The cache of one region alone. */
describe("data tier: cache (component)", () => {
  let prod: ComponentPlan;
  let dev: ComponentPlan;
  before(async () => {
    prod = await planComponent(({ region, accountId, opts }) => {
      const cache = new Cache("eu-west-1-cache", cacheArgs("prod", region, accountId), opts);
      return {
        primaryEndpoint: cache.primaryEndpoint,
        readerEndpoint: cache.readerEndpoint,
        authTokenSecretArn: cache.authTokenSecretArn,
        grant: cache.grantReadAuthToken(),
      };
    });
    dev = await planComponent(({ region, accountId, opts }) => {
      new Cache("eu-west-1-cache", cacheArgs("dev", region, accountId), opts);
    });
  });

  it("is a replication group with failover, Multi-AZ, both encryptions and an AUTH token in prod", () => {
    const group = prod.one(REPLICATION_GROUP);
    const inputs = prod.inputs(group);
    assert.equal(inputs.engine, "valkey");
    assert.equal(inputs.automaticFailoverEnabled, true);
    assert.equal(inputs.multiAzEnabled, true);
    assert.ok(inputs.numCacheClusters >= 2, "a replica to fail over to");
    assert.equal(new Set(inputs.preferredCacheClusterAzs).size, inputs.numCacheClusters, "nodes in distinct AZs");
    assert.equal(inputs.atRestEncryptionEnabled, true);
    assert.equal(regionOfArn(inputs.kmsKeyId), "eu-west-1");
    assert.equal(inputs.transitEncryptionEnabled, true);
    assert.equal(inputs.transitEncryptionMode, "required");
    assert.ok(group.inputs.authToken instanceof Secret, "the AUTH token is a Pulumi secret");
    assert.ok(inputs.snapshotRetentionLimit >= 1);
    assert.equal(group.options.protect, true);
    assert.ok(inputs.finalSnapshotIdentifier);
    assert.equal(inputs.parameterGroupName, prod.outputsOf(prod.one(CACHE_PARAMETER_GROUP)).name);
  });

  it("is one unprotected node without failover or final snapshot in dev", () => {
    const group = dev.one(REPLICATION_GROUP);
    assert.equal(dev.inputs(group).numCacheClusters, 1);
    assert.equal(dev.inputs(group).automaticFailoverEnabled, false);
    assert.equal(group.options.protect, false);
    assert.equal(dev.inputs(group).finalSnapshotIdentifier, undefined);
    assert.equal(dev.inputs(dev.one(SECRET)).recoveryWindowInDays, 0);
  });

  it("sits in the private subnets it is given", () => {
    const subnets = prod.one(CACHE_SUBNET_GROUP);
    assert.deepEqual(prod.inputs(subnets).subnetIds, NETWORK.privateSubnetIds);
    assert.equal(prod.inputs(prod.one(REPLICATION_GROUP)).subnetGroupName, prod.outputsOf(subnets).name);
  });

  it("keeps the AUTH token in a Secrets Manager secret under the region's key and reports only its ARN", () => {
    const group = prod.one(REPLICATION_GROUP);
    const secret = prod.one(SECRET, "-cache-auth-token");
    assert.equal(prod.inputs(secret).kmsKeyId, prod.inputs(group).kmsKeyId);
    assert.equal(prod.inputs(secret).recoveryWindowInDays, 30);
    const version = prod.one(SECRET_VERSION);
    assert.ok(version.inputs.secretString instanceof Secret);
    assert.equal(prod.inputs(version).secretString, prod.inputs(group).authToken);
    assert.equal(prod.outputs.authTokenSecretArn, prod.outputsOf(secret).arn);
    assert.match(prod.outputs.authTokenSecretArn, /^arn:aws:secretsmanager:eu-west-1:\d{12}:secret:.+-[A-Za-z0-9]{6}$/);
    assert.match(prod.outputs.primaryEndpoint, /^master\.[a-z0-9-]+\.[a-z0-9]{6}\.[a-z]+\d\.cache\.amazonaws\.com:6379$/);
    assert.match(prod.outputs.readerEndpoint, /^replica\.[a-z0-9-]+\.[a-z0-9]{6}\.[a-z]+\d\.cache\.amazonaws\.com:6379$/);
  });

  it("grants reading the AUTH token secret, and only that", () => {
    assert.deepEqual(prod.outputs.grant, [
      {
        Sid: "RegionalDataSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: [prod.outputs.authTokenSecretArn],
      },
    ]);
  });

  it("generates a token that meets ElastiCache's AUTH rules (16-128 characters, no @ \" / or space)", () => {
    for (const password of prod.resources("random:index/randomPassword:RandomPassword")) {
      const token: string = prod.outputsOf(password).result;
      assert.ok(token.length >= 16 && token.length <= 128);
      assert.doesNotMatch(token, /[@"/\s]/);
    }
  });
});
