/**
 * Reading Pulumi.yaml and stack files as hostile input: bounded size, bounded time, and every
 * problem reported as `<file>:<line>:<col>: <key path>: what is wrong; what is allowed`.
 *
 * The Pulumi CLI reads these files with go-yaml v3 (pulumi/pulumi sdk/go/common/workspace/loaders.go,
 * `LoadProjectStackBytes`), which refuses duplicate keys and expands `<<` merge keys; we parse with
 * the `yaml` library set up the same way, keep its own alias limit (`maxAliasCount`), and refuse
 * what the two parsers would read differently instead of guessing.
 */
import * as fs from "node:fs";
import {
  Alias,
  Document,
  LineCounter,
  Node,
  Pair,
  YAMLParseError,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
} from "yaml";

/** A problem with Pulumi.yaml or a stack file itself (not its values): exit code 2. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

/**
 * Largest Pulumi.yaml or stack file we read: the committed stacks are 1-2 KiB, so 128 KiB leaves
 * room for any real stack and bounds the worst case (a flow list of 60,000 items) to about a
 * second of parsing on a 2-core machine.
 */
export const MAX_FILE_BYTES = 128 * 1024;
/** Deepest nesting of mappings and lists; stack config is a few levels deep. */
export const MAX_DEPTH = 32;
/** The `yaml` library's own alias expansion limit (its default), which stops alias bombs. */
export const MAX_ALIAS_COUNT = 100;

/** Tags of YAML's core schema: anything else (!!binary, !!set, custom tags) is read differently by each parser. */
const CORE_TAGS = new Set([
  "tag:yaml.org,2002:str",
  "tag:yaml.org,2002:int",
  "tag:yaml.org,2002:float",
  "tag:yaml.org,2002:bool",
  "tag:yaml.org,2002:null",
  "tag:yaml.org,2002:map",
  "tag:yaml.org,2002:seq",
]);

export interface YamlFile {
  /** The file's content as plain JavaScript values (mappings as objects with string keys). */
  readonly value: unknown;
  readonly document: Document;
  /** `file:line:col` of a node, for errors about values found later. */
  readonly where: (node: Node | undefined) => string;
}

/** Reads at most MAX_FILE_BYTES of a regular file as strict UTF-8, without a byte-order mark. */
function readBounded(file: string, label: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new StackFileError(`${label}: cannot be read`);
  }
  if (!stat.isFile()) throw new StackFileError(`${label}: is not a regular file`);
  const tooLarge = () =>
    new StackFileError(
      `${label}: is larger than ${MAX_FILE_BYTES / 1024} KiB; a stack file holds settings, not data (split it, or shorten it)`,
    );
  if (stat.size > MAX_FILE_BYTES) throw tooLarge();
  const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
  const fd = fs.openSync(file, "r");
  let length: number;
  try {
    length = fs.readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (length > MAX_FILE_BYTES) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buffer.subarray(0, length));
  } catch {
    throw new StackFileError(`${label}: is not valid UTF-8 text`);
  }
}

/** `config.platform:regions[0].queues`: where a node sits, from the ancestors `visit` passes. */
function keyPath(ancestors: readonly unknown[], node: unknown): string {
  let text = "";
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isPair(parent) && isScalar(parent.key)) text += `${text === "" ? "" : "."}${String(parent.key.value)}`;
    else if (isSeq(parent) && child !== undefined) text += `[${parent.items.indexOf(child as never)}]`;
  }
  return text;
}

/** A plain scalar go-yaml v3 (YAML 1.1 integers) reads as a different number than YAML 1.2 does. */
function readDifferently(source: string): string | undefined {
  const sign = /^[-+]/.test(source) ? source[0] : "";
  const digits = source.slice(sign.length);
  if (/^0[0-7]+$/.test(digits) && parseInt(digits, 8) !== parseInt(digits, 10)) {
    return `${source} is the number ${sign}${parseInt(digits, 8)} to the Pulumi CLI (a leading 0 means octal to its YAML parser) but ${sign}${parseInt(digits, 10)} here; write it without the leading zero, or quote it as a string`;
  }
  if (/^0b[01_]+$/.test(digits) || /^[0-9][0-9_]*_[0-9_]*$/.test(digits)) {
    return `${source} is a number to the Pulumi CLI (YAML 1.1 binary or digit separators) but a string here; write it as a plain decimal number, or quote it as a string`;
  }
  return undefined;
}

