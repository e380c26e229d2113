/** IAM policy documents as the pack reads them: JSON text or objects, one statement or a list. */
import { isRecord } from "./resources";

export interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** A `NotResource` list: the statement grants everything except these. */
  readonly notResources?: readonly string[];
  readonly principals: Readonly<Record<string, readonly string[]>>;
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

/** The statements of a policy document, or undefined when it is not one (or not known yet). */
export function statementsOf(document: unknown): Statement[] | undefined {
  let doc = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(doc)) return undefined;
  const raw: unknown[] = Array.isArray(doc.Statement) ? doc.Statement : isRecord(doc.Statement) ? [doc.Statement] : [];
  return raw.filter(isRecord).map((s) => {
    const principal = s.Principal;
    const principals: Record<string, string[]> = {};
    if (principal === "*") principals.AWS = ["*"];
    else if (isRecord(principal)) for (const [k, v] of Object.entries(principal)) principals[k] = list(v);
    const conditions: Record<string, Record<string, string[]>> = {};
    if (isRecord(s.Condition)) {
      for (const [operator, entries] of Object.entries(s.Condition)) {
        if (!isRecord(entries)) continue;
        conditions[operator] = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, list(v)]));
      }
    }
    return {
      effect: String(s.Effect ?? ""),
      actions: list(s.Action),
      resources: list(s.Resource),
      ...(s.NotResource !== undefined ? { notResources: list(s.NotResource) } : {}),
      principals,
      conditions,
    };
  });
}

/**
 * The values a statement requires for a condition key with an exact-match operator
 * (StringEquals, ArnEquals, or the Like forms without wildcards), or undefined when unconstrained.
 * Condition keys are case-insensitive in IAM.
 */
export function requiredValues(statement: Statement, key: string): readonly string[] | undefined {
  const exact = ["StringEquals", "ArnEquals", "StringLike", "ArnLike"];
  for (const [operator, entries] of Object.entries(statement.conditions)) {
    if (!exact.includes(operator)) continue;
    const found = Object.entries(entries).find(([k]) => k.toLowerCase() === key.toLowerCase());
    if (found === undefined) continue;
    const values = found[1];
    if (values.length === 0 || (operator.endsWith("Like") && values.some((v) => /[*?]/.test(v)))) return undefined;
    return values;
  }
  return undefined;
}

/** Whether an action pattern from a statement (`ec2:Describe*`) is covered by one of `allowed` (patterns too). */
export function actionCovered(action: string, allowed: readonly string[]): boolean {
  const lower = action.toLowerCase();
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p.endsWith("*")) return lower.startsWith(p.slice(0, -1));
    return lower === p;
  });
}
