import { createHash } from "node:crypto";

/** The account the offline plan pretends to deploy into (AWS's documentation account). */
export const OFFLINE_ACCOUNT_ID = "111122223333";

/** Deterministic lower-case hex derived from a seed (a URN), so plans are reproducible. */
export function hex(seed: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
  return out.slice(0, length);
}

/** Deterministic upper-case alphanumerics (AWS's style for many generated ids). */
export function alnum(seed: string, length: number, upper = true): string {
  const alphabet = upper ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" : "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = Buffer.from(hex(seed, length * 2), "hex");
  return Array.from(bytes.subarray(0, length), (b) => alphabet[b % alphabet.length]).join("");
}

export function arn(service: string, region: string, resource: string, account: string = OFFLINE_ACCOUNT_ID): string {
  return `arn:aws:${service}:${region}:${account}:${resource}`;
}

/** `8-4-4-4-12` lower-case hex derived from a seed (callers keep their historical seeds). */
export function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A random (version 4, variant a) UUID's shape derived from a seed. */
export function uuidV4(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
