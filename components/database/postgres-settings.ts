/** Pure helpers of the database tier: names and values derived from config, tested without mocks. */

/** PostgreSQL's port; the security groups and the mocks use the same number. */
export const POSTGRES_PORT = 5432;

/** Weekly maintenance window of every instance (UTC); config keeps the backup windows clear of it. */
export const RDS_MAINTENANCE_WINDOW = "sun:04:30-sun:05:30";

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

/**
 * An RDS DB instance identifier: 1-63 letters, digits and single hyphens, a letter first, no
 * trailing hyphen (CreateDBInstance, `DBInstanceIdentifier`). Unique per account and region, so the
 * prefix names the project and stack. Explicit (not auto-named) because the log groups RDS
 * exports to carry the identifier and are created before the instance (see rdsLogGroupName).
 */
export function instanceIdentifier(prefix: string, role: string): string {
  const clean = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-")
      .replace(/-+/g, "-")
      .replace(/^-|-$/g, "");
  const tail = clean(role);
  const head = clean(prefix)
    .slice(0, 62 - tail.length)
    .replace(/-$/, "");
  const id = `${head}-${tail}`;
  if (!/^[a-z]/.test(id)) throw new Error(`RDS identifier must start with a letter: ${id}`);
  return id;
}

/** What every instance exports to CloudWatch Logs (PostgreSQL: `postgresql`, `upgrade`). */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/**
 * The log group RDS publishes an exported log to: `/aws/rds/instance/<identifier>/<log type>`
 * (RDS User Guide, "Publishing PostgreSQL logs to Amazon CloudWatch Logs"). RDS creates it on the
 * first export with no retention ("Never expire"), so the platform creates it first, with one.
 */
export function rdsLogGroupName(identifier: string, logType: string): string {
  return `/aws/rds/instance/${identifier}/${logType}`;
}

/**
 * What RDS says about a read replica's `KmsKeyId` (CreateDBInstanceReadReplica, KmsKeyId): a
 * replica in the source's region is always encrypted with the source's key and the parameter is
 * refused ("InvalidParameterCombination: Your request does not require the KMS key parameter",
 * cloudposse/terraform-aws-rds-replica#5); an encrypted replica in another region must name a key
 * of its own region (terraform-aws-modules/terraform-aws-rds#428). Undefined when the inputs are
 * what RDS accepts.
 */
export function replicaKeyProblem(replicaRegion: string, replicateSourceDb: string, kmsKeyId: string | undefined): string | undefined {
  const sourceRegion = replicateSourceDb.startsWith("arn:") ? replicateSourceDb.split(":")[3] : replicaRegion;
  if (sourceRegion === replicaRegion) {
    return kmsKeyId === undefined
      ? undefined
      : "a same-region read replica must not set kmsKeyId: RDS refuses it (InvalidParameterCombination) and uses the source's key";
  }
  if (kmsKeyId === undefined) return `a cross-region read replica of an encrypted source needs a KMS key of ${replicaRegion}`;
  const keyRegion = kmsKeyId.startsWith("arn:") ? kmsKeyId.split(":")[3] : replicaRegion;
  return keyRegion === replicaRegion
    ? undefined
    : `its KMS key is in ${keyRegion}; a replica in ${replicaRegion} needs a key of its own region`;
}
