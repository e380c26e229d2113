/**
 * The waves of a region-by-region rollout, planned from the offline plan of the commit being
 * deployed: a canary region first, then the rest of its residency zone, then each other zone, and
 * last the edge with everything else (an unconstrained `pulumi up`, which also converges anything
 * a partial wave could not touch, such as deletions).
 *
 * A wave is one `pulumi up` with `exclude` + `excludeDependents` rather than `target`: the engine
 * refuses a targeted resource whose parent or dependency is neither targeted nor already in the
 * state (pkg/resource/deploy/step_generator.go, "untargeted create"), and the children of remote
 * components (awsx) and of Helm charts have URNs no offline plan can list. Excluding the roots of
 * what must wait lets the engine carry every child, known or not, with its parent.
 *
 * What a wave touches is closed under dependencies. Edge resources a region needs (the CDN's
 * origin-verify secret, a shared ACM validation record) come with that region's wave; a regional
 * resource that needs a region of a later wave (a DR replica of the sibling's primary, a backup copy
 * into the sibling's vault) waits for that wave, and is listed as held back.
 */
import { PlannedResource, Plan, STACK_TYPE, isProviderType } from "../engine/model";
import { reveal } from "../engine/values";
import { UsageError } from "../cli";

export const REGION_TYPE = "platform:region:Region";
/** Placement of everything not under a Region component (the CDN, WAF, Route 53, shared records). */
export const EDGE = "edge";

export interface Wave {
  readonly index: number;
  /** canary | zone <name> (rest) | zone <name> | edge */
  readonly label: string;
  /** Regions this wave deploys (for the edge wave: every region, which it converges). */
  readonly regions: readonly string[];
  /** Region-unhealthy alarms watched after this wave: every region deployed so far. */
  readonly watch: readonly { readonly region: string; readonly alarm: string }[];
  /** URNs to exclude, each with its dependents and children; empty for the final, unconstrained wave. */
  readonly exclude: readonly string[];
  /** Resources this wave changes for the first time, per placement (region or `edge`). */
  readonly touches: Readonly<Record<string, number>>;
  /** Cloud resources of this wave's regions that need a later region, so they wait for its wave. */
  readonly heldBack: readonly string[];
}

export interface WaveOptions {
  /** Zones in stack order, each with its regions in stack order (stack-info's `zones`). */
  readonly zones: readonly { readonly zone: string; readonly regions: readonly string[] }[];
  /** The canary region; default: the first region of the first zone. */
  readonly canary?: string;
}

/** Region component of a resource, or `edge`; providers and the stack belong to no wave. */
export function placementOf(resource: PlannedResource, byUrn: ReadonlyMap<string, PlannedResource>): string | undefined {
  if (resource.type === STACK_TYPE || isProviderType(resource.type)) return undefined;
  for (let r: PlannedResource | undefined = resource; r; r = r.parent ? byUrn.get(r.parent) : undefined) {
    if (r.type === REGION_TYPE) return r.name;
  }
  return EDGE;
}

/** Everything a resource waits for in the engine: parent, explicit and property dependencies. */
function dependenciesOf(resource: PlannedResource): string[] {
  return [...(resource.parent ? [resource.parent] : []), ...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()];
}

/** The region-unhealthy alarm of a region, as the program exports it (stack output regions.<r>.operations.unhealthyAlarmName). */
export function unhealthyAlarmOf(plan: Plan, region: string): string | undefined {
  const regions = reveal(plan.outputs.regions) as Record<string, { operations?: { unhealthyAlarmName?: unknown } }> | undefined;
  const name = regions?.[region]?.operations?.unhealthyAlarmName;
  return typeof name === "string" ? name : undefined;
}

function regionGroups(options: WaveOptions): { label: string; regions: string[] }[] {
  const all = options.zones.flatMap((z) => z.regions);
  const canary = options.canary ?? all[0];
  if (canary === undefined) throw new UsageError("the stack has no regions to roll out");
  const home = options.zones.find((z) => z.regions.includes(canary));
  if (home === undefined) throw new UsageError(`--canary ${canary}: not a region of this stack; regions: ${all.join(", ")}`);
  const groups = [{ label: `canary ${canary}`, regions: [canary] }];
  const rest = home.regions.filter((r) => r !== canary);
  if (rest.length > 0) groups.push({ label: `rest of zone ${home.zone}`, regions: rest });
  for (const zone of options.zones) if (zone !== home) groups.push({ label: `zone ${zone.zone}`, regions: [...zone.regions] });
  return groups;
}

