/** `clone-stack`: a new stack file from an existing one, with its regions replaced. */
import * as fs from "node:fs";
import * as path from "node:path";
import { YAMLMap, isMap, isScalar } from "yaml";
import { ConfigError } from "../../components/config/errors";
import { PlatformConfig } from "../../components/config/stack-config";
import { Cidr, cidr, formatCidr, overlaps, parseCidr } from "../../policies/lib/cidr";
import { listStacks, stackNameProblem } from "../engine/stack-files";
import { hasControlCharacters, shellCommand } from "../shell";
import { RegionCidr, allocateRegionCidr, freshSupernet } from "./cidr-choice";
import { unifiedDiff } from "./diff";
import { staleComments } from "./stale-comments";
import { CloneError } from "./errors";
import { azCountOf, drRing, requireInZone, requireRegion, requireZone, zoneOf } from "./regions";
import { committedNetworks, resolveStack, validateStackText } from "./stacks";
import {
  RemovedSecret,
  configMapOf,
  editRegionEntry,
  keyOf,
  layoutOf,
  parseStackDocument,
  regionListOf,
  removeSecureValues,
  render,
  setValue,
} from "./yaml-edit";

export interface CloneStackOptions {
  readonly dir: string;
  /** Source stack name. */
  readonly from: string;
  /** New stack name. */
  readonly to: string;
  /** Residency zone every new region must be in; without it, only zones the source already uses. */
  readonly zone?: string;
  /** The new stack's regions, in order; each takes the settings of the source's region of that name, else of its zone's first. */
  readonly regions: readonly string[];
  /** A supernet to use instead of a fresh one chosen automatically. */
  readonly supernet?: string;
  /** The new stack's edge domain, when the source has one (two CDNs cannot share an alias). */
  readonly domain?: string;
}

export interface StackCloneResult {
  readonly stackFile: string;
  readonly path: string;
  readonly sourceFile: string;
  readonly text: string;
  /** Unified diff source -> new stack file. */
  readonly diff: string;
  readonly notes: readonly string[];
  /** `pulumi config set --secret …` commands for the values left out. */
  readonly secretCommands: readonly string[];
  readonly config: PlatformConfig;
}

/** Keys of a stack file bound to the source stack's secrets provider; the new stack gets its own. */
const SECRETS_PROVIDER_KEYS = ["encryptionsalt", "secretsprovider", "encryptedkey"];

