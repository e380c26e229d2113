import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { defaultProviderDenied, deniedDefaultProviders } from "./default-providers";
import { OFFLINE_ACCOUNT_ID } from "./ids";
import { entryOf } from "../catalogue";
import { HELM_RELEASE } from "../catalogue/other/kubernetes";
import { RegisteredResource } from "../catalogue/types";
import { Refusal, RefusedInputsError, refusalsOf } from "../catalogue/validate";
import { INVOKE_MOCKS, RESOURCE_MOCKS } from "./mocks";
import { Plan, PlannedResource, STACK_TYPE, engineUrn, isProviderType } from "./model";
import { LoadedStack, loadStack } from "./stack-files";
import { ResourceRef, Secret, fromWire, reveal } from "./values";

/** The program the Pulumi CLI runs, compiled next to this engine (build/index.js). */
const PROGRAM = path.resolve(__dirname, "../../index.js");

export interface PlanOptions {
  /** Directory holding Pulumi.yaml and the stack files. */
  readonly dir: string;
  readonly stack: string;
  /** Account id used in ARNs (default: AWS's documentation account). */
  readonly account?: string;
}

/** A program failure that is not bad config: a bug, or a mock the program needs but lacks. */
export class ProgramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramError";
  }

  /** The SDK rethrows a failed invoke as `new Error(err.details)`, the gRPC error's text. */
  get details(): string {
    return this.message;
  }
}

/**
 * A failing program rejects several SDK promises (the stack's outputs, its registration...), some
 * a tick after the run has returned. One process-wide listener routes them to the running plan,
 * and drops late echoes of a failure already reported.
 */
let rejectionSink: ((reason: unknown) => void) | undefined;
const settledFailures = new WeakSet<object>();
process.on("unhandledRejection", (reason: unknown) => {
  if (rejectionSink) rejectionSink(reason);
  else if (!(reason instanceof Object && settledFailures.has(reason))) {
    process.stderr.write(`error: unhandled rejection outside a plan: ${reason instanceof Error ? reason.message : String(reason)}\n`);
    process.exitCode = 1;
  }
});

/** The wire-level request the SDK sends for each resource (subset we read). */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getRemote(): boolean;
  getProvider(): string;
  getProvidersMap(): { get(key: string): string | undefined };
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void };
  getProtect(): boolean;
  getIgnorechangesList(): string[];
  getDeletebeforereplace(): boolean;
  getReplaceonchangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getRetainondelete(): boolean;
  getAliasurnsList(): string[];
  getAliasesList(): {
    getUrn(): string;
    getSpec():
      | { getName(): string; getType(): string; getStack(): string; getProject(): string; getParenturn(): string; getNoparent(): boolean }
      | undefined;
  }[];
  getVersion(): string;
}

const unique = (values: string[]): string[] => [...new Set(values)];

interface Pending {
  readonly request: RegisterRequest;
  /** Inputs converted once from the wire (secrets wrapped, resource references as engine URNs). */
  readonly inputs: Record<string, unknown>;
  readonly urn: string;
  readonly region?: string;
  readonly provider?: string;
  /** The provider reference the SDK sent (`<mock urn>::<id>`), for its default tags. */
  readonly providerRef?: string;
  outputs?: Record<string, unknown>;
  id?: string;
}

/**
 * Evaluates the real program (the compiled index.ts) under the SDK's mock runtime for one stack
 * and returns every resource it registered. Throws ConfigError / StackFileError for bad input,
 * ProgramError for anything else the program did wrong.
 */
export async function planStack(options: PlanOptions): Promise<Plan> {
  const loaded = loadStack(options.dir, options.stack);
  return planLoadedStack(loaded, options.account ?? OFFLINE_ACCOUNT_ID);
}

/**
 * Plans an already loaded stack. `program` defaults to the real program; the benchmark passes a
 * floor program that registers bare resources under the very same mocks.
 */
