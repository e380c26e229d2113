import { z } from "zod";
import { describe } from "./common";

/**
 * Kubernetes object names, as the API server validates them (k8s.io/apimachinery
 * pkg/util/validation: IsDNS1035Label, IsDNS1123Label, IsDNS1123Subdomain).
 */

/** A Service name: DNS-1035 label, lower case, starting with a letter, at most 63 characters. */
export function dns1035Label(what: string) {
  return z.string({ error: (i) => `must be ${what} (a string), got ${typeof i.input}` }).regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, {
    error: (i) =>
      `must be ${what}: a DNS-1035 label of at most 63 lower-case letters, digits and "-", starting with a letter and ending with a letter or digit; got ${describe(i.input)}`,
  });
}

/** A namespace name: DNS-1123 label, lower case, at most 63 characters. */
export function dns1123Label(what: string) {
  return z.string({ error: (i) => `must be ${what} (a string), got ${typeof i.input}` }).regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, {
    error: (i) =>
      `must be ${what}: a DNS-1123 label of at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit; got ${describe(i.input)}`,
  });
}

/** A service account name: DNS-1123 subdomain, dot-separated labels, at most 253 characters. */
export function dns1123Subdomain(what: string) {
  return z
    .string({ error: (i) => `must be ${what} (a string), got ${typeof i.input}` })
    .max(253, { error: `must be ${what} of at most 253 characters` })
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
      error: (i) =>
        `must be ${what}: a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", starting and ending with a letter or digit); got ${describe(i.input)}`,
    });
}
