/**
 * Diff of two offline plans of one stack (base ref vs working tree), matched by URN the way the
 * engine matches state: added, removed and changed resources with property-level changes, and the
 * operation the engine would likely take (update or replace). Stateful deletions and replacements
 * are what a reviewer must not miss. Values are compared in their JSON form, so secrets stay masked
 * ("[secret]") on both sides and in every report.
 */
import { Plan, PlannedResource, qualifiedType } from "../engine/model";
import { holdsData, triggersReplacement } from "../catalogue/facts";
import { CostDelta, costDelta, estimateMonthlyCost } from "./cost-estimate";
import { ResourceKind, attributedRegion, kindOf } from "./counts";
import { plain } from "./resources";
import { structuralChanges } from "./structural-diff";
import { shellQuote } from "../shell";

export interface PropertyChange {
  /** Dotted path into the inputs, e.g. `instanceClass` or `tags.team`. */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** This property's change forces a replacement. */
  readonly replaces: boolean;
}

export type Operation = "create" | "delete" | "update" | "replace";

export interface ResourceChange {
  readonly op: Operation;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** What it is, counted as every output counts (cloud resource, provider or component). */
  readonly kind: ResourceKind;
  /** The column every output reports it under (`global` for the edge services). */
  readonly region?: string;
  /** Stateful kind (database, cache, queue, ...) when the type holds data. */
  readonly stateful?: string;
  readonly protected: boolean;
  readonly changes: readonly PropertyChange[];
  /** Why the engine would replace or delete it, in words. */
  readonly reasons: readonly string[];
  /** For a delete that is really a logical rename: the URN that replaces it. */
  readonly renamedTo?: string;
  /**
   * A protected resource the change would replace or delete: `pulumi up` refuses it. Holds the
   * command that lifts the protection in the stack's state (after a reviewer agreed to lose it).
   */
  readonly unprotect?: string;
}

export interface PlanDiff {
  readonly stack: string;
  readonly changes: readonly ResourceChange[];
  readonly counts: Readonly<Record<Operation, number>>;
  /** Stateful resources that would be deleted or replaced: the reason for exit code 3. */
  readonly dangerous: readonly ResourceChange[];
  /** Protected resources the change would replace or delete: `pulumi up` refuses these (exit code 3 too). */
  readonly blockedByProtect: readonly ResourceChange[];
  /** The monthly cost ESTIMATE before and after, per region and tier. */
  readonly cost: CostDelta;
}

/**
 * The step that lets `pulumi up` replace or delete a protected resource, as the engine's own refusal
 * names it (pulumi/pulumi pkg/resource/deploy/step.go, DeleteStep.Apply; `state unprotect` takes URNs
 * and `--stack`: pkg/cmd/pulumi/state/state_unprotect.go). The URN is always single-quoted: nested
 * URNs hold `$`.
 */
export function unprotectCommand(stack: string, urn: string): string {
  return `pulumi state unprotect --stack ${shellQuote(stack)} '${urn.replace(/'/g, "'\\''")}'`;
}

/**
 * Differences between two input objects, leaf by leaf (JSON form, secrets masked): JSON documents in
 * strings are compared as documents and lists by element identity (tools/report/structural-diff.ts).
 * Whether a change replaces is decided on its schema path (the property and object keys above it).
 */