export async function planLoadedStack(
  loaded: LoadedStack,
  account: string,
  program?: () => Promise<Record<string, unknown>>,
): Promise<Plan> {
  const { project, stack } = loaded;
  const defaultRegion = loaded.config["aws:region"];
  const denied = deniedDefaultProviders(loaded.config);

  // Mock URN -> engine URN, provider reference -> region / engine URN.
  const engineUrns = new Map<string, string>();
  const providerRegions = new Map<string, string | undefined>();
  const providerTags = new Map<string, Record<string, string>>();
  const refusals: Refusal[] = [];
  /** Custom resources registered so far, by type, as input rules read them (secrets revealed once). */
  const registeredByType = new Map<string, RegisteredResource[]>();
  const providerUrns = new Map<string, string>();
  const resources = new Map<string, PlannedResource>();
  let pending: Pending | undefined;
  let stackOutputs: Record<string, unknown> = {};

  const toEngineUrn = (mockUrn: string) => engineUrns.get(mockUrn) ?? mockUrn;
  const regionOfProviderRef = (ref: string | undefined, type: string): string | undefined => {
    if (ref) return providerRegions.get(ref);
    return type.startsWith("aws:") ? defaultRegion : undefined;
  };

  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      const current = pending;
      pending = undefined;
      if (!current || current.request.getType() !== args.type || current.request.getName() !== args.name) {
        throw new ProgramError(`offline engine lost track of ${args.type} ${args.name}`);
      }
      const inputs = reveal(current.inputs) as Record<string, unknown>;
      const custom = current.request.getCustom();
      const remote = current.request.getRemote();
      if (!custom && !remote) return { id: undefined, state: {} };
      const handler = RESOURCE_MOCKS[args.type];
      if (!handler) {
        throw new ProgramError(`no offline mock for resource type ${args.type} (${current.urn}); add one under tools/engine/mocks`);
      }
      const ownRegion = typeof inputs.region === "string" ? inputs.region : undefined;
      const region = ownRegion ?? current.region ?? "us-east-1";
      const result = handler({ type: args.type, name: args.name, urn: current.urn, region, account, inputs });
      current.id = result.id ?? (custom ? `${args.name}-${current.urn.length.toString(16)}` : undefined);
      current.outputs = { ...(result.outputs ?? {}) };
      // What AWS or the provider would refuse: collected, so one run names every refusal.
      refusals.push(
        ...refusalsOf(entryOf(args.type), {
          type: args.type,
          name: args.name,
          urn: current.urn,
          region,
          account,
          inputs,
          outputs: { ...inputs, ...current.outputs },
          defaultTags: (current.providerRef && providerTags.get(current.providerRef)) || {},
          registered: (type) => registeredByType.get(type) ?? [],
        }),
      );
      return { id: current.id, state: { ...args.inputs, ...result.outputs } };
    },
    call(args) {
      const pkg = args.token.split(":")[0];
      if (!args.provider && denied(pkg)) throw new ProgramError(defaultProviderDenied(pkg, args.token));
      const handler = INVOKE_MOCKS[args.token];
      if (!handler) throw new ProgramError(`no offline mock for invoke ${args.token}; add one under tools/engine/mocks`);
      const region = (args.inputs.region as string | undefined) ?? regionOfProviderRef(args.provider, args.token) ?? "us-east-1";
      return handler({ token: args.token, inputs: reveal(args.inputs) as Record<string, unknown>, region, account });
    },
  };

  pulumi.runtime.setAllConfig({ ...loaded.config }, [...loaded.secretKeys]);
  await pulumi.runtime.setMocks(mocks, project, stack, false);

  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, cb: (err: unknown, resp: { getUrn(): string; getId(): string }) => void): void;
    registerResourceOutputs(
      req: { getUrn(): string; getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined },
      cb: (err: unknown, resp: unknown) => void,
    ): void;
  };
  const originalRegister = monitor.registerResource.bind(monitor);
  const originalOutputs = monitor.registerResourceOutputs.bind(monitor);

  monitor.registerResource = (request, callback) => {
    const type = request.getType();
    const parentMock = request.getParent();
    const parent = parentMock ? toEngineUrn(parentMock) : undefined;
    const urn = engineUrn(stack, project, parent, type, request.getName());
    const pkg = type.split(":")[0];
    const custom = request.getCustom();
    // The engine resolves a missing provider to the package's default one, which the stack may deny.
    const usesDefault = (custom && !isProviderType(type)) || request.getRemote();
    if (usesDefault && !request.getProvider() && !request.getProvidersMap().get(pkg) && denied(pkg)) {
      rejectionSink?.(new ProgramError(defaultProviderDenied(pkg, urn)));
    }
    // Custom resources name their provider; components (remote ones such as awsx included) only
    // carry the providers map they pass down, whose AWS entry decides their region.
    const providerRef = custom ? request.getProvider() || undefined : request.getProvidersMap().get("aws") || undefined;
    const provider = providerRef
      ? providerUrns.get(providerRef)
      : isProviderType(type) || !custom
        ? undefined
        : `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::default${request.getVersion() ? `_${request.getVersion().replace(/\./g, "_")}` : ""}`;
    const current: Pending = {
      request,
      inputs: fromWire(request.getObject()?.toJavaScript() ?? {}, toEngineUrn) as Record<string, unknown>,
      urn,
      provider: custom || request.getRemote() ? provider : undefined,
      providerRef,
      region: regionOfProviderRef(providerRef, custom ? type : "component"),
    };
    pending = current;
    originalRegister(request, (err, response) => {
      if (!err && response) {
        const mockUrn = response.getUrn();
        engineUrns.set(mockUrn, urn);
        const inputs = current.inputs;
        if (isProviderType(type)) {
          const ref = `${mockUrn}::${response.getId()}`;
          providerRegions.set(ref, typeof inputs.region === "string" ? inputs.region : undefined);
          providerTags.set(ref, defaultTagsOf(reveal(inputs.defaultTags)));
          providerUrns.set(ref, urn);
        }
        const propertyDependencies: Record<string, string[]> = {};
        request.getPropertydependenciesMap().forEach((value, key) => {
          propertyDependencies[key] = value.getUrnsList().map(toEngineUrn);
        });
        const ownRegion = typeof reveal(inputs.region) === "string" ? (reveal(inputs.region) as string) : undefined;
        resources.set(urn, {
          urn,
          type,
          name: request.getName(),
          custom: request.getCustom(),
          remote: request.getRemote(),
          parent,
          provider: current.provider,
          // Local components carry no provider of their own: they are shown in their parent's region.
          region: isProviderType(type) ? ownRegion : (ownRegion ?? current.region ?? (parent ? resources.get(parent)?.region : undefined)),
          id: response.getId() || undefined,
          inputs,
          outputs: recordedOutputs(inputs, current.outputs, request),
          dependencies: request.getDependenciesList().map(toEngineUrn),
          propertyDependencies,
          options: {
            protect: request.getProtect(),
            ignoreChanges: request.getIgnorechangesList(),
            deleteBeforeReplace: request.getDeletebeforereplace(),
            replaceOnChanges: request.getReplaceonchangesList(),
            additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
            retainOnDelete: request.getRetainondelete(),
            // The SDK sends `aliases` options as specs when the monitor supports them (the mock does).
            aliases: unique([
              ...request.getAliasurnsList(),
              ...request.getAliasesList().map((alias) => {
                const spec = alias.getSpec();
                if (spec === undefined) return alias.getUrn();
                const aliasParent = spec.getNoparent() ? undefined : spec.getParenturn() ? toEngineUrn(spec.getParenturn()) : parent;
                return engineUrn(
                  spec.getStack() || stack,
                  spec.getProject() || project,
                  aliasParent,
                  spec.getType() || type,
                  spec.getName() || request.getName(),
                );
              }),
              // Every child also answers to the URNs it had under each of its parent's aliases (a
              // component moved, renamed or retyped keeps its children), as the engine and SDKs do
              // (pulumi/pulumi sdk/go/pulumi/alias.go `inheritedChildAlias`): a child named after
              // its parent takes the parent's old name as its prefix.
              ...inheritedAliases(resources.get(parent ?? ""), request.getName()).map((alias) =>
                engineUrn(stack, project, alias.parent, type, alias.name),
              ),
            ]),
          },
        });
        // Custom resources as input rules read them (secrets revealed once, in registration order).
        const planned = resources.get(urn);
        if (planned && current.outputs !== undefined) {
          const registered = registeredByType.get(type) ?? [];
          registered.push({
            type,
            name: planned.name,
            region: planned.region,
            inputs: reveal(planned.inputs) as Record<string, any>,
            outputs: reveal(planned.outputs) as Record<string, any>,
          });
          registeredByType.set(type, registered);
        }
      }
      callback(err, response);
    });
  };
  monitor.registerResourceOutputs = (request, callback) => {
    const urn = toEngineUrn(request.getUrn());
    const outputs = fromWire(request.getOutputs()?.toJavaScript() ?? {}, toEngineUrn) as Record<string, unknown>;
    const resource = resources.get(urn);
    if (resource) resources.set(urn, { ...resource, outputs: { ...resource.outputs, ...outputs } });
    if (resource?.type === STACK_TYPE) stackOutputs = outputs;
    originalOutputs(request, callback);
  };

  const failures: unknown[] = [];
  rejectionSink = (reason) => failures.push(reason);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const run = program ?? (require(PROGRAM) as () => Promise<Record<string, unknown>>);
    await pulumi.runtime.runInPulumiStack(() => run());
    await pulumi.runtime.disconnect();
    // A failing apply surfaces a tick later.
    await new Promise((resolve) => setImmediate(resolve));
  } catch (error) {
    failures.unshift(error);
  } finally {
    rejectionSink = undefined;
    failures.forEach((f) => f instanceof Object && settledFailures.add(f));
  }
  if (failures.length > 0) {
    const first = failures[0];
    if (first instanceof Error && (first.name === "ConfigError" || first.name === "ProgramError")) throw first;
    throw new ProgramError(first instanceof Error ? first.message : String(first));
  }

  if (refusals.length > 0) throw new RefusedInputsError(refusals);

  const all = [...resources.values()];
  return {
    project,
    stack,
    stackFile: loaded.stackFile,
    config: loaded.config,
    secretKeys: loaded.secretKeys,
    resources: all,
    outputs: stackOutputs,
    limitations: limitationsOf(all, loaded),
  };
}

