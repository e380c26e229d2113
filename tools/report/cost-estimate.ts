import { Plan, PlannedResource } from "../engine/model";
import { reveal } from "../engine/values";
import * as price from "./price-table";

/** One line of the estimate: a tier of one region. */
export interface CostRow {
  readonly region: string;
  readonly tier: string;
  readonly monthlyUsd: number;
  /** What was priced, e.g. `2x db.r6g.xlarge Multi-AZ`. */
  readonly items: readonly string[];
}

export interface CostEstimate {
  readonly rows: readonly CostRow[];
  readonly totalUsd: number;
  /** Things in the plan the table has no price for (named, never silently zero). */
  readonly unpriced: readonly string[];
  readonly pricesAsOf: string;
}

type Pricer = (r: PlannedResource, inputs: Record<string, any>, outputs: Record<string, any>) => { usd: number; item: string } | string;

const H = price.HOURS_PER_MONTH;

/** Per resource type: its tier and monthly price, or a string saying why it could not be priced. */
const PRICERS: Readonly<Record<string, { tier: string; price: Pricer }>> = {
  "awsx:ec2:Vpc": {
    tier: "network",
    price: (_r, _i, o) => {
      const n = Number(o.natGatewayCount ?? 0);
      return { usd: n * price.NAT_GATEWAY_HOURLY * H, item: `${n} NAT gateway(s)` };
    },
  },
  "aws:eks/cluster:Cluster": { tier: "compute", price: () => ({ usd: price.EKS_CONTROL_PLANE_HOURLY * H, item: "EKS control plane" }) },
  "aws:eks/nodeGroup:NodeGroup": {
    tier: "compute",
    price: (_r, i) => {
      const type = String(i.instanceTypes?.[0]);
      const hourly = price.EC2_HOURLY[type];
      const n = Number(i.scalingConfig?.desiredSize ?? 0);
      return hourly === undefined ? `EC2 ${type}` : { usd: n * hourly * H, item: `${n}x ${type} (node group, desired size)` };
    },
  },
  "aws:rds/instance:Instance": {
    tier: "database",
    price: (_r, i) => {
      const cls = String(i.instanceClass);
      const hourly = price.RDS_POSTGRES_HOURLY[cls];
      if (hourly === undefined) return `RDS ${cls}`;
      const azs = i.multiAz === true ? 2 : 1;
      // A replica sets no storage of its own: it has its source's (filled in by estimateMonthlyCost).
      const gb = Number(i.allocatedStorage ?? 0);
      const storage = gb * azs * price.RDS_STORAGE_GB_MONTH;
      return {
        usd: hourly * azs * H + storage,
        item: `${cls}${azs === 2 ? " Multi-AZ" : ""}${i.replicateSourceDb ? " replica" : ""} + ${gb} GB`,
      };
    },
  },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    tier: "cache",
    price: (_r, i) => {
      const type = String(i.nodeType);
      const redis = price.ELASTICACHE_REDIS_HOURLY[type];
      if (redis === undefined) return `ElastiCache ${type}`;
      const hourly = i.engine === "valkey" ? redis * (1 - price.VALKEY_DISCOUNT) : redis;
      const n = Number(i.numCacheClusters ?? 1);
      return { usd: n * hourly * H, item: `${n}x ${type} (${i.engine ?? "redis"})` };
    },
  },
  "aws:lb/loadBalancer:LoadBalancer": { tier: "edge", price: () => ({ usd: price.ALB_HOURLY * H, item: "ALB (1 LCU)" }) },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    tier: "observability",
    price: (_r, i) => {
      const metrics = Array.isArray(i.metricQueries) ? i.metricQueries.filter((q: any) => q.metric !== undefined).length : 1;
      return { usd: metrics * price.CLOUDWATCH_ALARM_METRIC_MONTH, item: "alarm metric(s)" };
    },
  },
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
    tier: "observability",
    price: () => ({ usd: price.CLOUDWATCH_COMPOSITE_ALARM_MONTH, item: "composite alarm(s)" }),
  },
  "aws:cloudwatch/dashboard:Dashboard": {
    tier: "observability",
    price: () => ({ usd: price.CLOUDWATCH_DASHBOARD_MONTH, item: "dashboard(s)" }),
  },
  "aws:kms/key:Key": { tier: "security", price: () => ({ usd: price.KMS_KEY_MONTH, item: "KMS key(s)" }) },
  "aws:secretsmanager/secret:Secret": { tier: "security", price: () => ({ usd: price.SECRET_MONTH, item: "secret(s)" }) },
};

