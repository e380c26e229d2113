import { strict as assert } from "node:assert";
import { creationGraph } from "../../tools/deploy-checks/creation-order";
import { DEFAULT_OPTIONS, Plan, PlannedResource, engineUrn } from "../../tools/engine/model";

/** A tiny plan: `spec` entries in registration order; deps and refs name earlier entries. */
function planOf(
  specs: readonly { name: string; custom?: boolean; parent?: string; deps?: string[]; refs?: string[]; provider?: string; type?: string }[],
): Plan {
  const urns = new Map<string, string>();
  const resources: PlannedResource[] = specs.map((s) => {
    const parent = s.parent === undefined ? undefined : urns.get(s.parent);
    const type = s.type ?? (s.custom === false ? "test:index:Component" : "test:index:Thing");
    const urn = engineUrn("t", "p", parent, type, s.name);
    urns.set(s.name, urn);
    return {
      urn,
      type,
      name: s.name,
      custom: s.custom ?? true,
      remote: false,
      parent,
      provider: s.provider === undefined ? undefined : urns.get(s.provider),
      inputs: {},
      outputs: {},
      dependencies: (s.deps ?? []).map((d) => urns.get(d)!),
      propertyDependencies: { input: (s.refs ?? []).map((d) => urns.get(d)!) },
      options: DEFAULT_OPTIONS,
    };
  });
  return { project: "p", stack: "t", stackFile: "Pulumi.t.yaml", config: {}, secretKeys: [], resources, outputs: {}, limitations: [] };
}

const names = (plan: Plan, urns: ReadonlySet<string>) =>
  plan.resources
    .filter((r) => urns.has(r.urn))
    .map((r) => r.name)
    .sort();

describe("deploy checks: creation order", () => {
  it("waits for explicit and input dependencies, transitively", () => {
    const plan = planOf([{ name: "a" }, { name: "b", refs: ["a"] }, { name: "c", deps: ["b"] }, { name: "d" }]);
    const order = creationGraph(plan);
    assert.deepEqual(names(plan, order.prerequisites(plan.resources[2].urn)), ["a", "b"]);
    assert.ok(order.precedes(plan.resources[0].urn, plan.resources[2].urn));
    assert.ok(!order.precedes(plan.resources[3].urn, plan.resources[2].urn), "an unrelated resource is not waited for");
  });

  it("a dependency on a component waits for all its children, nested ones included", () => {
    const plan = planOf([
      { name: "comp", custom: false },
      { name: "child", parent: "comp" },
      { name: "inner", custom: false, parent: "comp" },
      { name: "grandchild", parent: "inner" },
      { name: "user", deps: ["comp"] },
    ]);
    const order = creationGraph(plan);
    assert.deepEqual(names(plan, order.prerequisites(plan.resources[4].urn)), ["child", "comp", "grandchild", "inner"]);
  });

  it("a component parent is not waited for (its other children are not), but what it waits for is", () => {
    const plan = planOf([
      { name: "before" },
      { name: "comp", custom: false, deps: ["before"] },
      { name: "sibling", parent: "comp" },
      { name: "child", parent: "comp" },
    ]);
    const order = creationGraph(plan);
    assert.deepEqual(names(plan, order.prerequisites(plan.resources[3].urn)), ["before"]);
  });

  it("a custom parent and the provider are waited for", () => {
    const plan = planOf([
      { name: "cluster" },
      { name: "provider", type: "pulumi:providers:kubernetes", refs: ["cluster"] },
      { name: "parent" },
      { name: "child", parent: "parent", provider: "provider" },
    ]);
    const order = creationGraph(plan);
    assert.deepEqual(names(plan, order.prerequisites(plan.resources[3].urn)), ["cluster", "parent", "provider"]);
  });

  it("a child depending on its own ancestor component waits only for the ancestor's registration", () => {
    const plan = planOf([
      { name: "before" },
      { name: "comp", custom: false, deps: ["before"] },
      { name: "child", parent: "comp", deps: ["comp"] },
    ]);
    assert.deepEqual(names(plan, creationGraph(plan).prerequisites(plan.resources[2].urn)), ["before"]);
  });
});
