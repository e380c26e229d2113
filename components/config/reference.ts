import { PLATFORM_TAG_KEYS } from "../../policies/lib/settings";
import { packLimits } from "./pack-limits";
import { MAX_STACK_TAGS } from "./tiers/tags";
import { RESIDENCY_ZONES } from "../../policies/residency-zones";
import { regionEntry, regionDefaultsOf, stackDefaultsOf, topLevel } from "./schema";

/**
 * The README's config reference, generated from the schema and the environment defaults, so it
 * cannot drift from what the program accepts (a test compares it with README.md).
 */

interface Row {
  readonly key: string;
  readonly type: string;
  readonly dev: string;
  readonly prod: string;
}

type Def = { type: string; [key: string]: any };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** A short description of what a leaf schema accepts. */
function typeOf(schema: unknown): string {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
      return `${typeOf(def.innerType)}, optional`;
    case "default":
      return typeOf(def.innerType);
    case "number": {
      const { minValue, maxValue, isInt } = schema as { minValue: number | null; maxValue: number | null; isInt: boolean };
      const kind = isInt ? "integer" : "number";
      return minValue !== null && maxValue !== null ? `${kind} ${minValue}-${maxValue}` : kind;
    }
    case "enum":
      return `one of ${Object.values(def.entries as Record<string, string>).join(", ")}`;
    case "union":
      return (def.options as unknown[]).every((o) => defOf(o).type === "literal")
        ? `one of ${(def.options as unknown[]).map((o) => [...(defOf(o).values as Set<unknown>)].join("")).join(", ")}`
        : "value";
    case "literal":
      return `"${[...(def.values as Set<unknown>)].join("")}"`;
    case "array": {
      const max = (def.checks as { _zod: { def: Def } }[] | undefined)?.find((c) => c._zod.def.check === "max_length")?._zod.def.maximum;
      return `list of ${typeOf(def.element)}${max === undefined ? "" : ` (at most ${max})`}`;
    }
    case "record":
      return "map of string to string";
    case "object":
      return "object";
    default:
      return def.type;
  }
}

function unwrapped(schema: unknown): unknown {
  let current = schema;
  while (["optional", "default"].includes(defOf(current).type)) current = defOf(current).innerType;
  return current;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}

function show(value: unknown): string {
  if (value === undefined) return "";
  if (Array.isArray(value) && value.length === 0) return "[]";
  return JSON.stringify(value).replace(/\|/g, "\\|");
}

/** Walks an object schema into one row per leaf key (lists of objects as `key[].field`). */
function rows(schema: unknown, path: string[], defaults: (env: "dev" | "prod") => unknown, out: Row[]): void {
  const inner = unwrapped(schema);
  const def = defOf(inner);
  if (def.type === "object") {
    if (defOf(schema).type === "optional" && path.length > 0)
      out.push({ key: path.join("."), type: "object, optional", dev: "", prod: "" });
    for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) rows(child, [...path, key], defaults, out);
    return;
  }
  if (def.type === "array" && defOf(unwrapped(def.element)).type === "object") {
    const element = defOf(unwrapped(def.element));
    out.push({
      key: path.join("."),
      type: "list of objects",
      dev: show(valueAt(defaults("dev"), path)),
      prod: show(valueAt(defaults("prod"), path)),
    });
    for (const [key, child] of Object.entries(element.shape as Record<string, unknown>)) {
      const nested = defOf(unwrapped(child));
      // An object inside a list element (queues[].scaling) is listed field by field.
      const fields: [string, unknown][] =
        nested.type === "object"
          ? Object.entries(nested.shape as Record<string, unknown>).map(([k, c]) => [`${key}.${k}`, c])
          : [[key, child]];
      for (const [name, field] of fields) {
        const fieldDefault = defOf(field).type === "default" ? show(defOf(field).defaultValue) : "";
        out.push({ key: `${path.join(".")}[].${name}`, type: typeOf(field), dev: fieldDefault, prod: fieldDefault });
      }
    }
    return;
  }
  const fallback = def.type === "default" || defOf(schema).type === "default" ? show(defOf(schema).defaultValue) : "";
  out.push({
    key: path.join("."),
    type: typeOf(schema),
    dev: show(valueAt(defaults("dev"), path)) || fallback,
    prod: show(valueAt(defaults("prod"), path)) || fallback,
  });
}

function table(title: string, intro: string, list: readonly Row[]): string {
  return [
    `#### ${title}`,
    "",
    intro,
    "",
    "| key | type | dev default | prod default |",
    "|---|---|---|---|",
    ...list.map((r) => `| \`${r.key}\` | ${r.type} | ${r.dev ? `\`${r.dev}\`` : ""} | ${r.prod ? `\`${r.prod}\`` : ""} |`),
  ].join("\n");
}

/** The reference as Markdown (without the surrounding README markers). */
export function configReference(): string {
  const stackRows: Row[] = [];
  rows(topLevel.environment, ["environment"], () => undefined, stackRows);
  rows(topLevel.network, ["network"], () => undefined, stackRows);
  rows(topLevel.deployer, ["deployer"], () => undefined, stackRows);
  for (const key of ["edge", "observability", "recovery", "account"] as const)
    rows(topLevel[key], [key], (env) => ({ [key]: stackDefaultsOf(env)[key] }), stackRows);
  rows(topLevel.tags, ["tags"], () => undefined, stackRows);

  const regionRows: Row[] = [];
  rows(regionEntry, [], (env) => regionDefaultsOf(env), regionRows);

  return [
    table(
      "Stack keys (`platform:<key>`)",
      `Required: \`environment\`, \`network.supernet\`, \`regions\`, \`deployer\`. \`regionDefaults\` takes any region key below (except \`region\`, \`zone\`, \`cidr\`, which it refuses) and applies it to every region before the region's own values. \`tags\` takes at most ${MAX_STACK_TAGS} keys under AWS's tag rules and none of the platform's own (${PLATFORM_TAG_KEYS.join(", ")}); the tags the pack's required-tags policy names (${packLimits(
        "prod",
      )
        .requiredTags.filter((t) => !(PLATFORM_TAG_KEYS as readonly string[]).includes(t))
        .join(", ")}) are required.`,
      stackRows,
    ),
    "",
    table(
      "Region keys (`platform:regions[i].<key>`, or `platform:regionDefaults.<key>`)",
      `Required: \`region\` and \`zone\` (zones: ${Object.entries(RESIDENCY_ZONES)
        .map(([zone, regions]) => `\`${zone}\` = ${regions.join(", ")}`)
        .join("; ")}).`,
      regionRows,
    ),
  ].join("\n");
}

export const REFERENCE_START = "<!-- config-reference:start (generated by `npm run config-reference`; do not edit) -->";
export const REFERENCE_END = "<!-- config-reference:end -->";

/** README text with the reference block replaced by a freshly generated one. */
export function withReference(readme: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error("README.md has no config reference markers");
  return `${readme.slice(0, start + REFERENCE_START.length)}\n${configReference()}\n${readme.slice(end)}`;
}