/** `defaultTags.tags` of a provider's inputs (the SDK sends provider inputs as JSON text). */
function defaultTagsOf(value: unknown): Record<string, string> {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return {};
    }
  }
  const tags = (parsed as { tags?: unknown } | undefined)?.tags;
  if (tags === null || typeof tags !== "object") return {};
  return Object.fromEntries(Object.entries(tags as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/**
 * A resource's outputs as the engine would hold them: its inputs echoed back with what the
 * provider computed on top, secret wherever the engine would make them secret (an output listed
 * in `additionalSecretOutputs`, e.g. a RandomPassword's `result`, or one fed by a secret input).
 */
function recordedOutputs(
  inputs: Record<string, unknown>,
  computed: Record<string, unknown> | undefined,
  request: RegisterRequest,
): Record<string, unknown> {
  if (computed === undefined) return {};
  const outputs: Record<string, unknown> = { ...inputs, ...computed };
  const secret = new Set(request.getAdditionalsecretoutputsList());
  for (const [key, value] of Object.entries(outputs)) {
    if (value instanceof Secret) continue;
    if (secret.has(key) || inputs[key] instanceof Secret) outputs[key] = new Secret(value);
  }
  return outputs;
}

/** What this offline plan cannot show, said plainly in every report. */
function limitationsOf(resources: readonly PlannedResource[], loaded: LoadedStack): string[] {
  const notes = [
    "Outputs (ids, ARNs, endpoints) are deterministic offline stand-ins in AWS formats for account " +
      `${OFFLINE_ACCOUNT_ID}; real values exist only after \`pulumi up\`.`,
    "Inputs are shown as the program sets them: defaults and auto-names the AWS provider would add during its Check are absent.",
  ];
  const remote = resources.filter((r) => r.remote);
  if (remote.length > 0) {
    const types = [...new Set(remote.map((r) => r.type))].join(", ");
    notes.push(
      `${remote.length} remote component(s) (${types}) are shown as one resource each: their children (subnets, route tables, NAT gateways, ...) are created by their own provider plugin and appear only in a real preview.`,
    );
  }
  const releases = resources.filter((r) => r.type === HELM_RELEASE);
  if (releases.length > 0) {
    notes.push(
      `${releases.length} Helm release(s) (${[...new Set(releases.map((r) => String(reveal(r.inputs.chart))))].join(", ")}) are shown with their values only: the chart's Kubernetes objects are rendered by the Kubernetes provider against the live cluster.`,
    );
  }
  if (loaded.secureKeys.length > 0) {
    notes.push(`secure config values cannot be decrypted offline and were replaced by a placeholder (${loaded.secureKeys.join(", ")}).`);
  }
  return notes;
}

export { ResourceRef };

/** The (parent URN, name) pairs a child of `parent` named `name` had under the parent's aliases. */
function inheritedAliases(parent: PlannedResource | undefined, name: string): { parent: string; name: string }[] {
  if (parent === undefined) return [];
  return parent.options.aliases.map((alias) => {
    const oldParentName = alias.slice(alias.lastIndexOf("::") + 2);
    return { parent: alias, name: name.startsWith(parent.name) ? oldParentName + name.slice(parent.name.length) : name };
  });
}
