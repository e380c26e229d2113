/**
 * Pulumi.yaml as the Pulumi CLI reads it: the project name and its `config:` declarations.
 *
 * Rules, read at the source (pulumi/pulumi, 2026-08):
 * - sdk/go/common/workspace/project.json: a declaration has only `type`, `items`, `description`,
 *   `secret`, `default`, `value`; `type` is one of string, integer, boolean, array, object (object
 *   since CLI 3.187.0, pulumi/pulumi#20132); `items` is `{ type, items? }`.
 * - project.go `RewriteShorthandConfigValues`: a plain value (scalar or list) is shorthand for
 *   `default:` on a project key and `value:` on another namespace's key.
 * - project.go `Project.Validate`: never both `default` and `value`; an array declares `items`; a
 *   default matches the declared type; keys of other namespaces take `value:` and no type or default.
 */
import { z } from "zod";
import { closest } from "../../components/config/messages";
import { StackFileError, readYamlFile } from "./yaml-file";

export type ConfigTypeName = "string" | "integer" | "boolean" | "array" | "object";

export interface ItemsType {
  readonly type: ConfigTypeName;
  readonly items?: ItemsType;
}

export interface ConfigDeclaration {
  /** The key as declared (`environment`, `aws:region`). */
  readonly key: string;
  /** Namespaced (`platform:environment`). */
  readonly name: string;
  readonly namespace: string;
  readonly type?: ConfigTypeName;
  readonly items?: ItemsType;
  readonly description?: string;
  readonly secret: boolean;
  readonly default?: unknown;
  readonly value?: unknown;
}

export interface ProjectFile {
  readonly name: string;
  readonly declarations: readonly ConfigDeclaration[];
}

const TYPE_NAMES = ["string", "integer", "boolean", "array", "object"] as const;
const typeName = z.enum(TYPE_NAMES, { error: `must be one of ${TYPE_NAMES.join(", ")}` });
const itemsType: z.ZodType<ItemsType> = z.lazy(() =>
  z.strictObject({ type: typeName, items: itemsType.optional() }).refine((t) => t.type !== "array" || t.items !== undefined, {
    error: "an array type declares the type of its elements in items:",
  }),
);
const declaration = z.strictObject({
  type: typeName.optional(),
  items: itemsType.optional(),
  description: z.string().optional(),
  secret: z.boolean().optional(),
  default: z.unknown().optional(),
  value: z.unknown().optional(),
});
const DECLARATION_ATTRIBUTES = Object.keys(declaration.shape);

/** Project and stack names: the CLI's `tokens.IsName` (alphanumerics, `-`, `_`, `.`), at most 100 characters. */
export const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

/** Does `value` conform to a declared type? The CLI's `ValidateConfigValue`, over JSON-shaped values. */
export function conforms(type: ConfigTypeName, items: ItemsType | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      // YAML and JSON numbers arrive as floats: whole ones count, and so does integer text (strconv.Atoi).
      if (typeof value === "number") return Number.isInteger(value);
      return typeof value === "string" && isIntegerText(value);
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value) && items !== undefined && value.every((item) => conforms(items.type, items.items, item));
  }
}

/** Go's strconv.Atoi on a 64-bit platform: optional sign, decimal digits, within int64. */
export function isIntegerText(text: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(text)) return false;
  const n = BigInt(text);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** `array<object>` as the CLI names a declared type in its errors. */
export function typeLabel(type: ConfigTypeName, items?: ItemsType): string {
  return items !== undefined && type === "array" ? `array<${typeLabel(items.type, items.items)}>` : type;
}

const isPlainValue = (v: unknown) => v === null || typeof v !== "object" || Array.isArray(v);

/** Reads and validates Pulumi.yaml in `dir`; problems are StackFileErrors naming `Pulumi.yaml: config.<key>`. */
export function loadProjectFile(file: string): ProjectFile {
  const label = "Pulumi.yaml";
  const raw = readYamlFile(file, label).value;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new StackFileError(`${label}: must be a mapping (name:, runtime:, config:, ...)`);
  const project = raw as Record<string, unknown>;
  const name = project.name;
  if (typeof name !== "string" || name === "") {
    const near = closest("name", Object.keys(project), 2);
    throw new StackFileError(
      `${label}: name: the project needs a non-empty name${near && near !== "name" ? ` (found "${near}" instead)` : ""}`,
    );
  }
  if (!NAME_PATTERN.test(name)) {
    throw new StackFileError(`${label}: name: "${name}" is not a project name; use 1-100 letters, digits, "-", "_" or "."`);
  }
  const config = project.config ?? {};
  if (typeof config === "string") {
    throw new StackFileError(
      `${label}: config: a directory for stack files is the deprecated form; use stackConfigDir:, or declare config keys here`,
    );
  }
  if (project.stackConfigDir !== undefined) {
    throw new StackFileError(`${label}: stackConfigDir: the offline tools read stack files next to Pulumi.yaml; remove stackConfigDir`);
  }
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new StackFileError(`${label}: config: must be a mapping of config keys to declarations`);
  }
  const declarations = Object.entries(config as Record<string, unknown>).map(([key, entry]) => declare(name, key, entry));
  return { name, declarations };
}

function declare(project: string, key: string, entry: unknown): ConfigDeclaration {
  const at = `Pulumi.yaml: config.${key}`;
  const parts = key.split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) {
    throw new StackFileError(`${at}: not a config key; write <name> for this project's keys or <namespace>:<name> for another's`);
  }
  const namespace = parts.length === 2 ? parts[0] : project;
  const ownKey = namespace === project;
  // Shorthand: a plain value is a project key's default, or another namespace's value.
  const body = isPlainValue(entry) ? (ownKey ? { default: entry } : { value: entry }) : entry;
  const parsed = declaration.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === "unrecognized_keys") {
      const unknown = issue.keys[0];
      const near = closest(unknown, DECLARATION_ATTRIBUTES, 2);
      throw new StackFileError(
        `${at}.${unknown}: unknown attribute${near ? ` (did you mean "${near}"?)` : ""}; a declaration has ${DECLARATION_ATTRIBUTES.join(", ")}`,
      );
    }
    const path = issue.path.map((p) => `.${String(p)}`).join("");
    throw new StackFileError(`${at}${path}: ${issue.message}`);
  }
  const d = parsed.data;
  if (d.default !== undefined && d.value !== undefined) throw new StackFileError(`${at}: has both default: and value:; keep one`);
  if (d.type === "array" && d.items === undefined) {
    throw new StackFileError(`${at}: type array needs items: (the type of its elements, e.g. items: { type: string })`);
  }
  if (d.items !== undefined && d.type !== "array") throw new StackFileError(`${at}.items: only an array type has items`);
  if (ownKey) {
    if (d.type !== undefined && d.default !== undefined && !conforms(d.type, d.items, d.default)) {
      throw new StackFileError(`${at}.default: is not of the declared type ${typeLabel(d.type, d.items)}`);
    }
  } else {
    if (d.type !== undefined) throw new StackFileError(`${at}.type: a key of another namespace (${namespace}:) takes value:, not a type`);
    if (d.default !== undefined)
      throw new StackFileError(`${at}.default: a key of another namespace (${namespace}:) takes value:, not default:`);
    if (d.value === undefined) throw new StackFileError(`${at}: a key of another namespace (${namespace}:) must set value:`);
  }
  return {
    key,
    name: ownKey ? `${project}:${parts[parts.length - 1]}` : key,
    namespace,
    type: d.type,
    items: d.items,
    description: d.description,
    secret: d.secret ?? false,
    default: d.default,
    value: d.value,
  };
}
