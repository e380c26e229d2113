/**
 * The order in which the engine creates a plan's resources, as one graph that the deploy checks
 * and the deploy-time estimate both walk.
 *
 * The Node SDK sends a resource's registration only once everything it waits for has finished
 * (pulumi/pulumi sdk/nodejs/runtime/resource.ts, `prepareResource`):
 * - its explicit (`dependsOn`) and input dependencies, where a dependency on a component stands
 *   for all of the component's children, transitively (`getAllTransitivelyReferencedResourceURNs`
 *   in sdk/nodejs/runtime/dependsOn.ts waits for the component's construction to finish);
 * - its provider (`ProviderResource.register` awaits the provider's URN and id);
 * - its parent's URN. A custom parent's URN resolves once it is created; a component's as soon as
 *   its own registration is sent, so a child waits for what its component parent waited for, and
 *   never for the component's other children.
 */
import { Plan, PlannedResource } from "../engine/model";
import { CreationOrder } from "./types";

/** What a resource waits for: another resource `created` (a component: all its children), or only `registered`. */
export interface Wait {
  readonly urn: string;
  readonly until: "created" | "registered";
}

export interface CreationGraph extends CreationOrder {
  readonly byUrn: ReadonlyMap<string, PlannedResource>;
  /** Direct children of a resource, in registration order. */
  children(urn: string): readonly PlannedResource[];
  /** What a resource waits for before the engine starts creating it (direct edges only). */
  waits(resource: PlannedResource): readonly Wait[];
  /** True when the resource is a component (local or remote ones are both "done" only with their children). */
  isComponent(resource: PlannedResource): boolean;
}

const EMPTY: ReadonlySet<string> = new Set();

export function creationGraph(plan: Plan): CreationGraph {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const childrenOf = new Map<string, PlannedResource[]>();
  for (const r of plan.resources) if (r.parent) childrenOf.set(r.parent, [...(childrenOf.get(r.parent) ?? []), r]);
  // A remote component (awsx) is created by its own provider, children included: what it
  // registered offline is all there is, so it counts as one resource that finishes when created.
  const isComponent = (r: PlannedResource) => !r.custom && !r.remote;

  const ancestorsOf = (r: PlannedResource): Set<string> => {
    const found = new Set<string>();
    for (let p = r.parent; p !== undefined && !found.has(p); p = byUrn.get(p)?.parent) found.add(p);
    return found;
  };

  const waitsCache = new Map<string, readonly Wait[]>();
  const waits = (r: PlannedResource): readonly Wait[] => {
    const known = waitsCache.get(r.urn);
    if (known) return known;
    const edges = new Map<string, Wait["until"]>();
    const ancestors = ancestorsOf(r);
    const add = (urn: string, until: Wait["until"]) => {
      if (urn === r.urn || !byUrn.has(urn)) return;
      // Waiting for an ancestor component to be complete would wait for this very resource:
      // the SDK excludes the resource itself, so only the ancestor's own registration counts.
      const effective = until === "created" && ancestors.has(urn) && isComponent(byUrn.get(urn)!) ? "registered" : until;
      if (edges.get(urn) !== "created") edges.set(urn, effective);
    };
    for (const urn of r.dependencies) add(urn, "created");
    for (const urns of Object.values(r.propertyDependencies)) for (const urn of urns) add(urn, "created");
    if (r.provider) add(r.provider, "created");
    if (r.parent) add(r.parent, isComponent(byUrn.get(r.parent) ?? r) ? "registered" : "created");
    const list = [...edges].map(([urn, until]) => ({ urn, until }));
    waitsCache.set(r.urn, list);
    return list;
  };

  // prerequisites(r): everything created before r starts; done(r): that plus r itself and, for a
  // component, all its children with their prerequisites.
  const prerequisitesCache = new Map<string, ReadonlySet<string>>();
  const doneCache = new Map<string, ReadonlySet<string>>();
  const inProgress = new Set<string>();

  const prerequisitesOf = (r: PlannedResource): ReadonlySet<string> => {
    const known = prerequisitesCache.get(r.urn);
    if (known) return known;
    if (inProgress.has(r.urn)) return EMPTY; // a cycle cannot exist in a plan the SDK could register
    inProgress.add(r.urn);
    const result = new Set<string>();
    for (const wait of waits(r)) {
      const dep = byUrn.get(wait.urn)!;
      for (const urn of wait.until === "created" ? doneOf(dep) : prerequisitesOf(dep)) result.add(urn);
    }
    inProgress.delete(r.urn);
    prerequisitesCache.set(r.urn, result);
    return result;
  };
  const doneOf = (r: PlannedResource): ReadonlySet<string> => {
    const known = doneCache.get(r.urn);
    if (known) return known;
    const result = new Set(prerequisitesOf(r));
    result.add(r.urn);
    if (isComponent(r)) for (const child of childrenOf.get(r.urn) ?? []) for (const urn of doneOf(child)) result.add(urn);
    doneCache.set(r.urn, result);
    return result;
  };

  const prerequisites = (urn: string): ReadonlySet<string> => {
    const r = byUrn.get(urn);
    if (!r) throw new Error(`no resource ${urn} in the plan`);
    return prerequisitesOf(r);
  };
  return {
    byUrn,
    children: (urn) => childrenOf.get(urn) ?? [],
    waits,
    isComponent,
    prerequisites,
    precedes: (before, after) => prerequisites(after).has(before),
  };
}
