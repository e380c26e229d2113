/**
 * Values as the offline plan records them. Secrets stay wrapped in `Secret`, whose JSON form and
 * printed form are a mask, so no output path can leak one by accident; policies unwrap them the
 * way the analyzer does.
 */
import { inspect } from "node:util";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const SECRET_MASK = "[secret]";

export class Secret {
  constructor(public readonly value: unknown) {}
  toJSON(): string {
    return SECRET_MASK;
  }
  toString(): string {
    return SECRET_MASK;
  }
  [inspect.custom](): string {
    return SECRET_MASK;
  }
}

/** A value the engine would only know after deployment. */
export class Unknown {
  toJSON(): string {
    return "[unknown]";
  }
  [inspect.custom](): string {
    return "[unknown]";
  }
}
export const UNKNOWN_VALUE = new Unknown();

/** A reference to another resource, as the engine passes resource references. */
export class ResourceRef {
  constructor(
    public readonly urn: string,
    public readonly id?: string,
  ) {}
  toJSON(): string {
    return this.id ?? this.urn;
  }
}

/** Converts the wire form of properties (gRPC struct as JS) into plan values. */
export function fromWire(value: unknown, mapUrn: (urn: string) => string = (u) => u): unknown {
  if (value === UNKNOWN) return UNKNOWN_VALUE;
  if (Array.isArray(value)) return value.map((v) => fromWire(v, mapUrn));
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    switch (record[SIG_KEY]) {
      case SECRET_SIG:
        return new Secret(fromWire(record.value, mapUrn));
      case RESOURCE_SIG:
        return new ResourceRef(mapUrn(String(record.urn)), typeof record.id === "string" ? record.id : undefined);
      case ASSET_SIG:
      case ARCHIVE_SIG:
        return `[asset ${String(record.path ?? record.uri ?? "text")}]`;
      default: {
        const result: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(record)) result[k] = fromWire(v, mapUrn);
        return result;
      }
    }
  }
  return value;
}

/** The plain value with every secret unwrapped (what policies and mocks read). */
export function reveal(value: unknown): unknown {
  if (value instanceof Secret) return reveal(value.value);
  if (value instanceof ResourceRef) return value.id ?? value.urn;
  if (Array.isArray(value)) return value.map(reveal);
  if (value !== null && typeof value === "object" && !(value instanceof Unknown)) {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) result[k] = reveal(v);
    return result;
  }
  return value;
}

/** Dotted paths of every secret inside a value, e.g. `authToken`, `outputs.kubeconfig`. */
export function secretPaths(value: unknown, prefix = ""): string[] {
  if (value instanceof Secret) return [prefix || "(whole value)"];
  if (Array.isArray(value)) return value.flatMap((v, i) => secretPaths(v, `${prefix}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => secretPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

export function containsUnknown(value: unknown): boolean {
  if (value instanceof Unknown) return true;
  if (value instanceof Secret) return containsUnknown(value.value);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