/**
 * An ESTIMATE of the monthly on-demand cost of a plan, per region and tier, from the small price
 * table in price-table.ts. Only the fixed floor is priced (instance hours, storage as allocated,
 * backups as one full copy per vault); usage (requests, transfer, Karpenter's nodes) is not.
 */
export function estimateMonthlyCost(plan: Plan): CostEstimate {
  const rows = new Map<string, { region: string; tier: string; usd: number; items: Map<string, number> }>();
  const unpriced = new Set<string>();
  const add = (region: string, tier: string, usd: number, item: string) => {
    const key = `${region}\u0000${tier}`;
    const row = rows.get(key) ?? { region, tier, usd: 0, items: new Map<string, number>() };
    row.usd += usd;
    row.items.set(item, (row.items.get(item) ?? 0) + 1);
    rows.set(key, row);
  };

  for (const resource of plan.resources) {
    const pricer = PRICERS[resource.type];
    if (pricer === undefined) continue;
    const region = resource.region ?? "global";
    const inputs = reveal(resource.inputs) as Record<string, any>;
    if (inputs.replicateSourceDb !== undefined && inputs.allocatedStorage === undefined) {
      inputs.allocatedStorage = storageOf(plan, String(inputs.replicateSourceDb));
    }
    const result = pricer.price(resource, inputs, reveal(resource.outputs) as Record<string, any>);
    if (typeof result === "string") unpriced.add(`${result} (${region})`);
    else add(region, pricer.tier, result.usd, result.item);
  }
  addBackups(plan, add);

  const list: CostRow[] = [...rows.values()]
    .map((r) => ({
      region: r.region,
      tier: r.tier,
      monthlyUsd: round(r.usd),
      items: [...r.items].map(([item, n]) => (n > 1 ? `${n}x ${item}` : item)),
    }))
    .sort((a, b) => a.region.localeCompare(b.region) || a.tier.localeCompare(b.tier));
  return {
    rows: list,
    totalUsd: round(list.reduce((sum, r) => sum + r.monthlyUsd, 0)),
    unpriced: [...unpriced].sort(),
    pricesAsOf: price.PRICES_AS_OF,
  };
}

/** Backups: the primaries' allocated storage as one full snapshot in their vault, plus any copy. */
function addBackups(plan: Plan, add: (region: string, tier: string, usd: number, item: string) => void): void {
  const primaries = plan.resources.filter(
    (r) => r.type === "aws:rds/instance:Instance" && (reveal(r.inputs) as any).replicateSourceDb === undefined,
  );
  for (const backup of plan.resources.filter((r) => r.type === "aws:backup/plan:Plan")) {
    const region = backup.region ?? "global";
    const gb = primaries
      .filter((p) => p.region === region)
      .reduce((sum, p) => sum + Number((reveal(p.inputs) as any).allocatedStorage ?? 0), 0);
    const rules: any[] = (reveal(backup.inputs) as any).rules ?? [];
    const copies = rules.reduce((n, rule) => n + (Array.isArray(rule.copyActions) ? rule.copyActions.length : 0), 0);
    add(region, "recovery", gb * price.BACKUP_RDS_GB_MONTH, `${gb} GB snapshots`);
    if (copies > 0)
      add(region, "recovery", copies * gb * (price.BACKUP_RDS_GB_MONTH + price.BACKUP_CROSS_REGION_GB), `${gb} GB copied in zone`);
  }
}

/** Allocated storage of the RDS instance a replica names by identifier (in-region) or ARN (cross-region). */
function storageOf(plan: Plan, source: string): number | undefined {
  const primary = plan.resources.find((r) => {
    const out = reveal(r.outputs) as Record<string, any>;
    return r.type === "aws:rds/instance:Instance" && (out.identifier === source || out.arn === source);
  });
  return primary === undefined ? undefined : (reveal(primary.inputs) as Record<string, any>).allocatedStorage;
}

function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}

const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The estimate as a text table for the plan report, clearly labelled an estimate. */
export function renderCostTable(estimate: CostEstimate): string {
  const header = ["region", "tier", "USD/month", "priced"];
  const body = estimate.rows.map((r) => [r.region, r.tier, usd(r.monthlyUsd), r.items.join(", ")]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ")}`.trimEnd();
  const lines = [
    `Estimated monthly cost (ESTIMATE: ${price.PRICE_REGION} on-demand list prices of ${estimate.pricesAsOf}, fixed floor only; no usage, transfer or Karpenter nodes):`,
    line(header),
    ...body.map(line),
    `  total: ${usd(estimate.totalUsd)} per month`,
  ];
  if (estimate.unpriced.length > 0) lines.push(`  not in the price table: ${estimate.unpriced.join(", ")}`);
  return lines.join("\n");
}
