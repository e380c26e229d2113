/**
 * Edits of a stack file through the `yaml` Document API, so comments, key order and formatting
 * survive. Adding a region splices the new block into the original text: every byte outside it
 * stays as it was.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { AWS_REGION_NAMES } from "../../components/config/aws-regions";
import { CloneError } from "./errors";

/** Output options: no line folding, so long values stay on one line as written. */
export interface Layout {
  readonly indent: number;
  readonly indentSeq: boolean;
}

export function keyOf(pair: Pair<unknown, unknown>): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

export function parseStackDocument(text: string, stackFile: string): Document {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new CloneError(`${stackFile}: YAML syntax error: ${doc.errors[0].message.split("\n")[0]}`);
  return doc;
}

/** The `config:` mapping of a stack document. */
export function configMapOf(doc: Document, stackFile: string): YAMLMap {
  const config = isMap(doc.contents) ? doc.contents.get("config", true) : undefined;
  if (!isMap(config)) throw new CloneError(`${stackFile}: has no config: mapping to clone`);
  return config;
}

export interface RegionList {
  /** The key node (`platform:regions`), for its position in the text. */
  readonly key: Scalar | undefined;
  readonly seq: YAMLSeq;
}

/** The region list, written `platform:regions` (or bare `regions`). */
export function regionListOf(config: YAMLMap, project: string, stackFile: string): RegionList {
  const pair = config.items.find((p) => keyOf(p) === `${project}:regions` || keyOf(p) === "regions");
  if (!pair || !isSeq(pair.value)) throw new CloneError(`${stackFile}: ${project}:regions is not a list`);
  return { key: isScalar(pair.key) ? pair.key : undefined, seq: pair.value };
}

/** Sets a key of a mapping, reusing its scalar node (and so its quoting); new keys go after `after`. */
export function setValue(map: YAMLMap, key: string, value: string | number, after?: string): void {
  const node = map.get(key, true);
  if (isScalar(node)) {
    node.value = value;
    return;
  }
  const pair = new Pair(new Scalar(key), new Scalar(value));
  const index = after === undefined ? -1 : map.items.findIndex((p) => keyOf(p) === after);
  if (index >= 0) map.items.splice(index + 1, 0, pair);
  else map.items.push(pair);
}

export interface RegionEdit {
  readonly region: string;
  readonly zone: string;
  /** A CIDR to write, or undefined to leave `cidr:` out (allocated from the supernet slot). */
  readonly cidr?: string;
  /** An AZ count to write when the copied one does not fit the new region. */
  readonly azCount?: number;
  /** New DR replica region; undefined drops the replica. Only applied when the entry has one. */
  readonly drReplica?: string;
}

/** Rewrites a copied region entry for its new region. Returns where a copied value still names a region. */
export function editRegionEntry(entry: YAMLMap, edit: RegionEdit): string[] {
  setValue(entry, "region", edit.region);
  setValue(entry, "zone", edit.zone, "region");
  if (edit.cidr === undefined) entry.delete("cidr");
  else setValue(entry, "cidr", edit.cidr, "zone");
  if (edit.azCount !== undefined) setValue(entry, "azCount", edit.azCount, entry.has("cidr") ? "cidr" : "zone");
  const database = entry.get("database", true);
  if (isMap(database) && isMap(database.get("drReplica", true))) {
    const dr = database.get("drReplica", true) as unknown as YAMLMap;
    if (edit.drReplica !== undefined) setValue(dr, "region", edit.drReplica);
    else {
      database.delete("drReplica");
      if (database.items.length === 0) entry.delete("database");
    }
  }
  return regionMentions(entry, []);
}

/** Paths of scalars other than `region` and `database.drReplica.region` that name a region. */
function regionMentions(node: unknown, path: string[]): string[] {
  const found: string[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = String(keyOf(pair));
      const at = [...path, key];
      if (at.join(".") === "region" || at.join(".") === "database.drReplica.region") continue;
      found.push(...regionMentions(pair.value, at));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => found.push(...regionMentions(item, [...path, String(index)])));
  } else if (isScalar(node) && typeof node.value === "string" && mentionsRegion(node.value)) {
    found.push(path.join("."));
  }
  return found;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline + 1;
}

/** Indentation the file uses, read from the config mapping and the region list. */
export function layoutOf(text: string, config: YAMLMap, regions: RegionList): Layout {
  const column = (offset: number | undefined) => (offset === undefined ? 0 : offset - lineStart(text, offset));
  const first = config.items[0]?.key as Scalar | undefined;
  const indent = Math.max(1, column(first?.range?.[0])) || 2;
  const item = regions.seq.items[0] as YAMLMap | undefined;
  const dash = item?.range ? text.slice(lineStart(text, item.range[0]), item.range[0]).indexOf("-") : -1;
  return { indent, indentSeq: dash < 0 || dash > column(regions.key?.range?.[0]) };
}

