/** Pure helpers of the database tier: names and values derived from config, tested without mocks. */

/** PostgreSQL's port; the security groups and the mocks use the same number. */
export const POSTGRES_PORT = 5432;

/** The DB parameter group family of a PostgreSQL version: "16.4" -> "postgres16". */
export function postgresFamily(engineVersion: string): string {
  const major = /^(\d+)/.exec(engineVersion)?.[1];
  if (major === undefined) throw new Error(`not a PostgreSQL version: ${engineVersion}`);
  return `postgres${major}`;
}

/**
 * The AZ of each in-region read replica: round-robin over the region's AZs, starting at the
 * second, so that with a single-AZ primary (in the first AZ by RDS's choice) the first replica
 * still sits in another AZ.
 */
export function replicaZones(availabilityZones: readonly string[], count: number): string[] {
  if (availabilityZones.length === 0) throw new Error("at least one availability zone is needed");
  return Array.from({ length: count }, (_, i) => availabilityZones[(i + 1) % availabilityZones.length]);
}

/**
 * The final snapshot's name: a valid RDS identifier (a letter first, letters, digits and single
 * hyphens, at most 255). Snapshot names are unique per account and region and the snapshot
 * outlives the instance, so a name without `suffix` collides on the next deletion (after a
 * destroy and re-create, or in another stack of the account): pass a generated suffix. The
 * provider reads the name from state at delete time, so a deploy-time value is fine.
 */
export function finalSnapshotName(logicalName: string, suffix?: string): string {
  const name = `${logicalName}-final${suffix ? `-${suffix}` : ""}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-");
  if (!/^[a-z]/.test(name)) throw new Error(`final snapshot name must start with a letter: ${name}`);
  return name.slice(0, 255).replace(/-$/, "");
}

/** PostgreSQL settings every instance of the platform runs with (primary and replicas). */
export const POSTGRES_PARAMETERS: readonly { name: string; value: string; applyMethod?: "immediate" | "pending-reboot" }[] = [
  // Clients must use TLS; IAM authentication requires it anyway.
  { name: "rds.force_ssl", value: "1" },
  // Statements slower than 1 s reach the postgresql log export.
  { name: "log_min_duration_statement", value: "1000" },
  { name: "log_connections", value: "1" },
  { name: "log_disconnections", value: "1" },
];
