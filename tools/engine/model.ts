/** What the offline plan knows about a stack: every registered resource and the stack outputs. */

export interface ResourceOptions {
  readonly protect: boolean;
  readonly ignoreChanges: readonly string[];
  readonly deleteBeforeReplace: boolean;
  readonly replaceOnChanges: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  readonly retainOnDelete: boolean;
  readonly aliases: readonly string[];
}

/** Options of a resource registered with none set (as the engine defaults them). */
export const DEFAULT_OPTIONS: ResourceOptions = {
  protect: false,
  ignoreChanges: [],
  deleteBeforeReplace: false,
  replaceOnChanges: [],
  additionalSecretOutputs: [],
  retainOnDelete: false,
  aliases: [],
};

export interface PlannedResource {
  /** URN as the Pulumi engine builds it (parent type chain joined by `$`). */
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** A multi-language component (e.g. awsx) whose children only the real engine can show. */
  readonly remote: boolean;
  /** Engine URN of the parent; undefined for the stack itself. */
  readonly parent?: string;
  /** Engine URN of the provider resource; `default_*` providers are named as the engine names them. */
  readonly provider?: string;
  /** AWS region the resource is managed in (from its provider, or its own `region` input). */
  readonly region?: string;
  readonly id?: string;
  /** Inputs as the program set them (secrets wrapped in `Secret`). No provider defaults exist offline. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Outputs as the mocks computed them (for components: what they registered). */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly options: ResourceOptions;
}

export interface Plan {
  readonly project: string;
  readonly stack: string;
  readonly stackFile: string;
  /** The stack's config as the engine handed it to the program (namespaced keys, string values). */
  readonly config: Readonly<Record<string, string>>;
  /** Config keys holding secrets (their values must never be printed). */
  readonly secretKeys: readonly string[];
  /** Every resource in registration order, the stack first. */
  readonly resources: readonly PlannedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Plain statements of what an offline plan cannot show for this stack. */
  readonly limitations: readonly string[];
}

export const STACK_TYPE = "pulumi:pulumi:Stack";

export function isProviderType(type: string): boolean {
  return type.startsWith("pulumi:providers:");
}

/** Builds a URN the engine's way: the parent's type chain (not the stack's), then type and name. */
export function engineUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
  const parentType = parentUrn === undefined ? undefined : qualifiedType(parentUrn);
  const chain = parentType === undefined || parentType === STACK_TYPE ? type : `${parentType}$${type}`;
  return `urn:pulumi:${stack}::${project}::${chain}::${name}`;
}

export function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}
