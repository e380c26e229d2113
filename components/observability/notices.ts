import { PlatformConfig } from "../config";

/** What the stack's operations setup leaves weaker, in plain words (printed by every plan). */
export function operationsNotices(platform: PlatformConfig, regionsWithoutSibling: readonly string[]): string[] {
  const notices: string[] = [];
  if (platform.observability.alertEmails.length === 0) {
    notices.push("observability.alertEmails is empty: alarms and budget alerts reach the SNS topics, but nobody is subscribed");
  }
  if (regionsWithoutSibling.length > 0) {
    notices.push(
      `backups of ${regionsWithoutSibling.join(", ")} stay in their region: no other region of the same residency zone holds a copy`,
    );
  }
  if (!platform.recovery.automatedBackupReplication.enabled) {
    notices.push("recovery.automatedBackupReplication is off: no point-in-time restore outside a database's own region");
  }
  if (!platform.edge.origin.applicationDeployed) {
    notices.push(
      "the regional origins' no-healthy-targets alarms do not page (edge.origin.applicationDeployed is false): " +
        "until the application serves in every region they only steer Route 53. Set it to true once it does.",
    );
  }
  return notices;
}
