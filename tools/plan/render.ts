import { Plan, PlannedResource, STACK_TYPE, isProviderType } from "../engine/model";

/** A `pulumi preview`-like tree: each resource under its parent, with its region. */
export function renderTree(plan: Plan): string {
  const children = new Map<string | undefined, PlannedResource[]>();
  for (const resource of plan.resources) {
    const list = children.get(resource.parent) ?? [];
    list.push(resource);
    children.set(resource.parent, list);
  }
  const rows: [string, string, string, string][] = [];
  const walk = (resource: PlannedResource, prefix: string, last: boolean, root: boolean) => {
    const branch = root ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
    const marks = [resource.options.protect ? "protected" : "", resource.remote ? "remote component" : ""].filter(Boolean).join(", ");
    rows.push([` + ${branch}${resource.type}`, resource.name, resource.region ?? "", marks]);
    const kids = children.get(resource.urn) ?? [];
    const nextPrefix = root ? "" : `${prefix}${last ? "   " : "│  "}`;
    kids.forEach((kid, i) => walk(kid, nextPrefix, i === kids.length - 1, false));
  };
  for (const root of children.get(undefined) ?? []) walk(root, "", true, true);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ["     Type", "Name", "Region"][i].length));
  const line = (r: string[]) => `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`.trimEnd();
  return [line(["     Type", "Name", "Region", "Notes"]), ...rows.map(line)].join("\n");
}

/** Resource counts per type (rows) and region (columns); custom resources and remote components only. */
export function countsByTypeAndRegion(plan: Plan): {
  regions: string[];
  rows: { type: string; counts: Record<string, number>; total: number }[];
} {
  const counted = plan.resources.filter((r) => (r.custom || r.remote) && r.type !== STACK_TYPE);
  const regions = [...new Set(counted.map((r) => r.region ?? "global"))].sort();
  const byType = new Map<string, Record<string, number>>();
  for (const resource of counted) {
    const row = byType.get(resource.type) ?? {};
    const region = resource.region ?? "global";
    row[region] = (row[region] ?? 0) + 1;
    byType.set(resource.type, row);
  }
  const rows = [...byType.entries()]
    .map(([type, counts]) => ({ type, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }))
    .sort((a, b) => a.type.localeCompare(b.type));
  return { regions, rows };
}

export function renderCounts(plan: Plan): string {
  const { regions, rows } = countsByTypeAndRegion(plan);
  const typeWidth = Math.max(4, ...rows.map((r) => r.type.length));
  const colWidth = Math.max(6, ...regions.map((r) => r.length));
  const header = `${"Type".padEnd(typeWidth)}  ${regions.map((r) => r.padStart(colWidth)).join("  ")}  ${"total".padStart(5)}`;
  const body = rows.map(
    (row) =>
      `${row.type.padEnd(typeWidth)}  ${regions.map((r) => String(row.counts[r] ?? "").padStart(colWidth)).join("  ")}  ${String(row.total).padStart(5)}`,
  );
  const totals = regions.map((r) => rows.reduce((sum, row) => sum + (row.counts[r] ?? 0), 0));
  const footer = `${"total".padEnd(typeWidth)}  ${totals.map((t) => String(t).padStart(colWidth)).join("  ")}  ${String(totals.reduce((a, b) => a + b, 0)).padStart(5)}`;
  return [header, ...body, footer].join("\n");
}

/** The summary line of `pulumi preview`. */
export function renderSummary(plan: Plan): string {
  const providers = plan.resources.filter((r) => isProviderType(r.type)).length;
  return `Resources:\n    + ${plan.resources.length} to create (${providers} providers, ${plan.resources.filter((r) => !r.custom).length} components)`;
}

/** Stack outputs, secrets masked (a `Secret` prints as [secret]). */
export function renderOutputs(outputs: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(outputs, null, 2)
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}
