/** Pure helpers of disaster recovery: where a region's backups may go. */

export interface ZoneRegion {
  readonly region: string;
  readonly zone: string;
  /** The region holding this region's DR replica. @default none */
  readonly drReplicaRegion?: string;
}

/**
 * The sibling of a region: where its backup copies and replicated automated backups go. The DR
 * replica's region when there is one (one place to fail over to, holding everything), else the
 * first other region of the stack in the same residency zone; undefined when the zone has no
 * other region (then backups stay in the region, and the plan says so).
 */
export function siblingRegion(region: ZoneRegion, stackRegions: readonly ZoneRegion[]): string | undefined {
  const sameZone = stackRegions.filter((r) => r.zone === region.zone && r.region !== region.region).map((r) => r.region);
  if (region.drReplicaRegion !== undefined && sameZone.includes(region.drReplicaRegion)) return region.drReplicaRegion;
  return sameZone[0];
}

/** Minutes after its scheduled time an AWS Backup job may still start (BackupRule StartWindowMinutes, at least 60). */
export const BACKUP_START_WINDOW_MINUTES = 60;