export function propertyChanges(type: string, before: unknown, after: unknown, replaceOnChanges: readonly string[] = []): PropertyChange[] {
  const [inputsBefore, inputsAfter] = [plain(before) ?? {}, plain(after) ?? {}];
  const [a, b] = [isRecord(inputsBefore) ? inputsBefore : {}, isRecord(inputsAfter) ? inputsAfter : {}];
  const out: PropertyChange[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    for (const leaf of structuralChanges(a[key], b[key], [key])) {
      const context = { before: a[key], after: b[key], inputsBefore: a, inputsAfter: b };
      // A conditional trigger (`replaceIf`) reads the property's own values; a nested one its leaf's.
      const change = leaf.schemaPath === key ? context : { ...context, before: leaf.before, after: leaf.after };
      out.push({
        path: leaf.path,
        ...(leaf.before === undefined ? {} : { before: leaf.before }),
        ...(leaf.after === undefined ? {} : { after: leaf.after }),
        replaces: triggersReplacement(type, leaf.schemaPath, replaceOnChanges, change),
      });
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Diffs every resource of two plans, counted as every output counts them (tools/report/counts.ts):
 * a new stack creates exactly what its plan reports. Components are created and deleted, never
 * updated (their inputs are the program's, not a provider's); providers and cloud resources are
 * compared input by input.
 */
export function diffPlans(base: Plan, head: Plan): PlanDiff {
  const before = new Map(base.resources.map((r) => [r.urn, r]));
  const after = new Map(head.resources.map((r) => [r.urn, r]));
  const summary = (r: PlannedResource, op: Operation, changes: PropertyChange[], reasons: string[]) =>
    summaryOf(op === "delete" ? base : head, r, op, changes, reasons);
  // A resource with `aliases` naming an old URN is the same resource moved or renamed.
  const aliasOf = new Map<string, string>();
  for (const r of after.values())
    for (const alias of r.options.aliases) if (before.has(alias) && !after.has(alias)) aliasOf.set(alias, r.urn);

  const changes: ResourceChange[] = [];
  const matchedNew = new Set<string>();
  for (const old of before.values()) {
    const newUrn = after.has(old.urn) ? old.urn : aliasOf.get(old.urn);
    const next = newUrn === undefined ? undefined : after.get(newUrn);
    if (!next) continue;
    matchedNew.add(next.urn);
    const change = kindOf(next) === "component" ? undefined : compare(old, next, summary);
    if (change) changes.push(change);
  }
  for (const next of after.values()) {
    if (!matchedNew.has(next.urn)) changes.push(summary(next, "create", [], []));
  }
  const created = changes.filter((c) => c.op === "create");
  for (const old of before.values()) {
    if (after.has(old.urn) || aliasOf.has(old.urn)) continue;
    // The engine refuses to delete a resource whose state is protected (DeleteStep.Apply checks old.Protect).
    const reasons = [old.options.protect ? "protected: `pulumi up` refuses to delete it until its state is unprotected" : ""].filter(
      Boolean,
    );
    // Same type and parent chain, new name: a rename without `aliases`, which the engine carries
    // out as create-new + delete-old.
    const twin = created.find(
      (c) =>
        c.type === old.type && c.region === old.region && qualifiedType(c.urn) === qualifiedType(old.urn) && sameParentName(c.urn, old.urn),
    );
    if (twin) reasons.unshift(`renamed to ${twin.name} without \`aliases\`: created anew and the old one deleted`);
    changes.push({
      ...summary(old, "delete", [], reasons),
      renamedTo: twin?.urn,
      ...(old.options.protect ? { unprotect: unprotectCommand(head.stack, old.urn) } : {}),
    });
  }

  changes.sort((a, b) => OP_ORDER[a.op] - OP_ORDER[b.op] || a.urn.localeCompare(b.urn));
  const counts = { create: 0, delete: 0, update: 0, replace: 0 };
  for (const c of changes) counts[c.op]++;
  const [costBefore, costAfter] = [estimateMonthlyCost(base), estimateMonthlyCost(head)];
  return {
    stack: head.stack,
    changes,
    counts,
    dangerous: changes.filter((c) => c.stateful !== undefined && (c.op === "delete" || c.op === "replace")),
    blockedByProtect: changes.filter((c) => c.unprotect !== undefined),
    cost: costDelta(costBefore, costAfter),
  };
}

const OP_ORDER: Record<Operation, number> = { delete: 0, replace: 1, update: 2, create: 3 };

/** Two URNs whose resources hang under the same parent (the name prefix before `-<role>`). */
function sameParentName(a: string, b: string): boolean {
  const stem = (urn: string) => (urn.split("::")[3] ?? "").split("-").slice(0, -1).join("-");
  return stem(a) !== "" ? stem(a) === stem(b) || stem(a).startsWith(stem(b)) || stem(b).startsWith(stem(a)) : false;
}

type Summarise = (r: PlannedResource, op: Operation, changes: PropertyChange[], reasons: string[]) => ResourceChange;

function compare(old: PlannedResource, next: PlannedResource, summary: Summarise): ResourceChange | undefined {
  const changes = propertyChanges(next.type, old.inputs, next.inputs, next.options.replaceOnChanges);
  const reasons = changes.filter((c) => c.replaces).map((c) => `\`${c.path}\` changes and cannot be updated in place`);
  if (old.provider !== next.provider && old.provider && next.provider)
    reasons.push(`provider changes (${shortName(old.provider)} -> ${shortName(next.provider)})`);
  if (old.region !== next.region) reasons.push(`region changes (${old.region ?? "?"} -> ${next.region ?? "?"})`);
  if (old.type !== next.type) reasons.push(`type changes (${old.type} -> ${next.type})`);
  const optionChanges = (["protect", "retainOnDelete", "deleteBeforeReplace"] as const)
    .filter((k) => old.options[k] !== next.options[k])
    .map((k) => ({ path: `(option) ${k}`, before: old.options[k], after: next.options[k], replaces: false }));
  const all = [...changes, ...optionChanges];
  if (all.length === 0 && reasons.length === 0) return undefined;
  const op = reasons.length > 0 ? "replace" : "update";
  // The step generator refuses a replacement when both the state and the program protect the
  // resource (`new.Protect && old.Protect`: unprotecting and replacing in one update is allowed;
  // pulumi/pulumi pkg/resource/deploy/step_generator.go).
  const refused = op === "replace" && old.options.protect && next.options.protect;
  const change: ResourceChange = {
    ...summary(next, op, all, reasons),
    ...(refused ? { unprotect: unprotectCommand(stackOf(next.urn), old.urn) } : {}),
  };
  if (old.urn !== next.urn) return { ...change, reasons: [`moved from ${old.urn} (aliased)`, ...change.reasons] };
  return change;
}

function summaryOf(plan: Plan, r: PlannedResource, op: Operation, changes: PropertyChange[], reasons: string[]): ResourceChange {
  return {
    op,
    urn: r.urn,
    type: r.type,
    name: r.name,
    kind: kindOf(r),
    region: attributedRegion(plan, r),
    stateful: holdsData(r.type)?.kind,
    protected: r.options.protect,
    changes,
    reasons,
  };
}

/** `urn:pulumi:<stack>::<project>::...` -> the stack. */
function stackOf(urn: string): string {
  return urn.split("::")[0].replace(/^urn:pulumi:/, "");
}

function shortName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}
