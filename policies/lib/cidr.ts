/**
 * CIDR blocks, IPv4 and IPv6, parsed once and compared by the addresses they cover. The one CIDR
 * module of the project: stack config validation, the program (subnet plans, cloning) and the
 * policy pack all use it. Pure and dependency-free, so the pack stays self-contained.
 *
 * Parsing is strict where tools disagree: a leading zero in an IPv4 octet (`010.0.0.0`) is
 * refused, because inet_aton reads it as octal and Go (`net.ParseCIDR`, which the AWS provider
 * validates with) refuses it since Go 1.17; host bits must be zero; IPv6 zone ids are refused.
 */

export type IpFamily = 4 | 6;

export interface Cidr {
  readonly family: IpFamily;
  /** Network address. */
  readonly base: bigint;
  readonly prefix: number;
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };
/** Longer than any CIDR text (`ffff:…:255.255.255.255/128` is 49 characters): refused before any regex runs. */
const MAX_TEXT = 64;
const DECIMAL = /^(0|[1-9]\d{0,2})$/;

/** Parses a CIDR block; returns an error text (naming the value) instead of throwing, for validation. */
export function parseCidr(text: unknown, family?: IpFamily): Cidr | string {
  const expected =
    family === 4
      ? "an IPv4 CIDR block like 10.0.0.0/16"
      : family === 6
        ? "an IPv6 CIDR block like 2001:db8::/32"
        : "a CIDR block (IPv4 like 10.0.0.0/16 or IPv6 like 2001:db8::/32)";
  if (typeof text !== "string") return `must be ${expected}, got ${typeof text}`;
  const shown = text.length > MAX_TEXT ? `${JSON.stringify(text.slice(0, MAX_TEXT))}…` : JSON.stringify(text);
  const notA = `${shown} is not ${expected}`;
  if (text.length > MAX_TEXT) return notA;
  const slash = text.split("/");
  if (slash.length !== 2) return notA;
  const [addressText, prefixText] = slash;
  const addressFamily: IpFamily = addressText.includes(":") ? 6 : 4;
  if (family !== undefined && addressFamily !== family) {
    return /^[\d.]+$|:/.test(addressText) ? `${shown} is an IPv${addressFamily} block; expected ${expected}` : notA;
  }
  const address = addressFamily === 4 ? parseIpv4(addressText) : parseIpv6(addressText);
  if (typeof address === "string") return address === "" ? notA : `${shown} ${address}`;
  if (!/^\d{1,3}$/.test(prefixText)) return notA;
  if (!DECIMAL.test(prefixText)) return `${shown} has a leading zero in its prefix length /${prefixText}`;
  const prefix = Number(prefixText);
  if (prefix > BITS[addressFamily]) return `${shown} has a prefix length above ${BITS[addressFamily]}`;
  const network = address & maskOf(addressFamily, prefix);
  if (network !== address) {
    return `${shown} has host bits set; the network address is ${formatCidr({ family: addressFamily, base: network, prefix })}`;
  }
  return { family: addressFamily, base: network, prefix };
}

/** Parses a CIDR known to be valid (throws otherwise: a programming error, not bad input). */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

/** `""` for a shape that is not an address at all; a phrase for a specific problem. */
function parseIpv4(text: string): bigint | string {
  const octets = text.split(".");
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o))) return "";
  const zeroed = octets.find((o) => !DECIMAL.test(o));
  if (zeroed !== undefined)
    return `has a leading zero in ${zeroed}: write ${Number(zeroed)} (some tools read ${zeroed} as an octal number)`;
  if (octets.some((o) => Number(o) > 255)) return "has an octet above 255";
  return octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
}

