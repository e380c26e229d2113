import * as fs from "node:fs";
import * as path from "node:path";
import { YAMLParseError, parse, parseDocument } from "yaml";

/** Placeholder for a `secure:` value, which only the stack's secrets provider can decrypt. */
export const SECURE_PLACEHOLDER = "offline-plan-cannot-decrypt-secure-value";

/** A problem with Pulumi.yaml or a stack file itself (not its values): exit code 2. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export interface LoadedStack {
  readonly project: string;
  readonly stack: string;
  /** Stack file name relative to the project, as errors show it. */
  readonly stackFile: string;
  readonly stackPath: string;
  /** Namespaced keys (`platform:regions`) to the string form the engine hands a program. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  /** Keys whose values were `secure:` and so are placeholders offline. */
  readonly secureKeys: readonly string[];
}

/** Stack names the project has files for (`Pulumi.<name>.yaml`). */
export function listStacks(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

function readYaml(file: string, label: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new StackFileError(`${label}: cannot be read`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const where = problem instanceof YAMLParseError && problem.linePos ? `:${problem.linePos[0].line}:${problem.linePos[0].col}` : "";
    throw new StackFileError(
      `${label}${where}: YAML syntax error: ${problem.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`,
    );
  }
  return doc.toJS();
}

/**
 * Loads Pulumi.yaml and Pulumi.<stack>.yaml the way the CLI hands config to a program: keys
 * namespaced by the project, structured values as JSON text, project-level defaults applied.
 */
export function loadStack(dir: string, stack: string): LoadedStack {
  const project = readYaml(path.join(dir, "Pulumi.yaml"), "Pulumi.yaml") as { name?: unknown; config?: Record<string, unknown> } | null;
  if (!project || typeof project.name !== "string") throw new StackFileError("Pulumi.yaml: must name the project (name: ...)");
  const stackFile = `Pulumi.${stack}.yaml`;
  const stackPath = path.join(dir, stackFile);
  if (!fs.existsSync(stackPath)) {
    throw new StackFileError(`${stackFile}: no such stack file; stacks in this project: ${listStacks(dir).join(", ") || "(none)"}`);
  }
  const document = readYaml(stackPath, stackFile) as { config?: unknown } | null;
  const raw = document?.config ?? {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new StackFileError(`${stackFile}: config: must be a mapping of keys to values`);

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const secureKeys: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const name = key.includes(":") ? key : `${project.name}:${key}`;
    const { text, secure } = toConfigText(value);
    config[name] = text;
    if (secure) {
      secretKeys.push(name);
      secureKeys.push(name);
    }
  }
  for (const [key, declared] of Object.entries(project.config ?? {})) {
    const name = key.includes(":") ? key : `${project.name}:${key}`;
    const fallback = (declared as { default?: unknown } | null)?.default;
    if (config[name] === undefined && fallback !== undefined) config[name] = toConfigText(fallback).text;
  }
  return { project: project.name, stack, stackFile, stackPath, config, secretKeys, secureKeys };
}

function toConfigText(value: unknown): { text: string; secure: boolean } {
  let secure = false;
  const replaceSecure = (v: unknown): unknown => {
    if (isSecure(v)) {
      secure = true;
      return SECURE_PLACEHOLDER;
    }
    if (Array.isArray(v)) return v.map(replaceSecure);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceSecure(x)]));
    return v;
  };
  const plain = replaceSecure(value);
  if (typeof plain === "string") return { text: plain, secure };
  if (plain !== null && typeof plain === "object") return { text: JSON.stringify(plain), secure };
  return { text: String(plain), secure };
}

function isSecure(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { secure?: unknown }).secure === "string"
  );
}

/** Parses YAML text without the Document API (for tools that only read). */
export function parseYaml(text: string): unknown {
  return parse(text);
}
