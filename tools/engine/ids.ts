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
