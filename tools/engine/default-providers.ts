/**
 * `pulumi:disable-default-providers`, as the engine applies it (pulumi/pulumi
 * pkg/resource/deploy/default_providers.go, `shouldDenyRequest`): the value is a JSON list of
 * package names, `*` meaning every package; an empty string disables nothing; the `pulumi`
 * package is never denied. A resource, remote component or invoke of a denied package that names
 * no provider of its own fails the deployment with diagnostic 2015 (sdk/go/common/diag/errors.go):
 * "Default provider for '<pkg>' disabled. '<urn>' must use an explicit provider."
 */
import { StackFileError } from "./stack-files";

export const DISABLE_DEFAULT_PROVIDERS = "pulumi:disable-default-providers";

/** Which packages may not use a default provider, from the stack's config (exit 2 when malformed). */
export function deniedDefaultProviders(config: Readonly<Record<string, string>>): (pkg: string) => boolean {
  const text = config[DISABLE_DEFAULT_PROVIDERS];
  if (text === undefined || text === "") return () => false;
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list)) {
    throw new StackFileError(`${DISABLE_DEFAULT_PROVIDERS}: must be a list of package names (or "*"), got ${JSON.stringify(text)}`);
  }
  const names = list.map((entry, i) => {
    if (typeof entry !== "string")
      throw new StackFileError(`${DISABLE_DEFAULT_PROVIDERS}[${i}]: must be a string, got ${JSON.stringify(entry)}`);
    return entry.trim();
  });
  return (pkg) => pkg !== "pulumi" && (names.includes("*") || names.includes(pkg));
}

/** The engine's refusal, word for word, plus where the setting comes from. */
export function defaultProviderDenied(pkg: string, what: string): string {
  return `Default provider for '${pkg}' disabled. '${what}' must use an explicit provider (${DISABLE_DEFAULT_PROVIDERS} in Pulumi.yaml)`;
}
