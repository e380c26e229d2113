/**
 * Applies a type's input rules to one resource, and reports every refusal of a plan at once, the
 * way AWS or the provider would refuse them at Check or Create time.
 */
import { TypeEntry, ValidationContext, isNone } from "./types";

/** One input AWS (or the provider) would refuse. */
export interface Refusal {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly region: string;
  readonly property: string;
  /** What is wrong with this resource's value. */
  readonly problem: string;
  /** AWS's rule in words. */
  readonly rule: string;
  readonly sources: readonly string[];
}

export function refusalsOf(entry: TypeEntry | undefined, ctx: ValidationContext): Refusal[] {
  if (entry === undefined || isNone(entry.validation)) return [];
  const refusals: Refusal[] = [];
  for (const rule of entry.validation) {
    const found = rule.check(ctx);
    const problems = found === undefined ? [] : typeof found === "string" ? [found] : found;
    for (const problem of problems) {
      refusals.push({
        urn: ctx.urn,
        type: ctx.type,
        name: ctx.name,
        region: ctx.region,
        property: rule.property,
        problem,
        rule: rule.rule,
        sources: rule.sources,
      });
    }
  }
  return refusals;
}

/** The plan declares inputs AWS would refuse: `pulumi up` would fail on each of them. */
export class RefusedInputsError extends Error {
  constructor(public readonly refusals: readonly Refusal[]) {
    super(
      [
        `AWS would refuse ${refusals.length} input(s) of this plan (the offline mocks apply the provider's and AWS's own rules):`,
        ...refusals.map(
          (r) =>
            `  ${r.type} ${r.name} (${r.region}): ${r.property}: ${r.problem}\n      rule: ${r.rule}\n      source: ${r.sources.join(" ")}`,
        ),
      ].join("\n"),
    );
    this.name = "RefusedInputs";
  }
}
