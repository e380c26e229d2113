import { strict as assert } from "node:assert";
import { ConfigError, resolvePlatformConfig } from "../../components/config";
import { committedValues } from "../helpers/fixtures";

/** Asserts the config is rejected with exactly this message at this path. */
function rejects(values: Record<string, unknown>, path: string, message: string): void {
  assert.throws(
    () => resolvePlatformConfig({ stack: "prod", values }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.deepEqual(
        error.issues.filter((i) => i.path === path),
        [{ path, message }],
        `issues: ${JSON.stringify(error.issues, null, 1)}`,
      );
      assert.ok(error.message.includes(`Pulumi.prod.yaml: ${path}: ${message}`));
      return true;
    },
  );
}

/** The committed prod values with one region entry changed. */
function prodWith(index: number, change: (region: Record<string, any>) => void): Record<string, any> {
  const values = committedValues("prod");
  change(values.regions[index]);
  return values;
}

describe("data tier: config validation", () => {
  it("accepts the committed stacks", () => {
    resolvePlatformConfig({ stack: "prod", values: committedValues("prod") });
    resolvePlatformConfig({ stack: "dev", values: committedValues("dev") });
  });

  describe("replica counts RDS does not allow", () => {
    it("more than 15 in-region read replicas", () => {
      rejects(
        prodWith(0, (r) => (r.database.readReplicas = 16)),
        "platform:regions[0].database.readReplicas",
        "must be 0-15 (RDS allows at most 15 read replicas per source), got 16",
      );
    });

    it("15 in-region read replicas plus a DR replica", () => {
      rejects(
        prodWith(0, (r) => (r.database.readReplicas = 15)),
        "platform:regions[0].database.readReplicas",
        "must be at most 14 with a drReplica: RDS allows 15 read replicas per source, in-region and cross-region together; got 15 + 1",
      );
    });

    it("a negative count", () => {
      rejects(
        prodWith(1, (r) => (r.database.readReplicas = -1)),
        "platform:regions[1].database.readReplicas",
        "must be 0-15, got -1",
      );
    });
  });

  describe("DR replica placement", () => {
    it("a region outside the source's residency zone", () => {
      rejects(
        prodWith(0, (r) => (r.database.drReplica.region = "eu-west-1")),
        "platform:regions[0].database.drReplica.region",
        '"eu-west-1" is in residency zone "eu", but the primary in us-east-1 is in "us": a DR replica must stay in its zone',
      );
    });

    it("the source's own region", () => {
      rejects(
        prodWith(2, (r) => (r.database.drReplica.region = "eu-west-1")),
        "platform:regions[2].database.drReplica.region",
        "must be another region than the primary's own (eu-west-1)",
      );
    });

    it("a region that is not in the stack", () => {
      rejects(
        prodWith(0, (r) => (r.database.drReplica.region = "us-east-2")),
        "platform:regions[0].database.drReplica.region",
        '"us-east-2" is not a region of this stack; allowed: us-west-2, eu-west-1, eu-central-1',
      );
    });
  });

  it("a FIFO queue with a standard dead-letter queue", () => {
    rejects(
      prodWith(0, (r) => (r.queues = [{ name: "order-events", fifo: true, dlqFifo: false }])),
      "platform:regions[0].queues[0].dlqFifo",
      "must equal fifo (true): SQS requires a FIFO queue's DLQ to be FIFO",
    );
  });

  describe("non-positive retention", () => {
    it("queue message retention of 0", () => {
      rejects(
        prodWith(0, (r) => (r.queues = [{ name: "orders", retentionSeconds: 0 }])),
        "platform:regions[0].queues[0].retentionSeconds",
        "must be 60-1209600, got 0",
      );
    });

    it("DLQ retention of -1", () => {
      rejects(
        prodWith(0, (r) => (r.queues = [{ name: "orders", dlqRetentionSeconds: -1 }])),
        "platform:regions[0].queues[0].dlqRetentionSeconds",
        "must be 60-1209600, got -1",
      );
    });

    it("database backups of 0 days", () => {
      rejects(
        prodWith(0, (r) => (r.database.backupRetentionDays = 0)),
        "platform:regions[0].database.backupRetentionDays",
        "must be 1-35 days, got 0: read replicas need their source to keep automated backups",
      );
    });

    it("cache snapshots of 0 days", () => {
      rejects(
        prodWith(0, (r) => (r.cache = { snapshotRetentionDays: 0 })),
        "platform:regions[0].cache.snapshotRetentionDays",
        "must be 1-35, got 0",
      );
    });
  });

  describe("unknown engines", () => {
    it("a cache engine other than valkey or redis", () => {
      rejects(
        prodWith(0, (r) => (r.cache = { engine: "memcached" })),
        "platform:regions[0].cache.engine",
        'must be one of valkey, redis; got "memcached"',
      );
    });

    it("a database engine other than postgres", () => {
      rejects(
        prodWith(0, (r) => (r.database.engine = "mysql")),
        "platform:regions[0].database.engine",
        'must be one of postgres; got "mysql"',
      );
    });

    it("an engine version the cache engine does not have", () => {
      rejects(
        prodWith(0, (r) => (r.cache = { engine: "redis", engineVersion: "8.0" })),
        "platform:regions[0].cache.engineVersion",
        "redis 8.0 is not supported; allowed: 6.2, 7.0, 7.1",
      );
    });
  });

  it("an instance class without Performance Insights", () => {
    rejects(
      prodWith(0, (r) => (r.database.instanceClass = "db.t4g.micro")),
      "platform:regions[0].database.instanceClass",
      "db.t4g.micro does not support Performance Insights, which every database here turns on; use db.t4g.medium or larger",
    );
  });
});
