import * as fs from "node:fs";
import * as path from "node:path";
import { SECURE_PLACEHOLDER, mergeStackConfig, secretsFormatOf } from "./config-rules";
import { NAME_PATTERN, loadProjectFile } from "./project-file";
import { StackFileError, readYamlFile } from "./yaml-file";
import { closest } from "../../components/config/messages";

export { SECURE_PLACEHOLDER, StackFileError };

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

/** Top-level keys of a stack file (pulumi/pulumi sdk/go/common/workspace/project.go `ProjectStack`). */
const STACK_FILE_KEYS = ["config", "environment", "secretsprovider", "encryptedkey", "encryptionsalt"];

/**
 * Why `name` is not a stack name, or undefined. The CLI's rule (pulumi/pulumi
 * sdk/go/common/tokens/stack_name.go `ParseStackName`): 1-100 alphanumerics, `-`, `_` or `.`. So a
 * name never holds a path separator and `Pulumi.<name>.yaml` stays inside the project.
 */
export function stackNameProblem(name: string): string | undefined {
  if (name === "") return "a stack name may not be empty";
  if (name.length > 100) return "a stack name cannot exceed 100 characters";
  const bad = [...name].findIndex((c) => !/[A-Za-z0-9_.-]/.test(c));
  if (bad >= 0) {
    const qualified = name.split("/").every((part) => /^[A-Za-z0-9_.-]+$/.test(part) && part !== "." && part !== "..");
    const hint = qualified ? " (offline tools take the stack's own name, not org/project/stack)" : "";
    return `a stack name may only contain letters, digits, "-", "_" or "." (the Pulumi CLI's rule): invalid character ${JSON.stringify(name[bad])} at position ${bad}${hint}`;
  }
  return NAME_PATTERN.test(name) ? undefined : "not a stack name";
}

/** Stack names the project has files for (`Pulumi.<name>.yaml`). */
export function listStacks(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined && stackNameProblem(s) === undefined)
    .sort();
}

/**
 * Loads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a program:
 * keys namespaced by the project, structured values as JSON, project defaults applied, and the
 * CLI's refusals (required keys, declared types, secrets) as errors naming file and key.
 */
export function loadStack(dir: string, stack: string): LoadedStack {
  const invalid = stackNameProblem(stack);
  if (invalid) throw new StackFileError(`stack ${JSON.stringify(stack)}: ${invalid}`);
  const project = loadProjectFile(path.join(dir, "Pulumi.yaml"));
  const stackFile = `Pulumi.${stack}.yaml`;
  const stackPath = path.join(dir, stackFile);
  if (!fs.existsSync(stackPath)) {
    throw new StackFileError(`${stackFile}: no such stack file; stacks in this project: ${listStacks(dir).join(", ") || "(none)"}`);
  }
  const document = readYamlFile(stackPath, stackFile).value ?? {};
  if (typeof document !== "object" || Array.isArray(document)) {
    throw new StackFileError(`${stackFile}: must be a mapping with a config: section`);
  }
  const top = document as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (STACK_FILE_KEYS.includes(key)) continue;
    const near = closest(key, STACK_FILE_KEYS, 2);
    throw new StackFileError(
      `${stackFile}: ${key}: unknown top-level key${near ? ` (did you mean "${near}"?)` : ""}; a stack file has ${STACK_FILE_KEYS.join(", ")}`,
    );
  }
  const raw = top.config ?? {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new StackFileError(`${stackFile}: config: must be a mapping of keys to values`);
  }
  const merged = mergeStackConfig(project, stackFile, raw as Record<string, unknown>, secretsFormatOf(top));
  return { project: project.name, stack, stackFile, stackPath, ...merged };
}
