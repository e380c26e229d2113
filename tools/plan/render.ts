import { Plan, PlannedResource } from "../engine/model";
import { countPlan, countsHeadline } from "../report/counts";

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

/** Resource counts per type (rows) and region (columns), as every output counts them (tools/report/counts.ts). */
export function renderCounts(plan: Plan): string {
  const { columns, rows, perColumn, total } = countPlan(plan);
  const typeWidth = Math.max(4, ...rows.map((r) => r.type.length));
  const colWidth = Math.max(6, ...columns.map((r) => r.length));
  const cells = (values: readonly (string | number)[]) => values.map((v) => String(v).padStart(colWidth)).join("  ");
  const header = `${"Type".padEnd(typeWidth)}  ${cells(columns)}  ${"total".padStart(5)}`;
  const body = rows.map(
    (row) => `${row.type.padEnd(typeWidth)}  ${cells(columns.map((c) => row.counts[c] ?? ""))}  ${String(row.total).padStart(5)}`,
  );
  const footer = `${"total".padEnd(typeWidth)}  ${cells(columns.map((c) => perColumn[c] ?? 0))}  ${String(total).padStart(5)}`;
  return [header, ...body, footer].join("\n");
}

/** One line per column: the concise form of the table (same counts). */
export function renderRegionTotals(plan: Plan): string {
  const { columns, perColumn, total } = countPlan(plan);
  const width = Math.max(5, ...columns.map((c) => c.length));
  return [
    ...columns.map((c) => `  ${c.padEnd(width)}  ${String(perColumn[c]).padStart(5)}`),
    `  ${"total".padEnd(width)}  ${String(total).padStart(5)}`,
  ].join("\n");
}

/** The summary line of `pulumi preview`, with the breakdown every output shares. */
export function renderSummary(plan: Plan): string {
  return `Resources:\n    + ${countsHeadline(countPlan(plan))}`;
}

/** Stack outputs, secrets masked (a `Secret` prints as [secret]). */
export function renderOutputs(outputs: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(outputs, null, 2)
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}
