import { CreationOrder, DeployCheckContext } from "../../tools/deploy-checks";
import { Plan } from "../../tools/engine/model";

/**
 * A creation order for checks' tests, built from the plan's dependency lists the way the engine
 * waits: explicit and input dependencies, transitively; a dependency on a component waits for all
 * its descendants. (The plan stage's own order is the deploy-checks stage's; this is a test double.)
 */
export function dependencyOrder(plan: Plan): CreationOrder {
  const children = new Map<string, string[]>();
  for (const r of plan.resources) if (r.parent !== undefined) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const memo = new Map<string, Set<string>>();
  const prerequisites = (urn: string): Set<string> => {
    const known = memo.get(urn);
    if (known !== undefined) return known;
    const result = new Set<string>();
    memo.set(urn, result);
    const visit = (dep: string) => {
      if (result.has(dep)) return;
      result.add(dep);
      for (const child of children.get(dep) ?? []) visit(child);
      for (const inner of byUrn.get(dep)?.dependencies ?? []) visit(inner);
    };
    for (const dep of byUrn.get(urn)?.dependencies ?? []) visit(dep);
    return result;
  };
  return { prerequisites, precedes: (before, after) => prerequisites(after).has(before) };
}

export function contextOf(plan: Plan): DeployCheckContext {
  return { plan, order: dependencyOrder(plan) };
}
