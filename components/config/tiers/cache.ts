import { z } from "zod";
import { Environment, IssueReporter, intBetween, oneOf, flag } from "./common";

/** ElastiCache (Valkey or Redis OSS) replication group per region. */
export const cacheSettings = z.strictObject({
  engine: oneOf(["valkey", "redis"]),
  /** Valkey 7.2/8.0, Redis OSS 6.2/7.0/7.1. */
  engineVersion: z
    .string()
    .regex(/^\d+\.\d+$/, { error: (i) => `must be a major.minor version such as "8.0", got ${JSON.stringify(i.input)}` }),
  nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, {
    error: (i) => `must be a cache node type such as "cache.r7g.large", got ${JSON.stringify(i.input)}`,
  }),
  /** Read replicas beside the primary node (0-5). Automatic failover needs at least 1. */
  replicas: intBetween(0, 5),
  multiAz: flag(),
  /** Daily snapshots kept (1-35); 0 (no snapshots) is not allowed: the cache must be restorable. */
  snapshotRetentionDays: intBetween(1, 35),
});
export type CacheSettings = z.infer<typeof cacheSettings>;

export const cacheDefaults: Record<Environment, CacheSettings> = {
  dev: { engine: "valkey", engineVersion: "8.0", nodeType: "cache.t4g.small", replicas: 0, multiAz: false, snapshotRetentionDays: 1 },
  prod: { engine: "valkey", engineVersion: "8.0", nodeType: "cache.r7g.large", replicas: 1, multiAz: true, snapshotRetentionDays: 7 },
};

/** What config accepts: a subset of what ElastiCache offers (tools/catalogue/aws/elasticache.ts, held to it by a test). */
export const SUPPORTED_VERSIONS: Record<CacheSettings["engine"], readonly string[]> = {
  valkey: ["7.2", "8.0", "8.1"],
  redis: ["6.2", "7.0", "7.1"],
};

export function checkCache(cache: CacheSettings, report: IssueReporter): void {
  const versions = SUPPORTED_VERSIONS[cache.engine];
  if (!versions.includes(cache.engineVersion)) {
    report(["engineVersion"], `${cache.engine} ${cache.engineVersion} is not supported; allowed: ${versions.join(", ")}`);
  }
  if (cache.multiAz && cache.replicas < 1) {
    report(["replicas"], "must be at least 1 when multiAz is true (Multi-AZ needs a replica to fail over to)");
  }
}
