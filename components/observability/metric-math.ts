/** Pure helpers of the observability tier: names, metric ids and the SLO burn-rate windows. */

/**
 * The `LoadBalancer` / `TargetGroup` dimension value of an ALB metric: the ARN after its
 * resource type, `app/<name>/<id>` for `arn:…:loadbalancer/app/<name>/<id>` and
 * `targetgroup/<name>/<id>` for a target group ARN (what the resources' `arnSuffix` outputs hold).
 */
export function elbArnSuffix(arn: string): string {
  const resource = arn.split(":").slice(5).join(":");
  if (resource.startsWith("loadbalancer/")) return resource.slice("loadbalancer/".length);
  if (resource.startsWith("targetgroup/")) return resource;
  throw new Error(`not an ELB load balancer or target group ARN: ${arn}`);
}

/** The queue name of an SQS URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`), the `QueueName` dimension. */
export function queueNameOfUrl(url: string): string {
  const match = /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/\d{12}\/([\w.-]+)$/.exec(url);
  if (match === null) throw new Error(`not an SQS queue URL: ${url}`);
  return match[1];
}

/**
 * The member clusters of a cluster-mode-disabled replication group, which ElastiCache names
 * `<group>-001`, `<group>-002`, …: the `CacheClusterId` dimension of the node metrics.
 */
export function cacheMemberIds(replicationGroupId: string, nodes: number): string[] {
  return Array.from({ length: nodes }, (_, i) => `${replicationGroupId}-${String(i + 1).padStart(3, "0")}`);
}

/**
 * The ReplicaLag threshold (seconds) of a cross-region DR replica: the lag is the data a failover
 * to it loses, so the alarm fires at half the recovery point objective, leaving the other half to
 * act before the RPO is broken, and never later than the region's replica-lag threshold.
 */
export function drReplicaLagThresholdSeconds(replicaLagSeconds: number, rpoMinutes: number): number {
  return Math.max(1, Math.min(replicaLagSeconds, Math.floor((rpoMinutes * 60) / 2)));
}

/** One multi-window burn-rate alert: both windows must burn faster than `burnRate` times the budget. */
export interface BurnRateWindow {
  readonly name: "fast" | "slow";
  readonly burnRate: number;
  readonly longSeconds: number;
  readonly shortSeconds: number;
}

/**
 * The paging windows of the Google SRE workbook ("Alerting on SLOs", table 5-8) for a 30-day
 * SLO: 2 % of the budget spent in 1 hour (14.4x) or 5 % in 6 hours (6x). The short window
 * (1/12 of the long one) makes the alert reset soon after the burn stops.
 */
export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { name: "fast", burnRate: 14.4, longSeconds: 3600, shortSeconds: 300 },
  { name: "slow", burnRate: 6, longSeconds: 21600, shortSeconds: 1800 },
];

/** The error budget of an availability target in percent, as a ratio (99.9 -> 0.001). */
export function errorBudget(availabilityPercent: number): number {
  return round((100 - availabilityPercent) / 100);
}

/** A latency SLO "99 % of requests under the target" leaves 1 % of requests as its budget. */
export const LATENCY_BUDGET = 0.01;

/** The error-ratio threshold a burn-rate alarm fires above. */
export function burnThreshold(budget: number, burnRate: number): number {
  return round(budget * burnRate);
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** GiB to bytes, the unit of RDS `FreeStorageSpace`. */
export function gibToBytes(gib: number): number {
  return gib * 1024 ** 3;
}