function parseIpv6(text: string): bigint | string {
  if (text.includes("%")) return "has a zone id (%…), which a CIDR block cannot carry";
  const halves = text.split("::");
  if (halves.length > 2) return "";
  const groupsOf = (part: string): string[] | undefined => (part === "" ? [] : part.split(":"));
  const head = groupsOf(halves[0]) ?? [];
  const tail = halves.length === 2 ? (groupsOf(halves[1]) ?? []) : [];
  // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
  const words: bigint[] = [];
  const all = [...head, ...(halves.length === 2 ? ["::"] : []), ...tail];
  let gap = -1;
  for (let i = 0; i < all.length; i++) {
    const group = all[i];
    if (group === "::") {
      gap = words.length;
      continue;
    }
    if (i === all.length - 1 && group.includes(".")) {
      const v4 = parseIpv4(group);
      if (typeof v4 === "string") return v4 === "" ? "" : v4;
      words.push(v4 >> 16n, v4 & 0xffffn);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return "";
    words.push(BigInt(`0x${group}`));
  }
  if (gap < 0 ? words.length !== 8 : words.length > 7) return "";
  const filled = gap < 0 ? words : [...words.slice(0, gap), ...new Array<bigint>(8 - words.length).fill(0n), ...words.slice(gap)];
  return filled.reduce((acc, w) => (acc << 16n) | w, 0n);
}

function maskOf(family: IpFamily, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** The text of a block: dotted IPv4, or IPv6 in the RFC 5952 canonical form (lower case, longest zero run as `::`). */
export function formatCidr(block: Cidr): string {
  return `${formatAddress(block.family, block.base)}/${block.prefix}`;
}

function formatAddress(family: IpFamily, address: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join(".");
  const words = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/** Number of addresses in a block. */
export function sizeOf(block: Cidr): bigint {
  return 1n << BigInt(BITS[block.family] - block.prefix);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.base < b.base + sizeOf(b) && b.base < a.base + sizeOf(a);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    inner.prefix >= outer.prefix &&
    inner.base >= outer.base &&
    inner.base + sizeOf(inner) <= outer.base + sizeOf(outer)
  );
}

/** The `index`-th block of prefix `prefix` inside `outer`, or undefined when it does not fit. */
export function nthSubnet(outer: Cidr, prefix: number, index: number): Cidr | undefined {
  if (prefix < outer.prefix || prefix > BITS[outer.family] || index < 0 || !Number.isInteger(index)) return undefined;
  if (BigInt(index) >= 1n << BigInt(prefix - outer.prefix)) return undefined;
  return { family: outer.family, base: outer.base + BigInt(index) * (1n << BigInt(BITS[outer.family] - prefix)), prefix };
}

/**
 * Packs blocks of the requested prefixes into `outer`, largest first, each aligned to its size,
 * never overlapping. Returns the blocks in request order, or undefined when they do not fit.
 */
export function packSubnets(outer: Cidr, prefixes: readonly number[]): Cidr[] | undefined {
  const order = prefixes.map((prefix, index) => ({ prefix, index })).sort((a, b) => a.prefix - b.prefix || a.index - b.index);
  const result: Cidr[] = new Array(prefixes.length);
  const end = outer.base + sizeOf(outer);
  let next = outer.base;
  for (const { prefix, index } of order) {
    if (prefix < outer.prefix || prefix > BITS[outer.family]) return undefined;
    const blockSize = 1n << BigInt(BITS[outer.family] - prefix);
    const aligned = ((next - outer.base + blockSize - 1n) / blockSize) * blockSize + outer.base;
    if (aligned + blockSize > end) return undefined;
    result[index] = { family: outer.family, base: aligned, prefix };
    next = aligned + blockSize;
  }
  return result;
}

// Section: public and private address space.

/**
 * IPv4 special-purpose blocks (IANA IPv4 Special-Purpose Address Registry, RFC 6890 and updates):
 * private, shared, loopback, link-local, documentation, benchmarking, multicast and reserved
 * space. Everything else is public, reachable from the internet.
 */
export const NON_PUBLIC_IPV4 = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
] as const;

/** IPv6 public space: global unicast 2000::/3 (RFC 4291), less the documentation prefixes (RFC 3849, RFC 9637). */
const PUBLIC_IPV6 = "2000::/3";
const NON_PUBLIC_IPV6 = ["2001:db8::/32", "3fff::/20"] as const;

/** Documentation address blocks (RFC 5737, RFC 3849, RFC 9637): placeholders, never real networks. */
export const DOCUMENTATION_RANGES = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20"] as const;

/**
 * Where VPCs and the supernets they are allocated from may lie: the RFC 1918 private ranges and
 * RFC 6598 shared space (100.64.0.0/10), which AWS also accepts for VPCs and EKS commonly uses
 * for pod networks. AWS would accept publicly routable blocks too, but a VPC in someone else's
 * public space makes those addresses unreachable from inside it.
 */
export const PRIVATE_VPC_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;

/** Whether a block lies wholly inside one of PRIVATE_VPC_RANGES. */
export function isPrivateVpcBlock(block: Cidr): boolean {
  return PRIVATE_VPC_RANGES.some((range) => contains(cidr(range), block));
}

export function isDocumentationBlock(block: Cidr): boolean {
  return DOCUMENTATION_RANGES.some((range) => overlaps(cidr(range), block));
}

type Interval = readonly [start: bigint, end: bigint];

/** Sorted, disjoint, merged intervals [start, end) of the blocks. */
function union(blocks: readonly Cidr[]): Interval[] {
  const sorted = blocks.map((b): Interval => [b.base, b.base + sizeOf(b)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = end > last[1] ? end : last[1];
    else merged.push([start, end]);
  }
  return merged;
}

function subtract(from: readonly Interval[], holes: readonly Interval[]): Interval[] {
  let result: Interval[] = [...from];
  for (const [hs, he] of holes) {
    result = result.flatMap(([s, e]): Interval[] => {
      if (he <= s || hs >= e) return [[s, e]];
      const parts: Interval[] = [];
      if (hs > s) parts.push([s, hs]);
      if (he < e) parts.push([he, e]);
      return parts;
    });
  }
  return result;
}

const PUBLIC_SPACE: Record<IpFamily, readonly Interval[]> = {
  4: subtract([[0n, 1n << 32n]], union(NON_PUBLIC_IPV4.map(cidr))),
  6: subtract(union([cidr(PUBLIC_IPV6)]), union(NON_PUBLIC_IPV6.map(cidr))),
};

function totalOf(intervals: readonly Interval[]): bigint {
  return intervals.reduce((sum, [s, e]) => sum + (e - s), 0n);
}

/**
 * The share (0-1) of a family's public address space that the blocks cover together: their union
 * intersected with public space. Two halves (0.0.0.0/1 + 128.0.0.0/1) cover all of it, as
 * 0.0.0.0/0 does; private and documentation ranges cover none.
 */
export function publicShare(blocks: readonly Cidr[], family: IpFamily): number {
  const mine = union(blocks.filter((b) => b.family === family));
  const publicSpace = PUBLIC_SPACE[family];
  let covered = 0n;
  for (const [s, e] of mine) {
    for (const [ps, pe] of publicSpace) {
      const start = s > ps ? s : ps;
      const end = e < pe ? e : pe;
      if (end > start) covered += end - start;
    }
  }
  return Number((covered * 1_000_000_000n) / totalOf(publicSpace)) / 1_000_000_000;
}

export interface Openness {
  /** Public share covered per family (0-1). */
  readonly ipv4: number;
  readonly ipv6: number;
  /** True when either family's share is above `maxSharePercent`. */
  readonly open: boolean;
}

/**
 * Whether a set of blocks (all the CIDRs of one rule, endpoint or security group) is "open to the
 * internet": covering more than `maxSharePercent` of the public IPv4 or IPv6 address space.
 */
export function openness(blocks: readonly Cidr[], maxSharePercent: number): Openness {
  const ipv4 = publicShare(blocks, 4);
  const ipv6 = publicShare(blocks, 6);
  return { ipv4, ipv6, open: ipv4 * 100 > maxSharePercent || ipv6 * 100 > maxSharePercent };
}

/** A share as people read it: "100%", "50%", "0.0061%". */
export function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent >= 1 ? Number(percent.toFixed(1)) : Number(percent.toPrecision(2))}%`;
}

/**
 * The default limit: more than 0.1% of public space (about 3.7 million IPv4 addresses, a /10) is
 * the internet, not an office, VPN or partner network. A policy parameter, so a team can tighten it.
 */
export const DEFAULT_MAX_PUBLIC_SHARE_PERCENT = 0.1;
