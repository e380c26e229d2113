/**
 * The arguments CrossGuard's analyzer gives policies, built from an offline plan the way
 * @pulumi/policy's server builds them from the engine's requests: `props` with secrets unwrapped
 * behind a proxy that throws on values unknown until deployment, the provider's inputs, options,
 * and for stack policies outputs plus parent and dependency links as resource objects.
 */
import type { PolicyProviderResource, PolicyResource, PolicyResourceOptions, ResourceValidationArgs } from "@pulumi/policy";
import { Plan, PlannedResource, isProviderType } from "../engine/model";
import { Unknown, reveal } from "../engine/values";

/** Thrown when a policy reads a value only a deployment would know (the analyzer's UnknownValueError). */
export class UnknownValueError extends Error {
  constructor(public readonly path: readonly PropertyKey[]) {
    super(`value at .${path.map(String).join(".")} can't be known during preview`);
    this.name = "UnknownValueError";
  }
}

/** Thrown by `notApplicable()`. */
export class NotApplicableError extends Error {
  constructor(public readonly reason?: string) {
    super(reason ?? "Policy does not apply");
    this.name = "NotApplicableError";
  }
}

/** Wraps plain values so that reading an unknown one throws, as @pulumi/policy's proxy does. */
export function unknownCheckingProxy<T>(value: T, path: readonly PropertyKey[] = []): T {
  if (value === null || typeof value !== "object") return value;
  return new Proxy(value as object, {
    get(target, prop) {
      const field = (target as Record<PropertyKey, unknown>)[prop];
      if (field instanceof Unknown) throw new UnknownValueError([...path, prop]);
      const descriptor = Object.getOwnPropertyDescriptor(target, prop);
      // V8's proxy invariant: non-configurable, non-writable data properties must be returned as is.
      if (descriptor && "value" in descriptor && descriptor.configurable === false && descriptor.writable === false) return field;
      return unknownCheckingProxy(field, [...path, prop]);
    },
  }) as T;
}

type TypedClass = { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean };

/** The analyzer's type test: the class's `__pulumiType`, else its `isInstance`. */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
  const cls = resourceClass as TypedClass;
  if (typeof cls.__pulumiType === "string" && cls.__pulumiType !== "") return cls.__pulumiType === type;
  return typeof cls.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

function optionsOf(resource: PlannedResource): PolicyResourceOptions {
  const opts: PolicyResourceOptions = {
    protect: resource.options.protect,
    ignoreChanges: [...resource.options.ignoreChanges],
    aliases: [...resource.options.aliases],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [...resource.options.additionalSecretOutputs],
  };
  if (resource.options.deleteBeforeReplace) opts.deleteBeforeReplace = true;
  if (resource.parent !== undefined) opts.parent = resource.parent;
  return opts;
}

/**
 * The provider the analyzer would name for a custom resource: the registered provider resource,
 * or for a default provider (never registered by the program) one built from the stack's config
 * for that package, which is what the engine configures it with.
 */
function providerOf(
  plan: Plan,
  resource: PlannedResource,
  byUrn: ReadonlyMap<string, PlannedResource>,
): PolicyProviderResource | undefined {
  if (!resource.custom || resource.provider === undefined || isProviderType(resource.type)) return undefined;
  const registered = byUrn.get(resource.provider);
  if (registered !== undefined) {
    return {
      type: registered.type,
      props: unknownCheckingProxy(reveal(registered.inputs) as Record<string, any>),
      urn: registered.urn,
      name: registered.name,
    };
  }
  const pkg = resource.type.split(":")[0];
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plan.config ?? {})) {
    if (key.startsWith(`${pkg}:`)) props[key.slice(pkg.length + 1)] = value;
  }
  return { type: `pulumi:providers:${pkg}`, props, urn: resource.provider, name: resource.provider.split("::").pop() ?? "default" };
}

export type ResourceArgsBase = Omit<ResourceValidationArgs, "getConfig">;

export class PlanView {
  private readonly byUrn: Map<string, PlannedResource>;
  public readonly stackTags: ReadonlyMap<string, string>;

  constructor(public readonly plan: Plan) {
    this.byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    this.stackTags = new Map([
      ["pulumi:project", plan.project],
      ["pulumi:runtime", "nodejs"],
    ]);
  }

  /** What `validateResource` receives for one resource (inputs as the program set them). */
  resourceArgs(resource: PlannedResource): ResourceArgsBase {
    const props = unknownCheckingProxy(reveal(resource.inputs) as Record<string, any>);
    const args: ResourceArgsBase = {
      type: resource.type,
      props,
      urn: resource.urn,
      name: resource.name,
      opts: optionsOf(resource),
      stackTags: this.stackTags,
      isType: (cls) => isTypeOf(resource.type, cls),
      asType: ((cls: unknown) => (isTypeOf(resource.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
      notApplicable: (reason?: string) => {
        throw new NotApplicableError(reason);
      },
    };
    const provider = providerOf(this.plan, resource, this.byUrn);
    if (provider !== undefined) args.provider = provider;
    return args;
  }

  /**
   * What `validateStack` receives: every resource with its outputs. A custom resource's outputs
   * include its inputs (providers echo them); offline a remote component stands in for children
   * only a real preview shows, so its inputs are included too.
   */
  stackResources(): PolicyResource[] {
    const objects = new Map<string, PolicyResource>();
    for (const r of this.plan.resources) {
      const values =
        r.custom || r.remote ? { ...(reveal(r.inputs) as object), ...(reveal(r.outputs) as object) } : (reveal(r.outputs) as object);
      const props = unknownCheckingProxy(values as Record<string, any>);
      const resource: PolicyResource = {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: optionsOf(r),
        dependencies: [],
        propertyDependencies: {},
        isType: (cls) => isTypeOf(r.type, cls),
        asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
      };
      const provider = providerOf(this.plan, r, this.byUrn);
      if (provider !== undefined) resource.provider = provider;
      objects.set(r.urn, resource);
    }
    for (const r of this.plan.resources) {
      const resource = objects.get(r.urn) as PolicyResource;
      const link = (urns: readonly string[]) => urns.map((u) => objects.get(u)).filter((x): x is PolicyResource => x !== undefined);
      if (r.parent !== undefined && objects.has(r.parent)) resource.parent = objects.get(r.parent);
      resource.dependencies = link(r.dependencies);
      for (const [key, urns] of Object.entries(r.propertyDependencies)) resource.propertyDependencies[key] = link(urns);
    }
    return [...objects.values()];
  }
}