/**
 * Parses a YAML file into plain values, refusing (with file, line and key path) what either parser
 * would refuse or read differently: syntax errors, several documents, duplicate keys, undefined
 * aliases, alias bombs, non-core tags, keys that are not scalars, YAML 1.1 number forms, deep nesting.
 */
export function readYamlFile(file: string, label: string): YamlFile {
  const text = readBounded(file, label);
  const lineCounter = new LineCounter();
  // uniqueKeys is checked below: the library's own check is quadratic in the number of keys.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false, merge: true, lineCounter });
  const where = (node: Node | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return label;
    const { line, col } = lineCounter.linePos(offset);
    return `${label}:${line}:${col}`;
  };
  const problem = document.errors[0];
  if (problem) {
    const at = problem instanceof YAMLParseError && problem.linePos ? `:${problem.linePos[0].line}:${problem.linePos[0].col}` : "";
    const message = problem.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new StackFileError(`${label}${at}: YAML syntax error: ${message}`);
  }

  const aliases = new Map<Alias, string>();
  const fail = (node: Node, ancestors: readonly unknown[], message: string): never => {
    const full = keyPath(ancestors, node);
    const path = full.length > 100 ? `${full.slice(0, 100)}…` : full;
    throw new StackFileError(`${where(node)}: ${path === "" ? "" : `${path}: `}${message}`);
  };
  visit(document, {
    Node(_key, node, ancestors) {
      const depth = ancestors.filter((a) => isCollection(a)).length;
      if (depth > MAX_DEPTH) fail(node, ancestors, `nested more than ${MAX_DEPTH} levels deep; stack config needs a few`);
      if (isAlias(node)) aliases.set(node, keyPath(ancestors, node));
      else if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
        const tag = node.tag.replace(/^tag:yaml\.org,2002:/, "!!");
        fail(node, ancestors, `YAML tag ${tag} is not supported; use plain strings, numbers, booleans, lists and mappings`);
      }
      if (isScalar(node) && node.type === "PLAIN" && typeof node.source === "string" && node.tag === undefined) {
        const different = readDifferently(node.source);
        if (different) fail(node, ancestors, different);
      }
      if (isMap(node)) {
        const seen = new Map<string, Pair>();
        for (const pair of node.items) {
          if (!isScalar(pair.key)) {
            fail(
              (pair.key as Node | null) ?? node,
              [...ancestors, node],
              "a mapping key must be a plain string, not a list, mapping or alias",
            );
          }
          const name = String((pair.key as { value: unknown }).value);
          const first = seen.get(name);
          if (first && name !== "<<") {
            const { line } = lineCounter.linePos((first.key as Node).range?.[0] ?? 0);
            fail(
              pair.key as Node,
              [...ancestors, node],
              `duplicate key "${name}" (first set on line ${line}); the Pulumi CLI refuses a mapping with a key twice`,
            );
          }
          seen.set(name, pair);
        }
      }
    },
  });

  // Conversion resolves aliases; track which one is being expanded, so its errors have a line.
  let current: Alias | undefined;
  for (const alias of aliases.keys()) {
    const ownToJSON = Alias.prototype.toJSON;
    alias.toJSON = function (this: Alias, arg: unknown, ctx: unknown) {
      current = alias;
      return ownToJSON.call(this, arg as string, ctx as never);
    } as Alias["toJSON"];
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError) || current === undefined) throw error;
    const path = aliases.get(current);
    const at = `${where(current)}${path ? `: ${path}` : ""}`;
    if (/^Unresolved alias/.test(error.message)) {
      throw new StackFileError(`${at}: alias *${current.source} refers to no anchor; define &${current.source} before it is used`);
    }
    if (/^Excessive alias count/.test(error.message)) {
      throw new StackFileError(
        `${at}: alias *${current.source} expands past the limit of ${MAX_ALIAS_COUNT} alias expansions (an alias bomb); repeat fewer values through anchors`,
      );
    }
    throw new StackFileError(`${at}: alias *${current.source}: ${error.message}`);
  }
  return { value, document, where };
}
