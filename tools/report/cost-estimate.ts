import { CATALOGUE, isNone } from "../catalogue";
import { priceBook } from "../catalogue/prices";
import { Plan } from "../engine/model";
import { reveal } from "../engine/values";
import { attributedRegion } from "./counts";

/** One line of the estimate: a tier of one region. */
export interface CostRow {
  readonly region: string;
  readonly tier: string;
  readonly monthlyUsd: number;
  /** What was priced, e.g. `2x db.r6g.xlarge Multi-AZ`. */
  readonly items: readonly string[];
}

export interface CostEstimate {
  /** Always true: list prices of the fixed floor, not a quote. */
  readonly estimate: true;
  readonly rows: readonly CostRow[];
  readonly totalUsd: number;
  /** Things in the plan the table has no price for (named, never silently zero). */
  readonly unpriced: readonly string[];
  /** Dates of the price books used (YYYY-MM-DD). */
  readonly pricesAsOf: string;
  /** Regions priced at another region's list prices (their own were not retrieved): region -> whose. */
  readonly pricedAs: Readonly<Record<string, string>>;
  /** What the estimate does not include. */
  readonly leavesOut: readonly string[];
}

/** What every estimate leaves out, in the words the reports print. */
export const LEAVES_OUT: readonly string[] = [
  "usage: requests, queries, messages, data transfer and CloudFront/WAF traffic",
  "Karpenter's nodes (they follow the workload) and pods' storage",
  "taxes, free tier, savings plans and reserved capacity",
  "resources without a catalogue price (listed as not priced)",
];

/**
 * An ESTIMATE of the monthly on-demand cost of a plan, per region and tier, from the price rules
 * of the resource-type catalogue, each given its region's price book. Only the fixed floor is
 * priced (instance hours, storage as allocated, backups as one full copy per vault); usage
 * (requests, transfer, Karpenter's nodes) is not. Regions are attributed as every report attributes
 * them (tools/report/counts.ts): edge services under `global`.
 */
