/**
 * Checks of the catalogue itself: a type the plans declare but the catalogue lacks, and facts
 * without sources. Used by the tests; pure functions over entries and plans.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Plan, STACK_TYPE } from "../engine/model";
import { CATALOGUE } from "./index";
import { TypeEntry, isNone } from "./types";

/** Custom resources and remote components of a plan whose type has no catalogue entry with a mock. */
export function uncataloguedTypes(plan: Plan, catalogue: Readonly<Record<string, TypeEntry>> = CATALOGUE): string[] {
  const types = new Set(plan.resources.filter((r) => (r.custom || r.remote) && r.type !== STACK_TYPE).map((r) => r.type));
  return [...types].filter((t) => catalogue[t] === undefined || isNone(catalogue[t].mock)).sort();
}

/** A source is a web address or a file of this repository (a policy the entry points at). */
function isSource(source: string, repo: string): boolean {
  if (/^https:\/\/\S+$/.test(source.split(/[ ;]/)[0])) return true;
  return fs.existsSync(path.join(repo, source));
}

/** Every fact of an entry without a source (or an explicit "none" without a reason), as `type: facet`. */
export function factsWithoutSources(entries: readonly TypeEntry[], repo: string): string[] {
  const missing: string[] = [];
  const need = (type: string, facet: string, sources: readonly string[]) => {
    if (sources.length === 0 || sources.some((s) => !isSource(s, repo))) missing.push(`${type}: ${facet}`);
  };
  for (const e of entries) {
    if (isNone(e.mock)) {
      if (e.mock.none.trim() === "") missing.push(`${e.type}: mock`);
    } else need(e.type, "mock", e.mockSources);
    need(e.type, "creation", [e.creation.source]);
    for (const [facet, value] of [
      ["price", e.price],
      ["replacement", e.replacement],
      ["data", e.data],
      ["validation", e.validation],
    ] as const) {
      if (isNone(value)) {
        if (value.none.trim() === "") missing.push(`${e.type}: ${facet}`);
      } else if (Array.isArray(value)) {
        value.forEach((rule, i) =>
          rule.rule.trim() === ""
            ? missing.push(`${e.type}: validation[${i}]`)
            : need(e.type, `validation[${i}] ${rule.property}`, rule.sources),
        );
      } else need(e.type, facet, (value as { sources: readonly string[] }).sources);
    }
  }
  return missing;
}

/** Types the catalogue marks protected in prod, for comparison with the pack's own list. */
export function protectedInProd(entries: readonly TypeEntry[]): string[] {
  return entries
    .filter((e) => !isNone(e.data) && e.data.protectedInProd)
    .map((e) => e.type)
    .sort();
}
