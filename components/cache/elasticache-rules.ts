/** Pure helpers of the cache tier, tested without mocks. */
import { CacheSettings } from "../config/tiers/cache";

export const CACHE_PORT = 6379;

/** The ElastiCache parameter group family: valkey 8.x -> "valkey8", redis 6.2 -> "redis6.x". */
export function cacheFamily(engine: CacheSettings["engine"], engineVersion: string): string {
  const major = Number(engineVersion.split(".")[0]);
  if (engine === "redis" && major === 6) return "redis6.x";
  return `${engine}${major}`;
}

/**
 * Whether ElastiCache accepts `TransitEncryptionMode` for the engine: Valkey (7.2+) and Redis OSS
 * 7.x do; Redis OSS 6.x refuses it ("Transit encryption mode is not supported for engine version
 * 6.2.6. Please use engine version 7.0.5 or higher"). TLS enabled at creation is "required" anyway.
 */
export function supportsTransitEncryptionMode(engine: CacheSettings["engine"], engineVersion: string): boolean {
  return engine === "valkey" || Number(engineVersion.split(".")[0]) >= 7;
}

/**
 * The AZ of each node (primary first), round-robin over the region's AZs, so that with Multi-AZ
 * the primary and its replicas never share an AZ while AZs last.
 */
export function nodeZones(availabilityZones: readonly string[], nodes: number): string[] {
  if (availabilityZones.length === 0) throw new Error("at least one availability zone is needed");
  return Array.from({ length: nodes }, (_, i) => availabilityZones[i % availabilityZones.length]);
}

/**
 * Characters an ElastiCache AUTH token may contain besides letters and digits (16-128 printable
 * characters; "@", "\"" and "/" and spaces are rejected).
 */
export const AUTH_TOKEN_SPECIALS = "!&#$^<>-";