export function cloneStack(options: CloneStackOptions): StackCloneResult {
  const invalid = stackNameProblem(options.to) ?? stackNameProblem(options.from);
  if (invalid) throw new CloneError(`--${stackNameProblem(options.to) ? "to" : "from"}: ${invalid}`);
  if (options.to === options.from) throw new CloneError(`--to must name a new stack, not the source ${options.from}`);
  const regions = options.regions.map((r) => requireRegion(r, "--regions"));
  if (regions.length === 0) throw new CloneError("--regions must list at least one region");
  const twice = regions.find((r, i) => regions.indexOf(r) !== i);
  if (twice) throw new CloneError(`--regions lists ${twice} twice`);
  const zoneFlag = options.zone === undefined ? undefined : requireZone(options.zone);
  const stackFile = `Pulumi.${options.to}.yaml`;
  const target = path.join(options.dir, stackFile);
  if (fs.existsSync(target) || listStacks(options.dir).includes(options.to)) {
    throw new CloneError(`${stackFile} already exists; choose another --to, or delete that file first`);
  }
  const { loaded, config } = resolveStack(options.dir, options.from);
  const sourceFile = loaded.stackFile;
  const zones = regions.map(zoneOf);
  if (zoneFlag !== undefined) regions.forEach((r) => requireInZone(r, zoneFlag));
  else {
    const known = new Set(config.regions.map((r) => r.zone));
    const outside = regions.filter((_, i) => !known.has(zones[i]));
    if (outside.length > 0) {
      throw new CloneError(
        `${outside.map((r) => `${r} (zone ${zoneOf(r)})`).join(", ")}: not in a zone of ${sourceFile} (${[...known].join(", ")}); pass --zone to clone into another residency zone`,
      );
    }
  }

  // Address space: a supernet no other stack touches, so slot allocation can never collide.
  const networks = committedNetworks(options.dir);
  const vpcs = networks.flatMap((n) => n.vpcs.map((v) => v.cidr));
  const supernets = networks.map((n) => n.supernet);
  const notes: string[] = [];
  let supernet: Cidr;
  if (options.supernet !== undefined) {
    const given = parseCidr(options.supernet, 4);
    if (typeof given === "string") throw new CloneError(`--supernet: ${given}`);
    supernet = given;
  } else {
    supernet =
      freshSupernet(regions, cidr(config.supernet).prefix, config.regionPrefixLength, [...vpcs, ...supernets]) ?? cidr(config.supernet);
  }
  const shared = networks.filter((n) => overlaps(n.supernet, supernet)).map((n) => n.stackFile);
  const used = [...vpcs];
  const allocations: RegionCidr[] = regions.map((region) => {
    const allocation = allocateRegionCidr({
      region,
      supernet,
      prefixLength: config.regionPrefixLength,
      used,
      avoidSlots: shared.length > 0,
    });
    if (!allocation) {
      throw new CloneError(
        `no free CIDR left for ${region}: every /${config.regionPrefixLength} block of ${formatCidr(supernet)} overlaps a VPC of ${networks.map((n) => n.stackFile).join(", ")}; pass a free --supernet`,
      );
    }
    used.push(cidr(allocation.cidr));
    return allocation;
  });
  notes.push(
    shared.length === 0
      ? `supernet ${formatCidr(supernet)}: overlaps no other stack, VPCs allocated by region slot`
      : `supernet ${formatCidr(supernet)} is shared with ${shared.join(", ")}: every VPC gets an explicit cidr: outside the slots they use`,
  );

  const before = fs.readFileSync(loaded.stackPath, "utf8");
  const doc = parseStackDocument(before, sourceFile);
  const configMap = configMapOf(doc, sourceFile);
  const list = regionListOf(configMap, loaded.project, sourceFile);
  const layout = layoutOf(before, configMap, list);
  const sourceEntries = list.seq.items;
  const pairs = drRing(regions.map((region, i) => ({ region, zone: zones[i] })));
  const copies = regions.map((region, i) => {
    // By name: a region the source has keeps its own settings; a new one takes those of the
    // source's first region in its zone (else the first region), never a neighbour's by position.
    const own = config.regions.findIndex((r) => r.region === region);
    const sameZone = config.regions.findIndex((r) => r.zone === zones[i]);
    const index = own >= 0 ? own : sameZone >= 0 ? sameZone : 0;
    const source = config.regions[index];
    const entry = sourceEntries[index];
    if (!isMap(entry)) throw new CloneError(`${sourceFile}: regions[${index}] is not a mapping`);
    const copy = entry.clone() as YAMLMap;
    const allocation = allocations[i];
    const azCount = source.azCount > azCountOf(region) ? azCountOf(region) : undefined;
    const mentions = editRegionEntry(copy, {
      region,
      zone: zones[i],
      cidr: allocation.explicit || entry.has("cidr") ? allocation.cidr : undefined,
      azCount,
      drReplica: pairs.get(region),
    });
    const dr = source.database.drReplica ? `, DR replica in ${pairs.get(region) ?? "(none: no other region in its zone)"}` : "";
    notes.push(
      `${region} (zone ${zones[i]}): settings of ${source.region}, VPC ${allocation.cidr}${azCount ? `, azCount ${azCount}` : ""}${dr}`,
    );
    for (const at of mentions) notes.push(`warning: copied value regions[${region}].${at} names a region; check it is right for ${region}`);
    return copy;
  });
  list.seq.items.splice(0, list.seq.items.length, ...copies);

  const network = configMap.get(`${loaded.project}:network`, true) ?? configMap.get("network", true);
  if (isMap(network) && formatCidr(supernet) !== config.supernet) {
    setValue(network, "supernet", formatCidr(supernet));
    const comment = ` Chosen by clone-stack: overlaps no VPC or supernet of ${networks.map((n) => n.stackFile).join(", ")}.`;
    const first = keyOf(network.items[0]) === "supernet";
    const pair = network.items.find((p) => keyOf(p) === "supernet");
    if (first) network.commentBefore = comment;
    else if (pair && isScalar(pair.key)) pair.key.commentBefore = comment;
  }
  notes.push(...rewriteEdge(configMap, loaded.project, config, zones, options.to, options.domain));
  setHeader(doc, ` ${options.to}: cloned from ${sourceFile} by \`npm run clone-stack\` for ${regions.join(", ")}.`);

  // Validate with the secure values and their secrets provider still in place (as placeholders),
  // then leave both out.
  let result: PlatformConfig;
  try {
    result = validateStackText(options.dir, options.to, render(doc, layout));
  } catch (error) {
    if (error instanceof ConfigError) throw new CloneError(`the cloned stack does not validate, nothing written:\n${error.message}`);
    throw error;
  }
  for (const key of SECRETS_PROVIDER_KEYS) {
    if (isMap(doc.contents) && doc.contents.has(key)) {
      doc.contents.delete(key);
      notes.push(`${key}: left out; it belongs to ${sourceFile}'s secrets provider (pulumi stack init sets the new one)`);
    }
  }
  const removed = removeSecureValues(configMap);
  const text = render(doc, layout);
  notes.push(...staleComments(text, regions));
  return {
    stackFile,
    path: target,
    sourceFile,
    text,
    diff: unifiedDiff(before, text, sourceFile, stackFile),
    notes,
    secretCommands: removed.map((secret) => secretCommand(secret, options.to)),
    config: result,
  };
}

