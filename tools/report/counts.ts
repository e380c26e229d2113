/**
 * One count and one region attribution for every output (terminal, markdown, JSON, diff), so their
 * numbers agree. Every registered resource counts, as `pulumi preview` counts them ("N to create"):
 * what AWS or a plugin creates (custom resources, remote components), providers, and components
 * (the stack included). Each resource sits in one column: `global` for the edge services AWS runs
 * globally (CloudFront, Route 53, a CLOUDFRONT-scoped WAF) and for what belongs to no region;
 * otherwise its own region, or, for what has none (a Kubernetes provider, a component, a random
 * value), the region of what it depends on or hangs under (a cluster's provider goes with its cluster).
 */
import { Plan, PlannedResource, STACK_TYPE, isProviderType } from "../engine/model";
import { GLOBAL_ZONE, indexByUrn, isDeployed, isGlobal, zonesByRegion } from "./resources";

export const GLOBAL = "global";

export type ResourceKind = "deployed" | "provider" | "component";

export function kindOf(resource: PlannedResource): ResourceKind {
  if (isProviderType(resource.type)) return "provider";
  return isDeployed(resource) ? "deployed" : "component";
}

const attributions = new WeakMap<Plan, { byUrn: Map<string, PlannedResource>; cache: Map<string, string> }>();

/** The column a resource is reported under (see the file comment). */
export function attributedRegion(plan: Plan, resource: PlannedResource): string {
  let memo = attributions.get(plan);
  if (!memo) {
    memo = { byUrn: indexByUrn(plan), cache: new Map() };
    attributions.set(plan, memo);
  }
  const { byUrn, cache } = memo;
  const resolve = (r: PlannedResource, seen: Set<string>): string => {
    const known = cache.get(r.urn);
    if (known !== undefined) return known;
    if (seen.has(r.urn)) return GLOBAL;
    seen.add(r.urn);
    let region: string;
    if (r.type === STACK_TYPE || isGlobal(r)) region = GLOBAL;
    else if (r.region && r.type !== "pulumi:providers:kubernetes") region = r.region;
    else {
      // What it is built from (a cluster's provider from the cluster), else what it hangs under.
      const from = [...r.dependencies, ...(r.parent ? [r.parent] : [])]
        .map((urn) => byUrn.get(urn))
        .filter((d): d is PlannedResource => d !== undefined)
        .map((d) => resolve(d, seen));
      region = from.find((c) => c !== GLOBAL) ?? GLOBAL;
    }
    cache.set(r.urn, region);
    return region;
  };
  return resolve(resource, new Set());
}

export interface CountRow {
  /** A resource type, or `(providers)` / `(components)` for the summary rows. */
  readonly type: string;
  readonly kind: ResourceKind;
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
}

export interface PlanCounts {
  /** Every registered resource: what `pulumi preview` reports as "to create". */
  readonly total: number;
  readonly deployed: number;
  readonly providers: number;
  /** Components, the stack included. */
  readonly components: number;
  /** Regions in zone order, then `global`. */
  readonly columns: readonly string[];
  /** Deployed resources per type, then one row of providers and one of components. */
  readonly rows: readonly CountRow[];
  /** Every resource per column (sums to `total`). */
  readonly perColumn: Readonly<Record<string, number>>;
}

export function countPlan(plan: Plan): PlanCounts {
  const zones = zonesByRegion(plan);
  const byType = new Map<string, Record<string, number>>();
  const summary: Record<Exclude<ResourceKind, "deployed">, Record<string, number>> = { provider: {}, component: {} };
  const perColumn: Record<string, number> = {};
  const tally = { deployed: 0, provider: 0, component: 0 };
  for (const r of plan.resources) {
    const column = attributedRegion(plan, r);
    const kind = kindOf(r);
    tally[kind]++;
    const counts = kind === "deployed" ? (byType.get(r.type) ?? {}) : summary[kind];
    counts[column] = (counts[column] ?? 0) + 1;
    if (kind === "deployed") byType.set(r.type, counts);
    perColumn[column] = (perColumn[column] ?? 0) + 1;
  }
  const columns = Object.keys(perColumn)
    .filter((c) => c !== GLOBAL)
    .sort((a, b) => (zones.get(a) ?? "~").localeCompare(zones.get(b) ?? "~") || a.localeCompare(b));
  if (perColumn[GLOBAL] !== undefined) columns.push(GLOBAL);
  const row = (type: string, kind: ResourceKind, counts: Record<string, number>): CountRow => ({
    type,
    kind,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
  });
  const rows = [...byType.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([type, counts]) => row(type, "deployed", counts));
  if (tally.provider > 0) rows.push(row("(providers)", "provider", summary.provider));
  rows.push(row("(components)", "component", summary.component));
  return {
    total: plan.resources.length,
    deployed: tally.deployed,
    providers: tally.provider,
    components: tally.component,
    columns,
    rows,
    perColumn,
  };
}

/** The one summary line every output prints. */
export function countsHeadline(counts: PlanCounts, verb = "to create"): string {
  return `${counts.total} ${verb} (${counts.deployed} cloud resources, ${counts.providers} providers, ${counts.components} components)`;
}

/** Column header with its residency zone, e.g. `eu-west-1 (eu)`. */
export function columnLabel(plan: Plan, column: string): string {
  const zone = zonesByRegion(plan).get(column);
  return zone && zone !== GLOBAL_ZONE ? `${column} (${zone})` : column;
}
