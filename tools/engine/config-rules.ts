/**
 * A stack file's `config:` merged with Pulumi.yaml's declarations exactly as the Pulumi CLI does
 * before it runs a program, so a stack the CLI would refuse is refused offline too (exit 2).
 *
 * Read at the source (pulumi/pulumi, 2026-08):
 * - pkg/workspace/config.go `mergeConfig` (`ValidateStackConfigAndApplyProjectConfig`): a project
 *   key declared with neither `default` nor `value` and absent from the stack is required ("Stack
 *   'dev' is missing configuration value 'observability'"); a default or value fills a key the
 *   stack does not set; each explicitly typed key is checked by `validateStackConfigValue`: a
 *   `secret: true` key must be `secure:`, and the value must conform to its type (scalars arrive as
 *   text, structured values as JSON, see `ValidateConfigValue` in sdk/go/common/workspace/project.go).
 * - sdk/go/common/resource/config/key.go `ParseKey`: `<namespace>:<name>`, or the legacy
 *   `<namespace>:config:<name>`; a key without a namespace is the project's
 *   (workspace/loaders.go `stackConfigNamespacedWithProject`).
 * - sdk/go/common/resource/config/object.go: `{ secure: <string> }` is a ciphertext; the stack's
 *   secrets provider decrypts it or the CLI fails: passphrase and cloud providers take
 *   `v1:<base64 12-byte nonce>:<base64 AES-GCM ciphertext>` (config/crypt.go `symmetricCrypter.DecryptValue`),
 *   the Pulumi Cloud provider standard base64 (pkg/secrets/service/manager.go `DecryptValue`).
 *
 * One rule is ours, not the CLI's: a namespace an edit away from the project's or a provider's
 * (`platfrom:edge`) is refused, where the CLI would hand it to nobody and the setting would be lost.
 */
import { ConfigError, ConfigIssue } from "../../components/config/errors";
import { closest } from "../../components/config/messages";
import { describe } from "../../components/config/tiers/common";
import { ConfigDeclaration, ProjectFile, conforms, typeLabel } from "./project-file";

/** Placeholder for a `secure:` value, which only the stack's secrets provider can decrypt. */
export const SECURE_PLACEHOLDER = "offline-plan-cannot-decrypt-secure-value";

/**
 * Namespaces of the providers this program configures (`aws:region`, `kubernetes:...`), besides
 * the project's own. A test keeps it equal to the `@pulumi/*` packages in package.json.
 */
export const PROVIDER_NAMESPACES = ["aws", "awsx", "kubernetes", "random", "pulumi"] as const;

export interface MergedConfig {
  /** Namespaced keys (`platform:regions`) to the string form the engine hands a program. */
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
  /** Keys whose values were `secure:` and so are placeholders offline. */
  readonly secureKeys: string[];
}

type SecretsFormat = "symmetric" | "service";