/**
 * The command that sets a left-out secret in the new stack, every word from the stack file
 * shell-quoted. A key with control characters is refused: printed, it could rewrite the terminal.
 */
export function secretCommand(secret: RemovedSecret, stack: string): string {
  const target = secret.path ?? secret.key;
  if (hasControlCharacters(target)) {
    throw new CloneError(`${JSON.stringify(target)}: a config key with control characters cannot be printed as a command; rename it`);
  }
  const value = { raw: "<value>" };
  return secret.path === undefined
    ? shellCommand(["pulumi", "config", "set", "--secret", secret.key, value, "--stack", stack])
    : shellCommand(["pulumi", "config", "set", "--secret", "--path", secret.path, value, "--stack", stack]);
}

/**
 * Edge settings bound to the source stack: its domain (a CloudFront alias belongs to one
 * distribution; certificates are per region) and a log zone the new stack may not serve.
 */
function rewriteEdge(
  configMap: YAMLMap,
  project: string,
  config: PlatformConfig,
  zones: readonly string[],
  stack: string,
  domain?: string,
): string[] {
  const edge = configMap.get(`${project}:edge`, true) ?? configMap.get("edge", true);
  if (domain !== undefined) {
    if (!isMap(edge) || config.edge.domain === undefined)
      throw new CloneError(`--domain: ${config.stackFile} has no edge.domain to replace`);
    if (domain === config.edge.domain)
      throw new CloneError(`--domain ${domain}: is ${config.stackFile}'s own; two CDNs cannot share an alias`);
    if (config.edge.certificate.strategy === "existing") {
      throw new CloneError(
        `--domain: ${config.stackFile} uses certificate strategy "existing", whose certificates cover ${config.edge.domain}; clone without --domain and set the new stack's edge by hand`,
      );
    }
  }
  if (!isMap(edge)) return [];
  const notes: string[] = [];
  // A subdomain per stack keeps the source's hosted zone and ACM DNS validation working.
  const own =
    domain ??
    (config.edge.domain !== undefined && config.edge.certificate.strategy === "acm-dns" ? `${stack}.${config.edge.domain}` : undefined);
  if (own !== undefined) {
    setValue(edge, "domain", own);
    notes.push(`edge.domain: ${own} (hosted zone and certificate strategy of ${config.stackFile} kept; two CDNs cannot share an alias)`);
  } else if (config.edge.domain !== undefined) {
    for (const key of ["domain", "hostedZoneId", "certificate"]) edge.delete(key);
    notes.push(
      `edge.domain ${config.edge.domain}, hostedZoneId and certificate left out: an alias serves one CloudFront distribution and certificates are per region; set the new stack's own, or clone with --domain`,
    );
  }
  if (config.edge.logZone !== undefined && !zones.includes(config.edge.logZone)) {
    edge.delete("logZone");
    notes.push(`edge.logZone ${config.edge.logZone} left out: the new stack does not serve that zone (default: the first region's zone)`);
  }
  if (edge.items.length === 0) configMap.delete(edge === configMap.get("edge", true) ? "edge" : `${project}:edge`);
  return notes;
}

/** Replaces the file's header comment (it described the source stack). */
function setHeader(doc: ReturnType<typeof parseStackDocument>, comment: string): void {
  const first = isMap(doc.contents) ? doc.contents.items[0] : undefined;
  if (doc.commentBefore || !first || !isScalar(first.key)) doc.commentBefore = comment;
  else first.key.commentBefore = comment;
}
