/**
 * Helpers for deploy-check tests: run one check over a plan, and plant a defect in a copy of a
 * committed plan (the real program's resources, changed where the test says).
 */
import { Plan, PlannedResource } from "../../tools/engine/model";
import { creationGraph } from "../../tools/deploy-checks/creation-order";
import { DeployCheck, DeployFinding } from "../../tools/deploy-checks/types";

export function findings(check: DeployCheck, plan: Plan): readonly DeployFinding[] {
  return check.run({ plan, order: creationGraph(plan) });
}

/** The single resource of a plan whose name and type match (fails loudly otherwise). */
export function named(plan: Plan, name: string, type?: string): PlannedResource {
  const found = plan.resources.filter((r) => r.name === name && (type === undefined || r.type === type));
  if (found.length !== 1) throw new Error(`expected one resource named ${name}${type ? ` of type ${type}` : ""}, found ${found.length}`);
  return found[0];
}

/** A copy of `plan` with the resource `urn` replaced by `change(resource)`. */
export function withResource(plan: Plan, urn: string, change: (r: PlannedResource) => PlannedResource): Plan {
  let seen = false;
  const resources = plan.resources.map((r) => {
    if (r.urn !== urn) return r;
    seen = true;
    return change(r);
  });
  if (!seen) throw new Error(`no resource ${urn}`);
  return { ...plan, resources };
}

/** A copy of `plan` where `r` no longer waits for `target` (neither explicitly nor through an input). */
export function withoutDependency(plan: Plan, urn: string, target: string): Plan {
  return withResource(plan, urn, (r) => ({
    ...r,
    dependencies: r.dependencies.filter((d) => d !== target),
    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.filter((d) => d !== target)])),
  }));
}

/** A copy of `plan` where `r` additionally waits for `target` (as `dependsOn` would). */
export function withDependency(plan: Plan, urn: string, target: string): Plan {
  return withResource(plan, urn, (r) => ({ ...r, dependencies: [...r.dependencies, target] }));
}

/** A copy of `plan` with `change` applied to the inputs of `urn` (a deep copy is passed in). */
export function withInputs(plan: Plan, urn: string, change: (inputs: Record<string, any>) => void): Plan {
  return withResource(plan, urn, (r) => {
    const inputs = copy(r.inputs) as Record<string, any>;
    change(inputs);
    return { ...r, inputs };
  });
}

/** Copies arrays and plain objects; class instances (Secret, ResourceRef) are kept as they are. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  }
  return value;
}
