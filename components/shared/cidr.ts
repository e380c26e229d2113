/** IPv4 CIDR maths, pure and dependency-free, used by config validation and subnet planning. */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns an error text instead of throwing, for config validation. */
export function parseCidr(text: string): Cidr | string {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return `"${text}" is not an IPv4 CIDR block like 10.0.0.0/16`;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255)) return `"${text}" has an octet above 255`;
  if (prefix > 32) return `"${text}" has a prefix length above 32`;
  const base = (((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0) as number;
  if ((base & maskOf(prefix)) >>> 0 !== base) {
    return `"${text}" has host bits set; the network address is ${formatCidr({ base: (base & maskOf(prefix)) >>> 0, prefix })}`;
  }
  return { base, prefix };
}

/** Parses a CIDR known to be valid (throws otherwise: a programming error, not bad input). */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

export function formatCidr(block: Cidr): string {
  const b = block.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${block.prefix}`;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function size(block: Cidr): number {
  return 2 ** (32 - block.prefix);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer);
}

/** The `index`-th block of prefix `prefix` inside `outer`, or undefined when it does not fit. */
export function nthSubnet(outer: Cidr, prefix: number, index: number): Cidr | undefined {
  if (prefix < outer.prefix || index < 0) return undefined;
  const count = 2 ** (prefix - outer.prefix);
  if (index >= count) return undefined;
  return { base: (outer.base + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

/**
 * Packs blocks of the requested prefixes into `outer`, largest first, each aligned to its size,
 * never overlapping. Returns the blocks in request order, or undefined when they do not fit.
 */
export function packSubnets(outer: Cidr, prefixes: readonly number[]): Cidr[] | undefined {
  const order = prefixes.map((prefix, index) => ({ prefix, index })).sort((a, b) => a.prefix - b.prefix || a.index - b.index);
  const result: Cidr[] = new Array(prefixes.length);
  let next = outer.base;
  for (const { prefix, index } of order) {
    const blockSize = 2 ** (32 - prefix);
    const aligned = Math.ceil((next - outer.base) / blockSize) * blockSize + outer.base;
    if (prefix < outer.prefix || aligned + blockSize > outer.base + size(outer)) return undefined;
    result[index] = { base: aligned >>> 0, prefix };
    next = aligned + blockSize;
  }
  return result;
}
