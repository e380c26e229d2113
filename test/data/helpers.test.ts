import { strict as assert } from "node:assert";
import { AUTH_TOKEN_SPECIALS, cacheFamily, nodeZones } from "../../components/cache/elasticache-rules";
import { finalSnapshotName, postgresFamily, replicaZones } from "../../components/database/postgres-settings";
import { queueNames, queuePolicy, redriveAllowPolicy } from "../../components/queues/sqs-documents";
import { shortRegion } from "../../tools/catalogue/aws/elasticache";

describe("data tier: pure helpers", () => {
  it("parameter group families", () => {
    assert.equal(postgresFamily("16.4"), "postgres16");
    assert.equal(postgresFamily("17"), "postgres17");
    assert.equal(cacheFamily("valkey", "8.0"), "valkey8");
    assert.equal(cacheFamily("valkey", "7.2"), "valkey7");
    assert.equal(cacheFamily("redis", "7.1"), "redis7");
    assert.equal(cacheFamily("redis", "6.2"), "redis6.x");
  });

  it("replicas start in the second AZ and wrap around; cache nodes start in the first", () => {
    assert.deepEqual(replicaZones(["a", "b", "c"], 4), ["b", "c", "a", "b"]);
    assert.deepEqual(replicaZones(["a", "b"], 0), []);
    assert.deepEqual(nodeZones(["a", "b", "c"], 2), ["a", "b"]);
  });

  it("final snapshot names are valid RDS identifiers", () => {
    assert.equal(finalSnapshotName("us-east-1-database-primary"), "us-east-1-database-primary-final");
    assert.throws(() => finalSnapshotName("1-db"), /must start with a letter/);
  });

  it("queue names carry the prefix and .fifo for FIFO queues and their DLQs", () => {
    const base = { visibilityTimeoutSeconds: 30, retentionSeconds: 60, maxReceiveCount: 5, dlqRetentionSeconds: 60 };
    assert.deepEqual(queueNames("platform-prod-", { ...base, name: "orders", fifo: false }), {
      main: "platform-prod-orders",
      dlq: "platform-prod-orders-dlq",
    });
    assert.deepEqual(queueNames("p-", { ...base, name: "events", fifo: true }), { main: "p-events.fifo", dlq: "p-events-dlq.fifo" });
    assert.throws(() => queueNames("x".repeat(30), { ...base, name: "q".repeat(60), fifo: false }), /not a valid SQS name/);
  });

  it("queue policies deny non-TLS and allow only the given role", () => {
    const document = JSON.parse(queuePolicy("arn:q", "arn:role", ["sqs:SendMessage"]));
    assert.equal(document.Statement.length, 2);
    assert.deepEqual(document.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    assert.deepEqual(document.Statement[1].Principal, { AWS: "arn:role" });
    assert.deepEqual(JSON.parse(redriveAllowPolicy("arn:q")), { redrivePermission: "byQueue", sourceQueueArns: ["arn:q"] });
  });

  it("auth token specials exclude what ElastiCache rejects", () => {
    assert.doesNotMatch(AUTH_TOKEN_SPECIALS, /[@"/\s]/);
  });

  it("short region codes as ElastiCache host names use them", () => {
    assert.equal(shortRegion("us-east-1"), "use1");
    assert.equal(shortRegion("eu-central-1"), "euc1");
    assert.equal(shortRegion("ap-southeast-2"), "apse2");
    assert.equal(shortRegion("ap-northeast-1"), "apne1");
  });
});
