import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RecoverySettings } from "../config/tiers/recovery";
import { BackupVault } from "./backup-vault";
import { DatabaseBackup } from "./database-backup";
import { siblingRegion } from "./sibling-region";

/** What zone recovery needs of one Region. */
export interface RecoveryRegion {
  readonly region: string;
  readonly zone: string;
  /** Where the region's DR replica lives, preferred for its backups (see siblingRegion). @default none */
  readonly drReplicaRegion?: string;
  /** The Region component: backups are its children (its provider), replications its sibling's. */
  readonly component: pulumi.Resource;
  /** The region's provider, given explicitly to what is declared under `component`. */
  readonly provider: pulumi.ProviderResource;
  readonly vault: BackupVault;
  readonly accountId: pulumi.Input<string>;
  /** ARN of the region's primary database. */
  readonly databaseArn: pulumi.Input<string>;
}

export interface ZoneRecoveryResult {
  readonly backups: readonly DatabaseBackup[];
  readonly replications: readonly aws.rds.InstanceAutomatedBackupsReplication[];
  /** Regions whose zone holds no other region of the stack: their backups stay in the region. */
  readonly alone: readonly string[];
}

/**
 * The stack's cross-region recovery links, all inside a residency zone: each region's backup plan
 * copies to its sibling's vault, and each primary's automated backups are replicated to the
 * sibling (point-in-time restore there). The replication is declared under the DESTINATION
 * Region, so it uses that region's provider and a KMS key of that region, as RDS requires.
 */
export function declareZoneRecovery(
  stack: string,
  settings: RecoverySettings,
  regions: readonly RecoveryRegion[],
  protect: boolean,
): ZoneRecoveryResult {
  const byName = new Map(regions.map((r) => [r.region, r]));
  const backups: DatabaseBackup[] = [];
  const replications: aws.rds.InstanceAutomatedBackupsReplication[] = [];
  const alone: string[] = [];
  for (const source of regions) {
    const siblingName = siblingRegion(source, regions);
    const sibling = siblingName === undefined ? undefined : byName.get(siblingName);
    if (sibling === undefined) alone.push(source.region);
    backups.push(
      new DatabaseBackup(
        `${source.region}-backup`,
        {
          vault: source.vault,
          resourceArns: [source.databaseArn],
          settings: settings.backup,
          accountId: source.accountId,
          copyTo: sibling?.vault,
          planName: `platform-${stack}-${source.region}`,
        },
        { parent: source.component, providers: { aws: source.provider } },
      ),
    );
    if (sibling !== undefined && settings.automatedBackupReplication.enabled) {
      replications.push(
        new aws.rds.InstanceAutomatedBackupsReplication(
          `${source.region}-to-${sibling.region}-pitr`,
          {
            sourceDbInstanceArn: source.databaseArn,
            kmsKeyId: sibling.vault.keyArn,
            retentionPeriod: settings.automatedBackupReplication.retentionDays,
          },
          // The Region parent gives the destination provider; RDS then replicates from the source ARN.
          { parent: sibling.component, provider: sibling.provider, protect },
        ),
      );
    }
  }
  return { backups, replications, alone };
}
