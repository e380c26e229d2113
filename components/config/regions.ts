import { RESIDENCY_ZONES } from "../../policies/residency-zones";
import { Cidr, PRIVATE_VPC_RANGES, cidr, formatCidr, isPrivateVpcBlock, nthSubnet, overlaps, parseCidr } from "../../policies/lib/cidr";
import { planSubnets } from "../network/subnet-plan";
import {
  AWS_REGION_NAMES,
  AwsRegionName,
  EKS_UNSUPPORTED_ZONE_IDS,
  isAwsRegion,
  regionSlot,
  usableZoneCount,
  zoneIdsOf,
} from "./aws-regions";
import { suggest } from "./messages";

/** Where a region's problems go: paths relative to `regions[index]`. */
export type RegionReporter = (index: number, path: readonly PropertyKey[], message: string) => void;

const ZONES: Readonly<Record<string, readonly string[]>> = RESIDENCY_ZONES;
const ZONE_NAMES = Object.keys(ZONES);

/** The regions of a residency zone, or undefined for a name that is not one (never a prototype member). */
export function regionsOfZone(zone: string): readonly string[] | undefined {
  return Object.hasOwn(ZONES, zone) ? ZONES[zone] : undefined;
}

/**
 * Each entry names a known region, once, in a zone that holds it. Returns the stack's regions
 * with their zones (the entries that passed).
 */
export function checkRegionNames(entries: readonly { region: string; zone: string }[], report: RegionReporter): Map<string, string> {
  const stackRegions = new Map<string, string>();
  entries.forEach((entry, index) => {
    if (!isAwsRegion(entry.region)) {
      report(
        index,
        ["region"],
        `unknown AWS region ${JSON.stringify(entry.region)}${suggest(entry.region, AWS_REGION_NAMES)}; allowed: ${AWS_REGION_NAMES.join(", ")}`,
      );
      return;
    }
    if (stackRegions.has(entry.region)) {
      report(index, ["region"], `"${entry.region}" is listed twice; each region may appear once in a stack`);
      return;
    }
    const zoneRegions = regionsOfZone(entry.zone);
    if (zoneRegions === undefined) {
      report(
        index,
        ["zone"],
        `unknown residency zone ${JSON.stringify(entry.zone)}${suggest(entry.zone, ZONE_NAMES)}; allowed: ${ZONE_NAMES.join(", ")}`,
      );
    } else if (!zoneRegions.includes(entry.region)) {
      report(index, ["zone"], `${entry.region} is not in residency zone "${entry.zone}" (which holds ${zoneRegions.join(", ")})`);
    }
    stackRegions.set(entry.region, entry.zone);
  });
  return stackRegions;
}

/**
 * A VPC block or the supernet VPCs are allocated from: IPv4 and private. AWS accepts any /16-/28
 * block outside a few reserved ranges, public ones included (VPC user guide, "VPC CIDR blocks"),
 * but a VPC over public space hides those internet addresses from everything inside it.
 */
export function parsePrivateBlock(text: string): Cidr | string {
  const parsed = parseCidr(text, 4);
  if (typeof parsed === "string") return parsed;
  if (isPrivateVpcBlock(parsed)) return parsed;
  const whole = parsed.prefix === 0 ? " (it is the whole IPv4 address space)" : "";
  return `${text} is not private address space${whole}; VPCs and supernets must lie inside ${PRIVATE_VPC_RANGES.join(", ")} (the RFC 1918 private ranges and RFC 6598 shared space)`;
}

export interface RegionBlock {
  readonly cidr?: string;
}

/**
 * The VPC block of each region: its explicit `cidr`, or the fixed slot of its name in the
 * supernet; blocks never overlap, and each holds its AZs' subnets.
 */
export function allocateBlocks(
  entries: readonly { region: string; cidr?: string; azCount: number }[],
  network: { readonly supernet: string; readonly regionPrefixLength: number },
  supernet: Cidr | undefined,
  report: RegionReporter,
): RegionBlock[] {
  const blocks: { index: number; block: Cidr; text: string }[] = [];
  return entries.map((entry, index) => {
    const name = entry.region as AwsRegionName;
    const usable = usableZoneCount(name);
    if (entry.azCount > usable) {
      report(
        index,
        ["azCount"],
        `${name} has ${usable} availability zones EKS accepts (zone IDs ${zoneIdsOf(name)
          .filter((id) => !EKS_UNSUPPORTED_ZONE_IDS.includes(id))
          .join(", ")}), got ${entry.azCount}`,
      );
    }
    // Subnets are planned per AZ slot; the zones themselves come from getAvailabilityZones at deploy time.
    const azSlots = Array.from({ length: entry.azCount }, (_, i) => `az${i + 1}`);
    let vpcCidr: string | undefined;
    if (entry.cidr !== undefined) {
      const explicit = parsePrivateBlock(entry.cidr);
      if (typeof explicit === "string") report(index, ["cidr"], explicit);
      else if (explicit.prefix < 16 || explicit.prefix > 20)
        report(
          index,
          ["cidr"],
          `must be a /16 to /20 block (AWS allows /16 at most; smaller leaves no room for three subnet tiers), got /${explicit.prefix}`,
        );
      else vpcCidr = entry.cidr;
    } else if (supernet !== undefined) {
      const slot = nthSubnet(supernet, network.regionPrefixLength, regionSlot(name));
      if (slot === undefined) {
        report(
          index,
          ["cidr"],
          `cannot be allocated: supernet ${network.supernet} holds ${2 ** (network.regionPrefixLength - supernet.prefix)} /${network.regionPrefixLength} slots and ${name} needs slot ${regionSlot(name)}; set a larger supernet or an explicit cidr`,
        );
      } else vpcCidr = formatCidr(slot);
    }
    if (vpcCidr !== undefined) {
      const block = cidr(vpcCidr);
      for (const other of blocks) {
        if (overlaps(block, other.block)) {
          report(
            index,
            ["cidr"],
            `${vpcCidr} (${entry.cidr === undefined ? "allocated" : "given"}) overlaps ${other.text} of regions[${other.index}] (${entries[other.index].region}); VPCs of one stack must not overlap`,
          );
        }
      }
      blocks.push({ index, block, text: vpcCidr });
      if (entry.azCount <= usable && planSubnets(vpcCidr, azSlots) === undefined) {
        report(index, ["azCount"], `${entry.azCount} AZs of subnets do not fit in ${vpcCidr}; use a larger block or fewer AZs`);
      }
    }
    return { cidr: vpcCidr };
  });
}
