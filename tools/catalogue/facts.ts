/**
 * The catalogue's facts as the reports ask for them: creation time, replacement triggers and the
 * data a type holds. Types the catalogue lacks get explicit fallbacks (a test keeps the committed
 * plans free of them).
 */
import { CATALOGUE } from "./index";
import { ChangeContext, CreationTime, HoldsData, Replacement, isNone } from "./types";

/** Any other AWS resource: one create call plus a describe. */
export const DEFAULT_CREATION: CreationTime = {
  seconds: 5,
  source: "assumed: one create call plus a describe (type not in the catalogue)",
};

export function creationTime(type: string): CreationTime {
  return CATALOGUE[type]?.creation ?? DEFAULT_CREATION;
}

/** Triggers Pulumi itself applies to every resource type: a changed `region` (aws v7 per-resource region). */
export const ALWAYS_REPLACE_ON: readonly string[] = ["region"];

export function replacementOf(type: string): Replacement | undefined {
  const replacement = CATALOGUE[type]?.replacement;
  return replacement === undefined || isNone(replacement) ? undefined : replacement;
}

export function holdsData(type: string): HoldsData | undefined {
  const data = CATALOGUE[type]?.data;
  return data === undefined || isNone(data) ? undefined : data;
}

/**
 * Does a change at `path` (dotted, e.g. `kubernetesNetworkConfig.serviceIpv4Cidr`) trigger a
 * replacement? A trigger matches the path itself or any prefix of it; a conditional rule
 * (`replaceIf`) matches the exact path and is evaluated when the change is given.
 */
export function triggersReplacement(type: string, path: string, replaceOnChanges: readonly string[] = [], change?: ChangeContext): boolean {
  const replacement = replacementOf(type);
  const triggers = [...(replacement?.replaceOn ?? []), ...ALWAYS_REPLACE_ON, ...replaceOnChanges];
  const normalized = path.replace(/\[\d+\]/g, "");
  if (triggers.some((t) => t === "*" || normalized === t || normalized.startsWith(`${t}.`) || normalized.startsWith(`${t}[`))) return true;
  const rule = replacement?.replaceIf?.[normalized];
  return rule !== undefined && change !== undefined && rule(change);
}
