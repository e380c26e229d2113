import { CATALOGUE, isNone } from "../catalogue";
import { LISTED_REGION, PRICES_AS_OF, priceBook } from "../catalogue/prices";
import { Plan } from "../engine/model";
import { reveal } from "../engine/values";

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

/**
 * An ESTIMATE of the monthly on-demand cost of a plan, per region and tier, from the price rules
 * of the resource-type catalogue, each given its region's price book. Only the fixed floor is
 * priced (instance hours, storage as allocated, backups as one full copy per vault); usage
 * (requests, transfer, Karpenter's nodes) is not.
 */
export function estimateMonthlyCost(plan: Plan): CostEstimate {
  const rows = new Map<string, { region: string; tier: string; usd: number; items: Map<string, number> }>();
  const unpriced = new Set<string>();

  for (const resource of plan.resources) {
    const rule = CATALOGUE[resource.type]?.price;
    if (rule === undefined || isNone(rule)) continue;
    const region = resource.region ?? "global";
    const result = rule.monthly({
      name: resource.name,
      region,
      inputs: reveal(resource.inputs) as Record<string, any>,
      outputs: reveal(resource.outputs) as Record<string, any>,
      book: priceBook(region),
      plan,
    });
    if ("unpriced" in result) {
      unpriced.add(`${result.unpriced} (${region})`);
      continue;
    }
    const key = `${region}\u0000${rule.tier}`;
    const row = rows.get(key) ?? { region, tier: rule.tier, usd: 0, items: new Map<string, number>() };
    row.usd += result.usd;
    row.items.set(result.item, (row.items.get(result.item) ?? 0) + 1);
    rows.set(key, row);
  }

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
    pricesAsOf: PRICES_AS_OF,
  };
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
    `Estimated monthly cost (ESTIMATE: ${LISTED_REGION} on-demand list prices of ${estimate.pricesAsOf}, fixed floor only; no usage, transfer or Karpenter nodes):`,
    line(header),
    ...body.map(line),
    `  total: ${usd(estimate.totalUsd)} per month`,
  ];
  if (estimate.unpriced.length > 0) lines.push(`  not in the price table: ${estimate.unpriced.join(", ")}`);
  return lines.join("\n");
}
