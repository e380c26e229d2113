/** `clone-region`: adds a region to a stack file by copying another region's settings. */
import * as fs from "node:fs";
import { Document, YAMLMap, isMap } from "yaml";
import { ConfigError } from "../../components/config/errors";
import { PlatformConfig, RegionConfig } from "../../components/config/stack-config";
import { regionSlot } from "../../components/config/aws-regions";
import { cidr, formatCidr, nthSubnet, overlaps } from "../../policies/lib/cidr";
import { RegionCidr, allocateRegionCidr } from "./cidr-choice";
import { unifiedDiff } from "./diff";
import { staleComments } from "./stale-comments";
import { CloneError } from "./errors";
import { azCountOf, drTarget, requireInZone, requireRegion, requireZone, zoneOf } from "./regions";
import { StackNetwork, committedNetworks, resolveStack, validateStackText } from "./stacks";
import {
  RegionEdit,
  configMapOf,
  Layout,
  editRegionEntry,
  layoutOf,
  parseStackDocument,
  regionListOf,
  render,
  setValue,
  spliceRegionCopy,
} from "./yaml-edit";

export interface CloneRegionOptions {
  /** Project directory (Pulumi.yaml and the stack files). */
  readonly dir: string;
  readonly stack: string;
  /** The region whose settings are copied. */
  readonly from: string;
  /** The region added. */
  readonly to: string;
  /** Residency zone of the new region; required when it differs from the source region's. */
  readonly zone?: string;
  /** With `edge.certificate.strategy: existing`: the new region's origin certificate. */
  readonly originCertificateArn?: string;
}

export interface CloneResult {
  readonly stackFile: string;
  /** Absolute path of the file written (or that would be). */
  readonly path: string;
  readonly before: string;
  readonly after: string;
  /** Unified diff before -> after. */
  readonly diff: string;
  /** What was decided, one line each, for the user to review. */
  readonly notes: readonly string[];
  /** The result, resolved by the program's config model. */
  readonly config: PlatformConfig;
}

