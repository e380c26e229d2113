/**
 * Where the platform's stack config controls what a policy checks. A violation names the key its
 * reader edits (`platform:regions[].database.backupRetentionDays`) beside the provider property
 * (`backupRetentionPeriod`), so the fix is found in the stack file, not in the program.
 */

const REGIONAL = "regions[].";

/**
 * ` In the stack file: platform:<key> …` for a message. Regional keys (`regions[].…`) name the
 * region whose entry to edit and the `regionDefaults` key that sets it for every region (unless
 * the setting is per region by nature, `everyRegion: false`).
 */
export function inStackFile(key: string, region?: string, options: { readonly everyRegion?: boolean } = {}): string {
  if (!key.startsWith(REGIONAL)) return ` In the stack file: platform:${key}.`;
  const inner = key.slice(REGIONAL.length);
  const entry = region === undefined ? "" : ` of ${region}`;
  const shared = options.everyRegion === false ? "" : ` (or platform:regionDefaults.${inner} for every region)`;
  return ` In the stack file: platform:${key}${entry}${shared}.`;
}
