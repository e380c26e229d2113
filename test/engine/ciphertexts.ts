import { randomBytes } from "node:crypto";

/**
 * Ciphertexts shaped like the ones `pulumi config set --secret` writes (their content is random:
 * nothing offline can decrypt them). Passphrase and cloud secrets providers write
 * `v1:<base64 12-byte nonce>:<base64 AES-GCM ciphertext>`; Pulumi Cloud writes plain base64.
 */
export const passphraseCiphertext = (): string => `v1:${randomBytes(12).toString("base64")}:${randomBytes(24).toString("base64")}`;
export const serviceCiphertext = (): string => randomBytes(40).toString("base64");
/** The `encryptionsalt:` line of a stack file on the passphrase provider. */
export const passphraseSalt = (): string =>
  `v1:${randomBytes(8).toString("base64")}:v1:${randomBytes(12).toString("base64")}:${randomBytes(24).toString("base64")}`;
