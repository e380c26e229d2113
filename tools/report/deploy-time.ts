/**
 * Estimated deploy time of a fresh stack: the critical path through the dependency graph, each
 * resource weighted by its typical creation time (the resource-type catalogue, tools/catalogue). The engine creates a resource
 * as soon as everything it waits for exists, so independent branches, and whole regions, run in
 * parallel: four regions take about as long as one.
 */
import { Plan, PlannedResource } from "../engine/model";
import { CROSS_REGION_REPLICA_CREATION } from "../catalogue/aws/rds";
import { creationTime } from "../catalogue/facts";
import { CreationTime } from "../catalogue/types";
import { CreationGraph, creationGraph } from "../deploy-checks/creation-order";
import { attributedRegion } from "./counts";
import { T, formatDuration, isDeployed, plain, regionOfArn } from "./resources";

export interface PathStep {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly region?: string;
  readonly seconds: number;
  /** Seconds after the start of the deployment at which this step is done. */
  readonly doneAt: number;
}

export interface DeployEstimate {
  /** Wall-clock seconds with the engine's parallelism (the critical path). */
  readonly totalSeconds: number;
  /** When the last resource of each region (and `global` for the edge) is done. */
  readonly byRegion: Readonly<Record<string, number>>;
  /** What the same regions would take deployed one after another (sum of `byRegion`). */
  readonly sequentialRegionsSeconds: number;
  /** The chain of resources that decides `totalSeconds`, first to last. */
  readonly criticalPath: readonly PathStep[];
}

/** Typical creation time of one resource (0 for components, providers and the stack). */
export function weightOf(resource: PlannedResource): CreationTime {
  if (!isDeployed(resource)) return { seconds: 0, source: "not created in AWS" };
  if (resource.type === T.rdsInstance) {
    const source = regionOfArn(plain(resource.inputs.replicateSourceDb));
    if (source && resource.region && source !== resource.region) return CROSS_REGION_REPLICA_CREATION;
  }
  return creationTime(resource.type);
}

export function estimateDeployTime(plan: Plan): DeployEstimate {
  const graph = creationGraph(plan);
  const byUrn = graph.byUrn;

  // start: when everything a resource waits for is done (creation-order.ts). A component is
  // "registered" at once (children may start) but "complete" only when all its children are.
  const start = new Map<string, number>();
  const complete = new Map<string, number>();
  const via = new Map<string, string | undefined>(); // what a resource waited for last (path tracing)
  const visiting = new Set<string>();

  const startOf = (r: PlannedResource): number => {
    const known = start.get(r.urn);
    if (known !== undefined) return known;
    if (visiting.has(r.urn)) return 0; // a cycle cannot exist in a valid plan; never loop
    visiting.add(r.urn);
    let at = 0;
    let last: string | undefined;
    for (const wait of graph.waits(r)) {
      const dep = byUrn.get(wait.urn)!;
      const t = wait.until === "created" ? completeOf(dep) : startOf(dep);
      if (last === undefined || t > at) {
        at = t;
        last = wait.urn;
      }
    }
    visiting.delete(r.urn);
    start.set(r.urn, at);
    via.set(r.urn, last);
    return at;
  };
  const completeOf = (r: PlannedResource): number => {
    const known = complete.get(r.urn);
    if (known !== undefined) return known;
    let done = startOf(r) + weightOf(r).seconds;
    if (graph.isComponent(r)) for (const child of graph.children(r.urn)) done = Math.max(done, completeOf(child));
    complete.set(r.urn, done);
    return done;
  };

  const byRegion: Record<string, number> = {};
  let total = 0;
  let last: PlannedResource | undefined;
  for (const r of plan.resources) {
    if (!isDeployed(r)) continue;
    const done = completeOf(r);
    const key = attributedRegion(plan, r);
    byRegion[key] = Math.max(byRegion[key] ?? 0, done);
    if (done > total || last === undefined) {
      total = Math.max(total, done);
      last = r;
    }
  }

  return {
    totalSeconds: total,
    byRegion,
    sequentialRegionsSeconds: Object.values(byRegion).reduce((a, b) => a + b, 0),
    criticalPath: last ? tracePath(last, graph, via, complete) : [],
  };
}

/** Walks back from the last resource done, through whatever each step waited for last. */
function tracePath(
  last: PlannedResource,
  graph: CreationGraph,
  via: Map<string, string | undefined>,
  complete: Map<string, number>,
): PathStep[] {
  const steps: PathStep[] = [];
  const seen = new Set<string>();
  let current: PlannedResource | undefined = last;
  while (current && !seen.has(current.urn)) {
    seen.add(current.urn);
    const seconds = weightOf(current).seconds;
    if (seconds > 0) {
      steps.push({
        urn: current.urn,
        type: current.type,
        name: current.name,
        region: current.region,
        seconds,
        doneAt: complete.get(current.urn) ?? 0,
      });
    }
    let next: PlannedResource | undefined = graph.byUrn.get(via.get(current.urn) ?? "");
    // A component dependency: continue through its child that finished last.
    while (next && graph.isComponent(next) && next.urn !== current.parent) {
      const kids: PlannedResource[] = [...graph.children(next.urn)];
      const latest: PlannedResource | undefined = kids.sort((a, b) => (complete.get(b.urn) ?? 0) - (complete.get(a.urn) ?? 0))[0];
      if (!latest || (complete.get(latest.urn) ?? 0) < (complete.get(next.urn) ?? 0)) break;
      next = latest;
    }
    current = next;
  }
  return steps.reverse();
}

/** Plain text for the text plan: total, per region, and the critical path. */
export function renderDeployEstimate(estimate: DeployEstimate): string {
  const regions = Object.entries(estimate.byRegion).sort((a, b) => b[1] - a[1]);
  const lines = [
    `Estimated deploy time (fresh stack): ~${formatDuration(estimate.totalSeconds)} ` +
      `(regions in parallel; one after another they would take ~${formatDuration(estimate.sequentialRegionsSeconds)})`,
    ...regions.map(([region, seconds]) => `    ${region.padEnd(16)} ~${formatDuration(seconds)}`),
    "  critical path:",
    ...estimate.criticalPath.map(
      (s) =>
        `    ${formatDuration(s.doneAt).padStart(8)}  ${s.type} ${s.name}${s.region ? ` (${s.region})` : ""} +${formatDuration(s.seconds)}`,
    ),
  ];
  return lines.join("\n");
}

/** The same as markdown, for the PR report. */
export function renderDeployEstimateMarkdown(estimate: DeployEstimate): string {
  const regions = Object.entries(estimate.byRegion).sort((a, b) => b[1] - a[1]);
  return [
    `**~${formatDuration(estimate.totalSeconds)}** for a fresh stack: regions deploy in parallel ` +
      `(one after another: ~${formatDuration(estimate.sequentialRegionsSeconds)}). Weights: typical creation time per type, with sources, in the resource-type catalogue (\`tools/catalogue\`).`,
    "",
    "| Region | Done after |",
    "|---|---:|",
    ...regions.map(([region, seconds]) => `| ${region} | ~${formatDuration(seconds)} |`),
    "",
    "Critical path:",
    "",
    "| Done at | Resource | Region | Takes |",
    "|---:|---|---|---:|",
    ...estimate.criticalPath.map(
      (s) => `| ${formatDuration(s.doneAt)} | \`${s.type}\` ${s.name} | ${s.region ?? ""} | ${formatDuration(s.seconds)} |`,
    ),
  ].join("\n");
}
