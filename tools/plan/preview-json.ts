import { Plan, PlannedResource } from "../engine/model";

/**
 * A document shaped like `pulumi preview --json`: `steps[]` with `op`, `urn`, `provider` and
 * `newState`, plus `changeSummary`, so tooling that reads the CLI's output reads ours. Secrets are
 * `Secret` values, which serialize as "[secret]" exactly as the CLI masks them.
 */
export function previewDocument(
  plan: Plan,
  config: Readonly<Record<string, string>>,
  secretKeys: readonly string[],
  extra: Record<string, unknown> = {},
) {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const providerRef = (resource: PlannedResource) => {
    if (!resource.provider) return undefined;
    const provider = byUrn.get(resource.provider);
    return provider?.id ? `${resource.provider}::${provider.id}` : `${resource.provider}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`;
  };
  const steps = plan.resources.map((resource) => ({
    op: "create",
    urn: resource.urn,
    provider: providerRef(resource),
    newState: {
      urn: resource.urn,
      custom: resource.custom,
      type: resource.type,
      id: resource.id,
      parent: resource.parent,
      provider: providerRef(resource),
      protect: resource.options.protect || undefined,
      retainOnDelete: resource.options.retainOnDelete || undefined,
      ignoreChanges: resource.options.ignoreChanges.length > 0 ? resource.options.ignoreChanges : undefined,
      additionalSecretOutputs: resource.options.additionalSecretOutputs.length > 0 ? resource.options.additionalSecretOutputs : undefined,
      inputs: resource.inputs,
      outputs: resource.outputs,
      dependencies: resource.dependencies,
      propertyDependencies: resource.propertyDependencies,
    },
    region: resource.region,
  }));
  const maskedConfig = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, secretKeys.includes(k) ? "[secret]" : v]));
  return {
    config: maskedConfig,
    steps,
    changeSummary: { create: steps.length },
    outputs: plan.outputs,
    offline: { engine: "pulumi mock runtime (tools/engine)", stack: plan.stack, project: plan.project, limitations: plan.limitations },
    ...extra,
  };
}
