/**
 * The shape of the resource-type catalogue: everything the offline tools know about one resource
 * type (or invoke), in one entry, each fact with its sources or an explicit "none" saying why there
 * is nothing to know. The engine, the reports and the diff read entries; nothing else keeps
 * per-type tables.
 */
import type { Plan } from "../engine/model";
import type { MockInvokeHandler, MockResourceContext, MockResourceHandler } from "../engine/mocks/types";

/** An explicit absence: there is nothing of this kind to catalogue for the type, and why. */
export interface None {
  readonly none: string;
}

export function none(reason: string): None {
  return { none: reason };
}

export function isNone(value: unknown): value is None {
  return typeof value === "object" && value !== null && typeof (value as None).none === "string";
}

/** Typical seconds from the create call until the engine sees the resource ready. */
export interface CreationTime {
  readonly seconds: number;
  /** Where the number comes from. */
  readonly source: string;
}

/** One change with both sides' top-level inputs, for replacement rules that look at siblings. */
export interface ChangeContext {
  readonly before: unknown;
  readonly after: unknown;
  readonly inputsBefore?: Readonly<Record<string, unknown>>;
  readonly inputsAfter?: Readonly<Record<string, unknown>>;
}

export type ReplaceRule = (change: ChangeContext) => boolean;

/** Input properties whose change makes the provider replace the resource (delete + create). */
export interface Replacement {
  /** Property paths (Pulumi names) whose change always forces a replacement (`ForceNew`). */
  readonly replaceOn: readonly string[];
  /** Paths that force a replacement only in some directions (CustomizeDiff `ForceNewIf`), exact path. */
  readonly replaceIf?: Readonly<Record<string, ReplaceRule>>;
  readonly sources: readonly string[];
}

/** What a reviewer calls a type that holds data. */
export type DataKind = "database" | "cache" | "queue" | "key" | "network" | "cluster" | "storage" | "secret";

/** The type holds (or stands for) data a replacement or deletion loses. */
export interface HoldsData {
  readonly kind: DataKind;
  /**
   * Prod requires Pulumi's `protect` on it: the policy pack's `protectedTypes`
   * (policies/lib/protected-types.ts) lists exactly the types marked true here (a test checks).
   */
  readonly protectedInProd: boolean;
  /** Why, in a sentence (what is lost, or why prod does not protect it). */
  readonly why: string;
  readonly sources: readonly string[];
}

/** One priced line of the estimate. */
export interface PriceLine {
  readonly usd: number;
  /** What was priced, e.g. `2x db.r6g.xlarge Multi-AZ`. */
  readonly item: string;
}

/** A price the table lacks: named in the report, never silently zero. */
export interface Unpriced {
  readonly unpriced: string;
}

/** List prices of one region (see prices.ts for what the book covers and its date). */
export interface PriceBook {
  /** The region the prices are asked for. */
  readonly region: string;
  /** The region the numbers were transcribed for (us-east-1 until per-region tables exist). */
  readonly listedFor: string;
  readonly asOf: string;
  readonly hoursPerMonth: number;
  readonly ec2Hourly: Readonly<Record<string, number>>;
  readonly rdsPostgresHourly: Readonly<Record<string, number>>;
  readonly rdsStorageGbMonth: number;
  readonly elasticacheRedisHourly: Readonly<Record<string, number>>;
  readonly valkeyDiscount: number;
  readonly eksControlPlaneHourly: number;
  readonly natGatewayHourly: number;
  readonly albHourly: number;
  readonly cloudwatchAlarmMetricMonth: number;
  readonly cloudwatchCompositeAlarmMonth: number;
  readonly cloudwatchDashboardMonth: number;
  readonly backupRdsGbMonth: number;
  readonly backupCrossRegionGb: number;
  readonly kmsKeyMonth: number;
  readonly secretMonth: number;
}

/** What a price rule sees of one resource. */
export interface PricedResource {
  readonly name: string;
  readonly region: string;
  /** Inputs with secrets unwrapped. */
  readonly inputs: Readonly<Record<string, any>>;
  readonly outputs: Readonly<Record<string, any>>;
  /** The prices of the resource's region. */
  readonly book: PriceBook;
  /** The whole plan, for prices that depend on other resources (a replica's storage, backups). */
  readonly plan: Plan;
}

/** Monthly price of one resource: its report tier and a rule taking the region's price book. */
export interface PriceRule {
  readonly tier: string;
  readonly monthly: (resource: PricedResource) => PriceLine | Unpriced;
  readonly sources: readonly string[];
}

/** What a validation rule sees of one resource (what its mock saw), after the mock computed the outputs. */
export interface ValidationContext extends MockResourceContext {
  /** What the mock computed (physical names included: given or auto-named). */
  readonly outputs: Readonly<Record<string, any>>;
  /** `defaultTags.tags` of the resource's AWS provider. */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** Resources of a type registered so far (a resource's dependencies always are). */
  readonly registered: (type: string) => readonly RegisteredResource[];
}

export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly region?: string;
  readonly inputs: Readonly<Record<string, any>>;
  readonly outputs: Readonly<Record<string, any>>;
}

/**
 * One input constraint AWS (or the provider's Check) enforces. `check` returns what is wrong with
 * this resource's value, one message per problem, or nothing when it complies.
 */
export interface InputRule {
  /** The input property (dotted path) the rule is about. */
  readonly property: string;
  /** AWS's rule in words, as a refusal quotes it. */
  readonly rule: string;
  readonly sources: readonly string[];
  readonly check: (ctx: ValidationContext) => string | readonly string[] | undefined;
}

/** Everything the catalogue knows about one resource type. */
export interface TypeEntry {
  readonly type: string;
  /** The offline mock (outputs in AWS's formats), or none for types the program never declares. */
  readonly mock: MockResourceHandler | None;
  /** Where the mock's output formats come from (registry page, AWS API reference). */
  readonly mockSources: readonly string[];
  /** What AWS or the provider refuses at Check/Create time. */
  readonly validation: readonly InputRule[] | None;
  readonly creation: CreationTime;
  readonly price: PriceRule | None;
  readonly replacement: Replacement | None;
  readonly data: HoldsData | None;
}

/** An invoke (data source) the program calls. */
export interface InvokeEntry {
  readonly token: string;
  readonly mock: MockInvokeHandler;
  readonly mockSources: readonly string[];
}
