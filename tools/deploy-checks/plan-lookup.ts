import { Plan, PlannedResource } from "../engine/model";
import { reveal } from "../engine/values";

/** Inputs of a planned resource with secrets unwrapped (checks read values, never print secrets). */
export function inputsOf(resource: PlannedResource): Record<string, any> {
  return reveal(resource.inputs) as Record<string, any>;
}

export function outputsOf(resource: PlannedResource): Record<string, any> {
  return reveal(resource.outputs) as Record<string, any>;
}

/** The nearest ancestor of a resource (itself excluded) whose type is `type`. */
export function ancestorOfType(plan: Plan, resource: PlannedResource, type: string): PlannedResource | undefined {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  let parent = resource.parent === undefined ? undefined : byUrn.get(resource.parent);
  while (parent !== undefined && parent.type !== type) parent = parent.parent === undefined ? undefined : byUrn.get(parent.parent);
  return parent;
}

/** The index of a region in the stack's `platform:regions`, for naming config key paths. */
export function regionIndex(plan: Plan, region: string | undefined): number | undefined {
  const text = plan.config[`${plan.project}:regions`];
  if (text === undefined || region === undefined) return undefined;
  try {
    const regions = JSON.parse(text) as { region?: string }[];
    const index = regions.findIndex((r) => r.region === region);
    return index < 0 ? undefined : index;
  } catch {
    return undefined;
  }
}

/** `platform:regions[<i>].<path>` for a region of the plan, or `platform:regionDefaults.<path>` when the region is unknown. */
export function regionKey(plan: Plan, region: string | undefined, path: string): string {
  const index = regionIndex(plan, region);
  return index === undefined ? `${plan.project}:regionDefaults.${path}` : `${plan.project}:regions[${index}].${path}`;
}
