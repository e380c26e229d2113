/**
 * The subset of JSON Schema the pack's config schemas use, checked the way the CLI checks a
 * `--policy-pack-config` file (it uses gojsonschema) so a bad file fails offline too.
 */
import type { PolicyConfigJSONSchema, PolicyConfigJSONSchemaDefinition } from "@pulumi/policy/schema";

export function validateJsonSchema(value: unknown, schema: PolicyConfigJSONSchemaDefinition, path: string): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: is not allowed`];
  const errors: string[] = [];
  const s: PolicyConfigJSONSchema = schema;
  if (s.type !== undefined) {
    const types = [s.type].flat();
    if (!types.some((t) => hasType(value, t))) return [`${path}: must be ${types.join(" or ")}, got ${describe(value)}`];
  }
  if (s.enum !== undefined && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(`${path}: must be one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${describe(value)}`);
  }
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${path}: must be at least ${s.minimum}, got ${value}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${path}: must be at most ${s.maximum}, got ${value}`);
  }
  if (typeof value === "string") {
    if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${path}: must be at least ${s.minLength} characters`);
    if (s.pattern !== undefined && !new RegExp(s.pattern).test(value))
      errors.push(`${path}: must match ${s.pattern}, got ${describe(value)}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) errors.push(`${path}: must have at least ${s.minItems} item(s)`);
    if (s.maxItems !== undefined && value.length > s.maxItems) errors.push(`${path}: must have at most ${s.maxItems} item(s)`);
    if (s.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${path}: items must be unique`);
    if (s.items !== undefined && !Array.isArray(s.items)) {
      const items = s.items;
      value.forEach((v, i) => errors.push(...validateJsonSchema(v, items, `${path}[${i}]`)));
    }
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in record)) errors.push(`${path}.${key}: is required`);
    if (s.minProperties !== undefined && Object.keys(record).length < s.minProperties)
      errors.push(`${path}: must have at least ${s.minProperties} key(s)`);
    for (const [key, v] of Object.entries(record)) {
      const own = s.properties?.[key];
      if (own !== undefined) errors.push(...validateJsonSchema(v, own, `${path}.${key}`));
      else if (s.additionalProperties !== undefined) {
        errors.push(
          ...(s.additionalProperties === false
            ? [`${path}.${key}: unknown key; allowed: ${Object.keys(s.properties ?? {}).join(", ")}`]
            : validateJsonSchema(v, s.additionalProperties, `${path}.${key}`)),
        );
      }
    }
  }
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

function describe(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 60) ?? String(value);
}