export function render(doc: Document, layout: Layout): string {
  return doc.toString({ indent: layout.indent, indentSeq: layout.indentSeq, lineWidth: 0 });
}

/**
 * Copies region entry `sourceIndex` of the list, edits the copy and inserts it after entry
 * `afterIndex`. The copy is cut from the original text (so it is formatted like its source),
 * edited as its own Document and spliced back; everything else is left byte for byte. Returns
 * undefined when the list is not in plain block layout (the caller then re-renders the document).
 */
export function spliceRegionCopy(
  text: string,
  regions: YAMLSeq,
  sourceIndex: number,
  afterIndex: number,
  layout: Layout,
  edit: (entry: YAMLMap) => void,
): string | undefined {
  const source = regions.items[sourceIndex];
  const after = regions.items[afterIndex];
  if (!isMap(source) || !source.range || !isMap(after) || !after.range) return undefined;
  const start = lineStart(text, source.range[0]);
  const dashed = /^( *)- +$/.exec(text.slice(start, source.range[0]));
  if (!dashed) return undefined;
  const pad = dashed[1];
  const lines = text.slice(start, lineEnd(text, source.range[2])).replace(/\n$/, "").split("\n");
  if (lines.some((line) => line.trim() !== "" && !line.startsWith(pad))) return undefined;

  const block = parseDocument(`${lines.map((line) => line.slice(pad.length)).join("\n")}\n`);
  const entry = isSeq(block.contents) ? block.contents.items[0] : undefined;
  if (block.errors.length > 0 || !isMap(entry)) return undefined;
  edit(entry);
  const copy = block
    .toString({ indent: layout.indent, indentSeq: layout.indentSeq, lineWidth: 0 })
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => (line === "" ? line : pad + line))
    .join("\n");
  // Entries separated by blank lines get one before the copy too.
  const spaced = regions.items.slice(1).some((item) => (item as { spaceBefore?: boolean }).spaceBefore) ? "\n" : "";
  const at = lineEnd(text, after.range[2]);
  const head = text.slice(0, at);
  return `${head}${head.endsWith("\n") ? "" : "\n"}${spaced}${copy}\n${text.slice(at)}`;
}

/** A `{ secure: … }` value, encrypted by the stack's own secrets provider. */
function isSecureNode(node: unknown): boolean {
  return isMap(node) && node.items.length === 1 && keyOf(node.items[0]) === "secure" && isScalar(node.items[0].value);
}

export interface RemovedSecret {
  /** The top-level config key, e.g. `platform:dbPassword`. */
  readonly key: string;
  /** Path inside a structured value (`pulumi config set --path`), or undefined for the whole key. */
  readonly path?: string;
}

/**
 * A map key as a segment of a Pulumi property path (`pulumi config set --path`): `.name`, or
 * `["a.b"]` for a key the path syntax would split (pulumi/pulumi resource/properties_path.go).
 */
function propertySegment(key: string): string {
  return /^[^.[\]"]+$/.test(key) ? `.${key}` : `["${key.replace(/"/g, '\\"')}"]`;
}

/** Removes every `secure:` value from a config mapping and says where they were. */
export function removeSecureValues(config: YAMLMap): RemovedSecret[] {
  const removed: RemovedSecret[] = [];
  const walk = (node: unknown, key: string, path: string): void => {
    if (isMap(node)) {
      for (const pair of [...node.items]) {
        const child = `${path}${propertySegment(String(keyOf(pair)))}`;
        if (isSecureNode(pair.value)) {
          node.delete(pair.key);
          removed.push({ key, path: child });
        } else walk(pair.value, key, child);
      }
    } else if (isSeq(node)) {
      for (let index = node.items.length - 1; index >= 0; index--) {
        const child = `${path}[${index}]`;
        if (isSecureNode(node.items[index])) {
          node.items.splice(index, 1);
          removed.push({ key, path: child });
        } else walk(node.items[index], key, child);
      }
    }
  };
  for (const pair of [...config.items]) {
    const key = String(keyOf(pair));
    if (isSecureNode(pair.value)) {
      config.delete(pair.key);
      removed.push({ key });
    } else walk(pair.value, key, key);
  }
  return removed;
}

/** True when a scalar names a catalogue region (a value that may be bound to its region). */
function mentionsRegion(value: string): boolean {
  return AWS_REGION_NAMES.some((name) => value.includes(name));
}