/** Which ciphertext format the stack's secrets provider decrypts (see the file comment). */
export function secretsFormatOf(stackDocument: Record<string, unknown>): SecretsFormat {
  const set = (key: string) => typeof stackDocument[key] === "string" && stackDocument[key] !== "";
  return set("encryptionsalt") || set("encryptedkey") ? "symmetric" : "service";
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const decodedLength = (b64: string) => (b64.length / 4) * 3 - (b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0);

/** Why a ciphertext cannot be what the stack's secrets provider wrote, or undefined. */
function ciphertextProblem(text: string, format: SecretsFormat): string | undefined {
  if (format === "service") {
    return BASE64.test(text.replace(/[\r\n]/g, "")) && text !== ""
      ? undefined
      : "is not a Pulumi Cloud ciphertext (standard base64); set it with pulumi config set --secret";
  }
  const parts = text.split(":");
  const ok =
    parts.length === 3 &&
    parts[0] === "v1" &&
    BASE64.test(parts[1]) &&
    BASE64.test(parts[2]) &&
    decodedLength(parts[1]) === 12 &&
    decodedLength(parts[2]) >= 16;
  return ok
    ? undefined
    : "is not a ciphertext of this stack's secrets provider (v1:<base64 nonce>:<base64 ciphertext>, as written by pulumi config set --secret)";
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isSecure = (v: unknown): v is { secure: unknown } => isObject(v) && Object.keys(v).length === 1 && "secure" in v;

/** Marks where a ciphertext stood once secure values are replaced: its plaintext is unknown offline. */
const UNKNOWN_SECRET = Symbol("unknown secret");

/** Does a value whose secrets are unknown conform? Unknown plaintext passes any scalar type. */
function conformsWithSecrets(declaration: ConfigDeclaration, content: unknown): boolean {
  const check = (type: ConfigDeclaration["type"], items: ConfigDeclaration["items"], value: unknown): boolean => {
    if (value === UNKNOWN_SECRET) return type === "string" || type === "integer" || type === "boolean";
    if (type === "array" && Array.isArray(value)) return items !== undefined && value.every((v) => check(items.type, items.items, v));
    return conforms(type!, items, value);
  };
  return check(declaration.type, declaration.items, content);
}

/** The key as the CLI parses it, or why it cannot. */
function parseKey(project: string, key: string): { name: string; namespace: string } | string {
  const parts = key.split(":");
  if (parts.length === 1) return { namespace: project, name: `${project}:${key}` };
  if (parts.length === 2 && parts[0] !== "" && parts[1] !== "") return { namespace: parts[0], name: key };
  if (parts.length === 3 && parts[1] === "config" && parts[0] !== "" && parts[2] !== "") {
    return { namespace: parts[0], name: `${parts[0]}:${parts[2]}` };
  }
  return "is not a config key; write <name> for this project's settings or <namespace>:<name> (e.g. aws:region)";
}

/** The namespace a near miss was meant to be: `platfrom` -> `platform`, `Platform` -> `platform`. */
function intendedNamespace(namespace: string, known: readonly string[]): string | undefined {
  if (known.includes(namespace)) return undefined;
  const lower = namespace.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  const near = closest(lower, known, 2);
  if (near === undefined) return undefined;
  // One edit for short names (aws, awsx), two for longer ones (platform, kubernetes).
  return near.length <= 5 ? closest(lower, [near], 1) : near;
}

/**
 * Merges the stack's `config:` with the project's declarations and checks both as the CLI does.
 * Every problem is collected into one ConfigError naming the stack file and key path.
 */
export function mergeStackConfig(
  project: ProjectFile,
  stackFile: string,
  rawConfig: Record<string, unknown>,
  format: SecretsFormat,
): MergedConfig {
  const issues: ConfigIssue[] = [];
  const report = (path: string, message: string) => issues.push({ path, message });
  const known = [project.name, ...PROVIDER_NAMESPACES];
  const values = new Map<string, { written: string; value: unknown }>();

  for (const [key, value] of Object.entries(rawConfig)) {
    const parsed = parseKey(project.name, key);
    if (typeof parsed === "string") {
      report(key, parsed);
      continue;
    }
    const meant = intendedNamespace(parsed.namespace, known);
    if (meant !== undefined) {
      const name = parsed.name.slice(parsed.namespace.length + 1);
      report(
        key,
        `unknown namespace "${parsed.namespace}" (did you mean "${meant}:${name}"?); this project reads ${project.name}:<key>, providers read ${PROVIDER_NAMESPACES.join(":, ")}:; a key in any other namespace is read by no one`,
      );
      continue;
    }
    const twice = values.get(parsed.name);
    if (twice) {
      report(key, `sets ${parsed.name} a second time (also written as ${twice.written}); keep one`);
      continue;
    }
    values.set(parsed.name, { written: key, value });
  }

  // secure: values, wherever they sit, must be ciphertexts the stack's secrets provider can open.
  const checkSecure = (value: unknown, path: string): void => {
    if (isSecure(value)) {
      const text = value.secure;
      if (typeof text !== "string" || text === "") {
        report(path, `secure: must be the ciphertext string pulumi config set --secret writes, got ${describe(text)}`);
      } else {
        const problem = ciphertextProblem(text, format);
        if (problem) report(path, `secure: ${problem}`);
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => checkSecure(v, `${path}[${i}]`));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) checkSecure(v, `${path}.${k}`);
  };
  for (const [name, { value }] of values) checkSecure(value, name);

  for (const declaration of project.declarations) {
    const present = values.get(declaration.name);
    if (present === undefined) {
      const fallback = declaration.value ?? declaration.default;
      if (fallback !== undefined) values.set(declaration.name, { written: declaration.key, value: fallback });
      else if (declaration.namespace === project.name) {
        report(
          declaration.name,
          `is required: Pulumi.yaml declares it with no default, so the Pulumi CLI refuses a stack without it; set it here${declaration.description ? `: ${declaration.description}` : ""}`,
        );
      }
      continue;
    }
    if (declaration.secret && !containsSecure(present.value)) {
      report(present.written, "must be a secret: Pulumi.yaml declares secret: true; set it with pulumi config set --secret");
    }
    if (declaration.type === undefined) continue;
    if (!conformsWithSecrets(declaration, contentOf(present.value))) {
      report(
        present.written,
        `must be of type ${typeLabel(declaration.type, declaration.items)} as Pulumi.yaml declares (the Pulumi CLI refuses the stack otherwise), got ${describe(present.value)}`,
      );
    }
  }
  if (issues.length > 0) throw new ConfigError(stackFile, issues);

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const secureKeys: string[] = [];
  for (const [name, { value }] of values) {
    const { text, secure } = toConfigText(value);
    config[name] = text;
    if (secure) {
      secretKeys.push(name);
      secureKeys.push(name);
    }
  }
  return { config, secretKeys, secureKeys };
}

function containsSecure(value: unknown): boolean {
  if (isSecure(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecure);
  return isObject(value) && Object.values(value).some(containsSecure);
}

/**
 * The value `ValidateConfigValue` sees: a scalar as its text (config values are strings), a
 * structured value as parsed JSON, a ciphertext as its unknown plaintext, null as null.
 */
function contentOf(value: unknown): unknown {
  if (isSecure(value)) return UNKNOWN_SECRET;
  if (value === null) return null;
  if (typeof value !== "object") return String(value);
  const replace = (v: unknown): unknown => {
    if (isSecure(v)) return UNKNOWN_SECRET;
    if (Array.isArray(v)) return v.map(replace);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x)]));
    return v;
  };
  return replace(value);
}

/** The text the engine hands the program: scalars as text, structured values as JSON, secrets as placeholders. */
function toConfigText(value: unknown): { text: string; secure: boolean } {
  let secure = false;
  const replaceSecure = (v: unknown): unknown => {
    if (isSecure(v)) {
      secure = true;
      return SECURE_PLACEHOLDER;
    }
    if (Array.isArray(v)) return v.map(replaceSecure);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceSecure(x)]));
    return v;
  };
  const plain = replaceSecure(value);
  if (typeof plain === "string") return { text: plain, secure };
  if (plain !== null && typeof plain === "object") return { text: JSON.stringify(plain), secure };
  return { text: String(plain), secure };
}