export function estimateMonthlyCost(plan: Plan): CostEstimate {
  const rows = new Map<string, { region: string; tier: string; usd: number; items: Map<string, number> }>();
  const unpriced = new Set<string>();
  const pricedAs: Record<string, string> = {};
  const dates = new Set<string>();

  for (const resource of plan.resources) {
    const rule = CATALOGUE[resource.type]?.price;
    if (rule === undefined || isNone(rule)) continue;
    // Prices follow the region AWS bills (a global service's provider region), rows the report's column.
    const billed = resource.region ?? "us-east-1";
    const region = attributedRegion(plan, resource);
    const book = priceBook(billed);
    dates.add(book.asOf);
    if (book.listedFor !== billed) pricedAs[billed] = book.listedFor;
    const result = rule.monthly({
      name: resource.name,
      region: billed,
      inputs: reveal(resource.inputs) as Record<string, any>,
      outputs: reveal(resource.outputs) as Record<string, any>,
      book,
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
    estimate: true,
    rows: list,
    totalUsd: round(list.reduce((sum, r) => sum + r.monthlyUsd, 0)),
    unpriced: [...unpriced].sort(),
    pricesAsOf: [...dates].sort().join(", "),
    pricedAs: Object.fromEntries(Object.entries(pricedAs).sort()),
    leavesOut: LEAVES_OUT,
  };
}

export function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}

export const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The caveat line every cost output carries: an estimate, of what, and whose prices. */
export function costCaveat(estimate: Pick<CostEstimate, "pricesAsOf" | "pricedAs">): string {
  const borrowed = Object.entries(estimate.pricedAs);
  const byWhose = new Map<string, string[]>();
  for (const [region, whose] of borrowed) byWhose.set(whose, [...(byWhose.get(whose) ?? []), region]);
  const note = [...byWhose].map(([whose, regions]) => `${regions.join(", ")} priced at ${whose} list prices (own prices not retrieved)`);
  return [
    `ESTIMATE: on-demand list prices of ${estimate.pricesAsOf}, fixed floor only`,
    ...note,
    `leaves out ${LEAVES_OUT.join("; ")}`,
  ].join(". ");
}

/** The estimate as a text table for the plan report, clearly labelled an estimate. */
export function renderCostTable(estimate: CostEstimate): string {
  const header = ["region", "tier", "USD/month", "priced"];
  const body = estimate.rows.map((r) => [r.region, r.tier, usd(r.monthlyUsd), r.items.join(", ")]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ")}`.trimEnd();
  const lines = [
    `Estimated monthly cost (${costCaveat(estimate)}):`,
    line(header),
    ...body.map(line),
    `  total: ${usd(estimate.totalUsd)} per month`,
  ];
  if (estimate.unpriced.length > 0) lines.push(`  not priced: ${estimate.unpriced.join(", ")}`);
  return lines.join("\n");
}

/** The concise form: one line per region (the tiers are behind --verbose). */
export function renderCostSummary(estimate: CostEstimate): string {
  const perRegion = new Map<string, number>();
  for (const r of estimate.rows) perRegion.set(r.region, (perRegion.get(r.region) ?? 0) + r.monthlyUsd);
  const width = Math.max(6, ...[...perRegion.keys()].map((r) => r.length));
  const lines = [`Estimated monthly cost (${costCaveat(estimate)}):`];
  for (const [region, total] of perRegion) lines.push(`  ${region.padEnd(width)}  ${usd(round(total)).padStart(12)}`);
  lines.push(`  ${"total".padEnd(width)}  ${usd(estimate.totalUsd).padStart(12)} per month`);
  if (estimate.unpriced.length > 0) lines.push(`  not priced: ${estimate.unpriced.join(", ")}`);
  return lines.join("\n");
}

/** The estimate as a markdown table (plan report). */
export function renderCostMarkdown(estimate: CostEstimate): string {
  const lines = [
    `_${costCaveat(estimate)}._`,
    "",
    "| Region | Tier | USD/month | Priced |",
    "|---|---|---:|---|",
    ...estimate.rows.map((r) => `| ${r.region} | ${r.tier} | ${usd(r.monthlyUsd)} | ${r.items.join(", ")} |`),
    `| **Total** | | **${usd(estimate.totalUsd)}** | |`,
  ];
  if (estimate.unpriced.length > 0) lines.push("", `Not priced: ${estimate.unpriced.join(", ")}.`);
  return lines.join("\n");
}

/** One region and tier whose estimate a change moves. */
export interface CostDeltaRow {
  readonly region: string;
  readonly tier: string;
  readonly beforeUsd: number;
  readonly afterUsd: number;
  readonly deltaUsd: number;
}

/** The change in the monthly ESTIMATE between two plans (the diff's cost section, like infracost's comment). */
export interface CostDelta {
  readonly estimate: true;
  readonly rows: readonly CostDeltaRow[];
  readonly beforeUsd: number;
  readonly afterUsd: number;
  readonly deltaUsd: number;
  readonly pricesAsOf: string;
  readonly pricedAs: Readonly<Record<string, string>>;
  readonly leavesOut: readonly string[];
  /** Newly unpriced items (in the change, never silently zero). */
  readonly unpriced: readonly string[];
}

export function costDelta(before: CostEstimate, after: CostEstimate): CostDelta {
  const key = (r: CostRow) => `${r.region}\u0000${r.tier}`;
  const was = new Map(before.rows.map((r) => [key(r), r]));
  const now = new Map(after.rows.map((r) => [key(r), r]));
  const rows: CostDeltaRow[] = [];
  for (const k of new Set([...was.keys(), ...now.keys()])) {
    const [a, b] = [was.get(k), now.get(k)];
    const [beforeUsd, afterUsd] = [a?.monthlyUsd ?? 0, b?.monthlyUsd ?? 0];
    if (beforeUsd === afterUsd) continue;
    const { region, tier } = (b ?? a) as CostRow;
    rows.push({ region, tier, beforeUsd, afterUsd, deltaUsd: round(afterUsd - beforeUsd) });
  }
  rows.sort((x, y) => x.region.localeCompare(y.region) || x.tier.localeCompare(y.tier));
  const known = new Set(before.unpriced);
  return {
    estimate: true,
    rows,
    beforeUsd: before.totalUsd,
    afterUsd: after.totalUsd,
    deltaUsd: round(after.totalUsd - before.totalUsd),
    pricesAsOf: [...new Set([before.pricesAsOf, after.pricesAsOf].flatMap((d) => d.split(", ")).filter(Boolean))].sort().join(", "),
    pricedAs: { ...before.pricedAs, ...after.pricedAs },
    leavesOut: LEAVES_OUT,
    unpriced: after.unpriced.filter((u) => !known.has(u)),
  };
}

const signed = (n: number) => `${n < 0 ? "-" : "+"}${usd(Math.abs(n))}`;

/** The cost delta as text lines (diff report). */
export function renderCostDeltaText(delta: CostDelta): string {
  const lines = [`Monthly cost change (${costCaveat(delta)}):`];
  if (delta.rows.length === 0) lines.push("  no change to the estimate");
  const body = delta.rows.map((r) => [r.region, r.tier, usd(r.beforeUsd), usd(r.afterUsd), signed(r.deltaUsd)]);
  const header = ["region", "tier", "before", "after", "change"];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ")}`;
  if (body.length > 0) lines.push(line(header), ...body.map(line));
  lines.push(`  total: ${usd(delta.beforeUsd)} -> ${usd(delta.afterUsd)} per month (${signed(delta.deltaUsd)})`);
  if (delta.unpriced.length > 0) lines.push(`  newly not priced: ${delta.unpriced.join(", ")}`);
  return lines.join("\n");
}

/** The cost delta as markdown (pull-request comment). */
export function renderCostDeltaMarkdown(delta: CostDelta): string {
  const lines = [
    `### Monthly cost: ${usd(delta.beforeUsd)} → ${usd(delta.afterUsd)} (**${signed(delta.deltaUsd)}**)`,
    "",
    `_${costCaveat(delta)}._`,
  ];
  if (delta.rows.length > 0) {
    lines.push("", "| Region | Tier | Before | After | Change |", "|---|---|---:|---:|---:|");
    for (const r of delta.rows)
      lines.push(`| ${r.region} | ${r.tier} | ${usd(r.beforeUsd)} | ${usd(r.afterUsd)} | ${signed(r.deltaUsd)} |`);
  }
  if (delta.unpriced.length > 0) lines.push("", `Newly not priced: ${delta.unpriced.join(", ")}.`);
  return lines.join("\n");
}
