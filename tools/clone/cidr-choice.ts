/**
 * Choosing address space for cloned regions and stacks. Pure: callers pass the blocks in use
 * (every VPC of every committed stack) and get a block that overlaps none of them.
 */
import { AWS_REGION_NAMES, regionSlot } from "../../components/config/aws-regions";
import { Cidr, cidr, formatCidr, nthSubnet, overlaps } from "../../policies/lib/cidr";

export interface RegionCidr {
  /** The VPC CIDR. */
  readonly cidr: string;
  /** True when the region's own supernet slot is taken or does not exist: the stack file must say `cidr:`. */
  readonly explicit: boolean;
  /** Index of the block inside the supernet. */
  readonly index: number;
}

export interface RegionCidrRequest {
  readonly region: string;
  readonly supernet: Cidr;
  /** VPC prefix length (`platform:network.regionPrefixLength`). */
  readonly prefixLength: number;
  /** Blocks already in use, in this stack and every other committed stack. */
  readonly used: readonly Cidr[];
  /**
   * The supernet is shared with another stack: do not take catalogue slots, which that stack's
   * future regions would be allocated.
   */
  readonly avoidSlots?: boolean;
}

export function isFree(block: Cidr, used: readonly Cidr[]): boolean {
  return used.every((other) => !overlaps(block, other));
}

/**
 * The region's fixed slot when it is free (the stack file may then omit `cidr:`), else the first
 * free block of the supernet, preferring blocks no catalogue region will ever be allocated.
 * Undefined when the supernet is full.
 */
export function allocateRegionCidr(request: RegionCidrRequest): RegionCidr | undefined {
  const { supernet, prefixLength, used } = request;
  const slot = regionSlot(request.region);
  const slotBlock = nthSubnet(supernet, prefixLength, slot);
  if (!request.avoidSlots && slotBlock !== undefined && isFree(slotBlock, used)) {
    return { cidr: formatCidr(slotBlock), explicit: false, index: slot };
  }
  const count = prefixLength >= supernet.prefix ? 2 ** (prefixLength - supernet.prefix) : 0;
  const reserved = AWS_REGION_NAMES.length;
  const order = [...range(reserved, count), ...range(0, Math.min(reserved, count))];
  for (const index of order) {
    const block = nthSubnet(supernet, prefixLength, index);
    if (block !== undefined && isFree(block, used)) return { cidr: formatCidr(block), explicit: true, index };
  }
  return undefined;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Private address space (RFC 1918) a fresh supernet is taken from. */
export const PRIVATE_POOLS: readonly Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(cidr);

/**
 * A fresh supernet for a new stack whose regions will be allocated by slot: the largest block, no
 * larger than the source's, that holds the slot of every catalogue region and overlaps nothing in `used`
 * (other stacks' supernets and VPCs). Undefined when private address space has no such block.
 */
export function freshSupernet(
  regions: readonly string[],
  sourcePrefix: number,
  prefixLength: number,
  used: readonly Cidr[],
): Cidr | undefined {
  // Every catalogue region's slot, not only the regions cloned now: a later clone-region of any
  // region then finds its own slot free instead of taking another region's.
  const slots = Math.max(AWS_REGION_NAMES.length, ...regions.map((r) => regionSlot(r) + 1));
  const largestUsable = prefixLength - Math.ceil(Math.log2(Math.max(slots, 1)));
  for (let prefix = Math.min(sourcePrefix, largestUsable); prefix <= largestUsable; prefix++) {
    for (const pool of PRIVATE_POOLS) {
      if (prefix < pool.prefix) continue;
      for (let index = 0; index < 2 ** (prefix - pool.prefix); index++) {
        const block = nthSubnet(pool, prefix, index);
        if (block !== undefined && isFree(block, used)) return block;
      }
    }
  }
  return undefined;
}
