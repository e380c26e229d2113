/**
 * Structural differences between two input values, down to the leaves, for the plan diff. JSON
 * documents held in strings (IAM, key, bucket and queue policies, dashboard bodies) are parsed and
 * compared as documents, so a reviewer sees `policy » Statement[Sid=SendOrders].Action: + "sqs:X"`
 * instead of two identical truncated prefixes.
 *
 * Arrays are matched by what identifies an element, not by position: objects by `Sid`, `originId`,
 * a widget's `properties.title` or a `name` (falling back to the index), and arrays of plain values
 * as sets (IAM actions, resources, principals), so an inserted element is one addition, not a shift
 * of every later one. The walk itself is microdiff's; this file only decides identities and names.
 */
import microdiff from "microdiff";

export interface LeafChange {
  /** Path segments as a reviewer reads them, e.g. `policy » Statement[Sid=A].Action`. */
  readonly path: string;
  /** Top-level input and nested object keys before any array element or JSON document (for replacement triggers). */
  readonly schemaPath: string;
  /** Undefined when the leaf is added. */
  readonly before?: unknown;
  /** Undefined when the leaf is removed. */
  readonly after?: unknown;
}

/** Separator between a property holding a JSON document and the path inside that document. */
export const JSON_SEPARATOR = " » ";

/** Keys that identify an element of an array of objects, in order of preference. */
const IDENTITY_KEYS = ["Sid", "originId", "OriginId", "targetOriginId", "pathPattern", "Id", "id", "name", "Name", "key", "Key"];
/** IAM keys whose value is a string or a list of strings (one element is the same as a string). */
const IAM_LISTS = /^(Not)?(Action|Resource|Principal)$|^(AWS|Service|Federated|CanonicalUser)$/;

const JSON_MARK = "\u0001json";
const SET_MARK = "\u0002";

/** What each normalised node stood for, to show the original value of an added or removed subtree. */
type Originals = WeakMap<object, unknown>;

function parseDocument(value: string): unknown {
  const text = value.trim();
  if (!(text.startsWith("{") || text.startsWith("["))) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function identity(element: unknown, index: number): string {
  if (typeof element !== "object" || element === null || Array.isArray(element)) return `[${index}]`;
  const record = element as Record<string, unknown>;
  for (const key of IDENTITY_KEYS) {
    const v = record[key];
    if (typeof v === "string" || typeof v === "number") return `[${key}=${v}]`;
  }
  const title = (record.properties as Record<string, unknown> | undefined)?.title;
  return typeof title === "string" ? `[title=${title}]` : `[${index}]`;
}

/** The value in keyed form: JSON strings parsed, arrays keyed by identity, lists of plain values as sets. */
function normalise(value: unknown, originals: Originals, key?: string): unknown {
  if (typeof value === "string") {
    const document = parseDocument(value);
    if (document === undefined) return key !== undefined && IAM_LISTS.test(key) ? normalise([value], originals, key) : value;
    const node = { [JSON_MARK]: normalise(document, originals) };
    originals.set(node, document);
    return node;
  }
  if (Array.isArray(value)) {
    const node: Record<string, unknown> = {};
    const plainValues = value.every((v) => typeof v !== "object" || v === null || Array.isArray(v));
    value.forEach((element, i) => {
      let id = plainValues ? `${SET_MARK}${JSON.stringify(element)}` : identity(element, i);
      if (id in node) id = `${id}[${i}]`;
      node[id] = plainValues ? true : normalise(element, originals);
    });
    originals.set(node, value);
    return node;
  }
  if (typeof value === "object" && value !== null) {
    const node = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, originals, k)]));
    originals.set(node, value);
    return node;
  }
  return value;
}

function original(value: unknown, originals: Originals): unknown {
  return typeof value === "object" && value !== null ? (originals.get(value) ?? value) : value;
}

function render(segments: readonly (string | number)[]): { path: string; schemaPath: string; element?: unknown } {
  let path = "";
  const schema: string[] = [];
  let inSchema = true;
  let element: unknown;
  segments.forEach((raw, i) => {
    const segment = String(raw);
    if (segment === JSON_MARK) {
      path += JSON_SEPARATOR;
      inSchema = false;
    } else if (segment.startsWith(SET_MARK) && i === segments.length - 1) {
      element = JSON.parse(segment.slice(1));
    } else if (segment.startsWith("[")) {
      // An element of a list: the schema path goes on with the element's keys (`a.b`, as for `a[0].b`).
      path += segment;
    } else {
      path += path === "" || path.endsWith(JSON_SEPARATOR) ? segment : `.${segment}`;
      if (inSchema) schema.push(segment);
    }
  });
  return { path, schemaPath: schema.join("."), element };
}

/**
 * Leaf-level changes between two values. An added or removed subtree is listed leaf by leaf; a set
 * element added or removed shows as the element itself at its list's path.
 */
export function structuralChanges(before: unknown, after: unknown, prefix: readonly string[] = []): LeafChange[] {
  const originals: Originals = new WeakMap();
  const [a, b] = [normalise(before, originals), normalise(after, originals)];
  const out: LeafChange[] = [];
  const emit = (segments: readonly (string | number)[], was: unknown, now: unknown) => {
    const { path, schemaPath, element } = render([...prefix, ...segments]);
    if (element !== undefined) {
      out.push(was === undefined ? { path, schemaPath, after: element } : { path, schemaPath, before: element });
      return;
    }
    out.push({ path, schemaPath, before: original(was, originals), after: original(now, originals) });
  };
  const leaves = (segments: (string | number)[], value: unknown, side: "before" | "after") => {
    if (typeof value === "object" && value !== null && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) leaves([...segments, k], v, side);
      return;
    }
    emit(segments, side === "before" ? value : undefined, side === "after" ? value : undefined);
  };
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
    if (JSON.stringify(before) !== JSON.stringify(after)) emit([], a, b);
    return out;
  }
  for (const d of microdiff(a as Record<string, unknown>, b as Record<string, unknown>)) {
    if (d.type === "CREATE") leaves(d.path, d.value, "after");
    else if (d.type === "REMOVE") leaves(d.path, d.oldValue, "before");
    else emit(d.path, d.oldValue, d.value);
  }
  // Only the order of a list of plain values changed: show the whole value, not "no change".
  if (out.length === 0 && JSON.stringify(before) !== JSON.stringify(after)) emit([], a, b);
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