export function planWaves(plan: Plan, options: WaveOptions): Wave[] {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const placement = new Map(plan.resources.map((r) => [r.urn, placementOf(r, byUrn)]));
  const deployed = new Set<string>();
  const allowedRegions: string[] = [];
  const waves: Wave[] = [];

  /**
   * What a constrained wave may change: resources of its regions whose every dependency is in an
   * allowed region or on the edge (the program registers dependencies first, so one pass in
   * registration order suffices), plus the edge resources they need. A regional resource that
   * needs a region of a later wave (a DR replica, a backup copy) is held back until then.
   */
  const includedIn = (constrained: boolean): Set<string> => {
    if (!constrained) return new Set(plan.resources.map((r) => r.urn));
    const ready = new Set<string>();
    for (const r of plan.resources) {
      const where = placement.get(r.urn);
      const placeable = where === undefined || where === EDGE || allowedRegions.includes(where);
      if (placeable && dependenciesOf(r).every((d) => ready.has(d) || !byUrn.has(d))) ready.add(r.urn);
    }
    const included = new Set(deployed);
    const pending = plan.resources.filter((r) => ready.has(r.urn) && allowedRegions.includes(placement.get(r.urn) ?? "")).map((r) => r.urn);
    while (pending.length > 0) {
      const urn = pending.pop() as string;
      if (included.has(urn) || !byUrn.has(urn)) continue;
      included.add(urn);
      pending.push(...dependenciesOf(byUrn.get(urn) as PlannedResource));
    }
    return included;
  };

  const record = (label: string, regions: string[], constrained: boolean) => {
    const included = includedIn(constrained);
    const fresh = plan.resources.filter((r) => placement.get(r.urn) !== undefined && included.has(r.urn) && !deployed.has(r.urn));
    const touches: Record<string, number> = {};
    for (const r of fresh) touches[placement.get(r.urn) as string] = (touches[placement.get(r.urn) as string] ?? 0) + 1;
    const excluded = (r: PlannedResource) => placement.get(r.urn) !== undefined && !included.has(r.urn);
    // Only the roots: the engine excludes their children and dependents itself (excludeDependents).
    const exclude = constrained
      ? plan.resources.filter((r) => excluded(r) && !(r.parent && excluded(byUrn.get(r.parent) as PlannedResource))).map((r) => r.urn)
      : [];
    waves.push({
      index: waves.length + 1,
      label,
      regions,
      watch: allowedRegions.flatMap((region) => {
        const alarm = unhealthyAlarmOf(plan, region);
        return alarm ? [{ region, alarm }] : [];
      }),
      exclude,
      touches,
      heldBack: constrained
        ? plan.resources
            .filter((r) => (r.custom || r.remote) && allowedRegions.includes(placement.get(r.urn) ?? "") && !included.has(r.urn))
            .map((r) => r.urn)
        : [],
    });
    for (const r of fresh) deployed.add(r.urn);
  };

  for (const group of regionGroups(options)) {
    allowedRegions.push(...group.regions);
    record(group.label, group.regions, true);
  }
  record(EDGE, [...allowedRegions], false);
  return waves;
}

function shortName(urn: string): string {
  const [type, name] = urn.split("::").slice(2);
  return `${type.split("$").pop()} ${name}`;
}

/** The plan of waves as text, as `npm run rollout` prints it before running anything. */
export function renderWaves(stack: string, waves: readonly Wave[]): string {
  const lines = [
    `Rollout of stack '${stack}' in ${waves.length} waves (each a pulumi up with the policy pack; stop on a failed step or a firing alarm):`,
  ];
  for (const wave of waves) {
    const touched = Object.entries(wave.touches)
      .map(([where, n]) => `${n} in ${where}`)
      .join(", ");
    lines.push("", `  wave ${wave.index}: ${wave.label} -> ${wave.regions.join(", ")}`, `    changes: ${touched || "nothing new"}`);
    lines.push(
      wave.exclude.length > 0
        ? `    pulumi up --exclude-dependents with ${wave.exclude.length} excluded root(s): ${wave.exclude.map(shortName).join("; ")}`
        : "    pulumi up of the whole stack (no exclusions)",
    );
    if (wave.heldBack.length > 0) {
      lines.push(`    held back until the region they need is deployed: ${wave.heldBack.map(shortName).join("; ")}`);
    }
    lines.push(`    then watch: ${wave.watch.map((w) => w.alarm).join(", ") || "no region-unhealthy alarm"}`);
  }
  return lines.join("\n");
}