/** Plans the clone and returns the new file text; writes nothing. Throws CloneError on refusal. */
export function cloneRegion(options: CloneRegionOptions): CloneResult {
  const from = requireRegion(options.from, "--from");
  const to = requireRegion(options.to, "--to");
  const zoneFlag = options.zone === undefined ? undefined : requireZone(options.zone);
  const { loaded, config } = resolveStack(options.dir, options.stack);
  const stackFile = loaded.stackFile;

  const source = config.regions.find((r) => r.region === from);
  if (!source) {
    throw new CloneError(`--from ${from}: not a region of ${stackFile}; its regions: ${config.regions.map((r) => r.region).join(", ")}`);
  }
  const existing = config.regions.find((r) => r.region === to);
  if (existing) {
    throw new CloneError(`--to ${to}: already a region of ${stackFile} (zone ${existing.zone}, CIDR ${existing.cidr})`);
  }
  const zone = zoneOf(to);
  if (zoneFlag !== undefined) requireInZone(to, zoneFlag);
  else if (zone !== source.zone) {
    throw new CloneError(
      `--to ${to} is in residency zone "${zone}", but ${from} is in "${source.zone}": a clone across zones changes where data lives; pass --zone ${zone} to confirm`,
    );
  }

  const certificate = config.edge.certificate.strategy === "existing";
  if (certificate && options.originCertificateArn === undefined) {
    throw new CloneError(
      `edge.certificate.strategy of ${stackFile} is "existing", so ${to} needs its own origin certificate: pass --origin-certificate-arn <ARN of an ACM certificate in ${to} covering origin.${to}.${config.edge.domain}>`,
    );
  }
  const networks = committedNetworks(options.dir);
  const allocation = allocateRegionCidr({
    region: to,
    supernet: cidr(config.supernet),
    prefixLength: config.regionPrefixLength,
    used: networks.flatMap((n) => n.vpcs.map((v) => v.cidr)),
  });
  if (!allocation) {
    throw new CloneError(
      `no free CIDR left: every /${config.regionPrefixLength} block of ${config.supernet} (platform:network.supernet of ${stackFile}) overlaps a VPC of ${networks.map((n) => n.stackFile).join(", ")}; use a larger supernet or a longer regionPrefixLength`,
    );
  }

  const before = fs.readFileSync(loaded.stackPath, "utf8");
  const doc = parseStackDocument(before, stackFile);
  const configMap = configMapOf(doc, stackFile);
  const regions = regionListOf(configMap, loaded.project, stackFile);
  const sourceIndex = config.regions.indexOf(source);
  const sourceEntry = regions.seq.items[sourceIndex];
  if (!isMap(sourceEntry)) throw new CloneError(`${stackFile}: regions[${sourceIndex}] is not a mapping`);
  // The new entry goes after the last region of its zone, keeping zones grouped as written.
  const sameZone = config.regions.map((r, i) => (r.zone === zone ? i : -1)).filter((i) => i >= 0);
  const afterIndex = sameZone.length > 0 ? sameZone[sameZone.length - 1] : config.regions.length - 1;

  const dr = source.database.drReplica ? drTarget(to, zone, config.regions, from) : undefined;
  const azCount = source.azCount > azCountOf(to) ? azCountOf(to) : undefined;
  const edit: RegionEdit = {
    region: to,
    zone,
    cidr: allocation.explicit || sourceEntry.has("cidr") ? allocation.cidr : undefined,
    azCount,
    drReplica: dr,
  };
  let mentions: string[] = [];
  const apply = (entry: YAMLMap) => {
    mentions = editRegionEntry(entry, edit);
  };
  const layout = layoutOf(before, configMap, regions);
  let after = spliceRegionCopy(before, regions.seq, sourceIndex, afterIndex, layout, apply);
  const notes: string[] = [];
  if (after === undefined) {
    after = rerender(doc, regions.seq.items, sourceEntry, afterIndex, apply, layout);
    notes.push(`${stackFile}'s region list is not in plain block layout, so the file was re-rendered: review the whole diff`);
  }

  if (certificate && options.originCertificateArn !== undefined) {
    after = addOriginCertificate(after, stackFile, loaded.project, to, options.originCertificateArn, layout);
    notes.push(`edge.certificate.originCertificateArns.${to}: ${options.originCertificateArn}`);
  }

  let result: PlatformConfig;
  try {
    result = validateStackText(options.dir, options.stack, after);
  } catch (error) {
    if (error instanceof ConfigError) throw new CloneError(`the cloned region does not validate, nothing written:\n${error.message}`);
    throw error;
  }
  const added = result.regions.find((r) => r.region === to);
  if (!added || added.cidr !== allocation.cidr) {
    throw new Error(`internal: ${to} resolved to CIDR ${added?.cidr ?? "(none)"}, expected ${allocation.cidr}`);
  }

  notes.unshift(
    `${stackFile}: added ${to} (zone ${zone}) with the settings of ${from}`,
    cidrNote(allocation, edit, config, networks),
    ...drNotes(source, to, zone, dr, config),
  );
  if (azCount !== undefined) {
    notes.push(`azCount: ${azCount} (${from} uses ${source.azCount} AZs; ${to} has ${azCountOf(to)})`);
  }
  for (const path of mentions) notes.push(`warning: copied value regions[${to}].${path} names a region; check it is right for ${to}`);
  // A region more: every comment that counts regions or zones may now be wrong.
  notes.push(
    ...staleComments(
      after,
      result.regions.map((r) => r.region),
    ).filter((n) => / says "/.test(n)),
  );
  return {
    stackFile,
    path: loaded.stackPath,
    before,
    after,
    diff: unifiedDiff(before, after, `a/${stackFile}`, `b/${stackFile}`),
    notes,
    config: result,
  };
}

/** Adds the new region's origin certificate under `edge.certificate.originCertificateArns`. */
function addOriginCertificate(text: string, stackFile: string, project: string, region: string, arn: string, layout: Layout): string {
  const doc = parseStackDocument(text, stackFile);
  const configMap = configMapOf(doc, stackFile);
  const key = configMap.has(`${project}:edge`) ? `${project}:edge` : "edge";
  const arns = configMap.getIn([key, "certificate", "originCertificateArns"], true);
  if (isMap(arns)) setValue(arns, region, arn);
  else configMap.setIn([key, "certificate", "originCertificateArns", region], arn);
  return render(doc, layout);
}

/** Fallback for unusual layouts: insert a copied node and render the whole document. */
function rerender(
  doc: Document,
  items: unknown[],
  sourceEntry: YAMLMap,
  afterIndex: number,
  apply: (entry: YAMLMap) => void,
  layout: Layout,
): string {
  const copy = sourceEntry.clone() as YAMLMap;
  apply(copy);
  items.splice(afterIndex + 1, 0, copy);
  return render(doc, layout);
}

function cidrNote(allocation: RegionCidr, edit: RegionEdit, config: PlatformConfig, networks: readonly StackNetwork[]): string {
  if (!allocation.explicit) {
    const how = edit.cidr === undefined ? "free in every stack, so no cidr: is written" : "written as cidr: like the source's";
    return `VPC CIDR ${allocation.cidr}: slot ${allocation.index} of ${config.supernet}, ${how}`;
  }
  const index = regionSlot(edit.region);
  const slot = nthSubnet(cidr(config.supernet), config.regionPrefixLength, index);
  if (slot === undefined)
    return `VPC CIDR ${allocation.cidr} (written as cidr:): ${config.supernet} has no slot ${index} for ${edit.region}`;
  const takers = networks.flatMap((n) => n.vpcs.filter((v) => overlaps(v.cidr, slot)).map((v) => `${v.region} of ${n.stackFile}`));
  return `VPC CIDR ${allocation.cidr} (written as cidr:): ${edit.region}'s slot ${formatCidr(slot)} is taken by ${takers.join(", ")}`;
}

function drNotes(source: RegionConfig, to: string, zone: string, dr: string | undefined, config: PlatformConfig): string[] {
  if (!source.database.drReplica) return [];
  if (dr === undefined) {
    return [`database.drReplica dropped: zone ${zone} has no other region in this stack; add one and point the replicas at each other`];
  }
  const notes = [`database.drReplica.region: ${dr} (the DR replica stays in zone ${zone})`];
  const unpaired = config.regions.filter((r) => r.zone === zone && !r.database.drReplica);
  for (const r of unpaired) notes.push(`note: ${r.region} has no DR replica; it could use ${to} (database.drReplica.region: ${to})`);
  return notes;
}
