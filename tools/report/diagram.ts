/**
 * Mermaid architecture diagram of a plan, derived from what the program declared (types, inputs,
 * references), not from config: residency zones and regions as subgraphs; CDN -> origin (ALB) ->
 * cluster -> database / cache / queues inside a region; DR replicas and origin-group failover as
 * links across regions. Any tier may be absent; the diagram shows what exists.
 */
import { EVENT_TARGET } from "../catalogue/aws/cloudwatch";
import { Plan, PlannedResource } from "../engine/model";
import { SCALED_OBJECT } from "../catalogue/other/keda";
import { HELM_RELEASE } from "../catalogue/other/kubernetes";
import { T, indexByUrn, isGlobal, plain, referencesOf, regionOfArn, regionsOf, zonesByRegion } from "./resources";

export interface DiagramLink {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** Links between regions (replication, failover) are dashed. */
  readonly crossRegion: boolean;
}

export interface DiagramNode {
  readonly id: string;
  readonly label: string;
  /** Region, or `global` for the edge. */
  readonly region: string;
  readonly urns: readonly string[];
}

export interface Diagram {
  readonly nodes: readonly DiagramNode[];
  readonly links: readonly DiagramLink[];
  readonly mermaid: string;
}

export function buildDiagram(plan: Plan): Diagram {
  const byUrn = indexByUrn(plan);
  const nodes: DiagramNode[] = [];
  const nodeOf = new Map<string, DiagramNode>(); // URN -> node
  const add = (id: string, label: string, region: string, members: readonly PlannedResource[]) => {
    const node: DiagramNode = { id, label, region, urns: members.map((m) => m.urn) };
    nodes.push(node);
    for (const m of members) nodeOf.set(m.urn, node);
    return node;
  };
  const ofType = (type: string, region?: string) =>
    plan.resources.filter((r) => r.type === type && (region === undefined || r.region === region) && !isGlobal(r));

  // Edge: CloudFront, WAF and Route 53 (global services).
  const edge = plan.resources.filter((r) => isGlobal(r) && [T.distribution, T.webAcl, T.zone].includes(r.type as never));
  edge.forEach((r, i) => add(`edge_${i}`, `${EDGE_LABEL[r.type] ?? r.type}<br>${r.name}`, "global", [r]));
  // Records join their hosted zone's node; records in a zone managed elsewhere get one DNS node.
  const records = plan.resources.filter((r) => r.type === T.record);
  const hostedZone = edge.find((r) => r.type === T.zone);
  const dns = hostedZone
    ? nodeOf.get(hostedZone.urn)!
    : records.length > 0
      ? add("edge_dns", `Route 53<br>${records.length} records`, "global", [])
      : undefined;
  for (const rec of records) if (dns) nodeOf.set(rec.urn, dns);

  const regionNodes = new Map<string, { lb: DiagramNode[]; cluster: DiagramNode[]; data: DiagramNode[]; keda?: DiagramNode }>();
  // Queues an EventBridge rule targets: SQS event targets name their queue's ARN.
  const queueArns = new Map(plan.resources.filter((r) => r.type === T.queue).map((q) => [plain(q.outputs.arn), q.urn]));
  const fedByEvents = new Set(
    plan.resources
      .filter((r) => r.type === EVENT_TARGET)
      .flatMap((t) => [...referencesOf(t, "arn"), queueArns.get(plain(t.inputs.arn))].filter((u): u is string => u !== undefined)),
  );
  const eventLinks: [DiagramNode, DiagramNode][] = [];
  for (const region of regionsOf(plan)) {
    const key = slug(region);
    const tier = { lb: [] as DiagramNode[], cluster: [] as DiagramNode[], data: [] as DiagramNode[] };
    ofType(T.awsxVpc, region)
      .concat(ofType(T.vpc, region))
      .forEach((r, i) => add(`${key}_vpc${i}`, `VPC<br>${cidrOf(r)}`, region, [r]));
    ofType(T.alb, region).forEach((r, i) => tier.lb.push(add(`${key}_alb${i}`, `ALB<br>${r.name}`, region, [r])));
    ofType(T.eksCluster, region).forEach((r, i) => tier.cluster.push(add(`${key}_eks${i}`, `EKS<br>${r.name}`, region, [r])));

    const instances = ofType(T.rdsInstance, region);
    const sourceOf = (r: PlannedResource) =>
      replicaSource(r, instances.concat(plan.resources.filter((x) => x.type === T.rdsInstance)), byUrn);
    const primaries = instances.filter((r) => plain(r.inputs.replicateSourceDb) === undefined);
    primaries.forEach((r, i) => tier.data.push(add(`${key}_db${i}`, `RDS primary<br>${engineOf(r)}`, region, [r])));
    // In-region read replicas of one primary share a node; cross-region (DR) replicas get their own.
    const local = instances.filter((r) => r.region === sourceOf(r)?.region && plain(r.inputs.replicateSourceDb) !== undefined);
    const groups = new Map<string, PlannedResource[]>();
    for (const r of local) groups.set(sourceOf(r)!.urn, [...(groups.get(sourceOf(r)!.urn) ?? []), r]);
    [...groups.values()].forEach((members, i) => add(`${key}_rr${i}`, `RDS read replicas x${members.length}`, region, members));
    instances
      .filter((r) => plain(r.inputs.replicateSourceDb) !== undefined && !local.includes(r))
      .forEach((r, i) => {
        const from = sourceOf(r)?.region ?? regionOfArn(plain(r.inputs.replicateSourceDb)) ?? "another region";
        tier.data.push(add(`${key}_dr${i}`, `RDS DR replica<br>of ${from}`, region, [r]));
      });
    ofType(T.rdsCluster, region).forEach((r, i) => tier.data.push(add(`${key}_aurora${i}`, `Aurora<br>${r.name}`, region, [r])));
    [
      ...ofType(T.cacheGroup, region),
      ...ofType(T.cacheCluster, region).filter((r) => !r.inputs.replicationGroupId),
      ...ofType(T.cacheServerless, region),
    ].forEach((r, i) => tier.data.push(add(`${key}_cache${i}`, `ElastiCache<br>${plain(r.inputs.engine) ?? r.name}`, region, [r])));
    // Queues EventBridge feeds (Karpenter's interruption queue) belong to the cluster, not the application.
    const eventQueues = ofType(T.queue, region).filter((q) => fedByEvents.has(q.urn));
    eventQueues.forEach((q, i) => {
      const node = add(`${key}_events${i}`, `SQS interruption queue<br>Karpenter, fed by EventBridge`, region, [q]);
      for (const cluster of tier.cluster) eventLinks.push([cluster, node]);
    });
    const queues = ofType(T.queue, region).filter((q) => !fedByEvents.has(q.urn));
    if (queues.length > 0) {
      const dlqs = queues.filter((q) => isDeadLetterQueue(q, queues));
      const main = queues.filter((q) => !dlqs.includes(q)).map(queueName);
      tier.data.push(
        add(`${key}_sqs`, `SQS x${queues.length}<br>${main.join(", ")}${dlqs.length ? ` + ${dlqs.length} DLQ` : ""}`, region, queues),
      );
    }
    // KEDA: which consumers scale on which queue's depth (ScaledObjects with their release).
    const scaled = ofType(SCALED_OBJECT, region);
    const keda =
      scaled.length === 0
        ? undefined
        : add(`${key}_keda`, `KEDA<br>${scaled.map(scalesWhat).join(", ")}`, region, [
            ...scaled,
            ...ofType(HELM_RELEASE, region).filter((r) => plain(r.inputs.chart) === "keda"),
          ]);
    regionNodes.set(region, { ...tier, keda });
  }

  const links: DiagramLink[] = [];
  const link = (from: DiagramNode | undefined, to: DiagramNode | undefined, label: string) => {
    if (!from || !to || from === to) return;
    if (links.some((l) => l.from === from.id && l.to === to.id && l.label === label)) return;
    links.push({
      from: from.id,
      to: to.id,
      label,
      crossRegion: from.region !== to.region && from.region !== "global" && to.region !== "global",
    });
  };

  // CDN -> origins: an ALB named by the origin's domain, directly or through Route 53 records of
  // that name (alias or latency records), and origin-group failover between them.
  const albs = plan.resources.filter((r) => r.type === T.alb);
  const albsOfDomain = (domain: string | undefined): PlannedResource[] => {
    if (domain === undefined) return [];
    const direct = albs.filter((a) => plain(a.outputs.dnsName) === domain);
    if (direct.length > 0) return direct;
    const named = records.filter((rec) => String(plain(rec.inputs.name) ?? "").replace(/\.$/, "") === domain.replace(/\.$/, ""));
    return albs.filter((a) =>
      named.some(
        (rec) =>
          referencesOf(rec, "aliases").includes(a.urn) ||
          JSON.stringify(plain(rec.inputs.aliases) ?? []).includes(`"${String(plain(a.outputs.dnsName))}"`),
      ),
    );
  };
  for (const cdn of plan.resources.filter((r) => r.type === T.distribution)) {
    const origins = (plain(cdn.inputs.origins) as { domainName?: string; originId?: string }[] | undefined) ?? [];
    const albsByOrigin = new Map(origins.map((o) => [o.originId ?? "", albsOfDomain(o.domainName)]));
    for (const targets of albsByOrigin.values()) for (const alb of targets) link(nodeOf.get(cdn.urn), nodeOf.get(alb.urn), "origin");
    for (const urn of referencesOf(cdn, "origins"))
      if (byUrn.get(urn)?.type === T.alb) link(nodeOf.get(cdn.urn), nodeOf.get(urn), "origin");
    const groups = (plain(cdn.inputs.originGroups) as { members?: { originId?: string }[] }[] | undefined) ?? [];
    for (const group of groups) {
      const [primary = [], ...others] = (group.members ?? []).map((m) => albsByOrigin.get(m.originId ?? "") ?? []);
      for (const from of primary) for (const to of others.flat()) link(nodeOf.get(from.urn), nodeOf.get(to.urn), "failover");
    }
    const acl = plain(cdn.inputs.webAclId);
    const waf = plan.resources.find(
      (r) => r.type === T.webAcl && (plain(r.outputs.arn) === acl || referencesOf(cdn, "webAclId").includes(r.urn)),
    );
    if (waf) link(nodeOf.get(waf.urn), nodeOf.get(cdn.urn), "protects");
  }
  // DNS: records aliasing the CDN (records in front of ALBs show up as CDN origins).
  for (const rec of records) {
    for (const urn of Object.values(rec.propertyDependencies).flat()) {
      if (byUrn.get(urn)?.type === T.distribution) link(nodeOf.get(rec.urn), nodeOf.get(urn), "alias");
    }
  }
  for (const [cluster, queue] of eventLinks) link(queue, cluster, "interruptions");
  // Within a region: origin -> cluster -> data tier.
  for (const tier of regionNodes.values()) {
    for (const lb of tier.lb) for (const cluster of tier.cluster) link(lb, cluster, "routes to");
    for (const cluster of tier.cluster) for (const data of tier.data) if (!data.label.startsWith("RDS DR")) link(cluster, data, "uses");
    for (const cluster of tier.cluster) link(tier.keda, cluster, "scales consumers in");
    for (const data of tier.data) if (data.label.startsWith("SQS")) link(tier.keda, data, "reads depth of");
  }
  // Replication: every replica node from its source's node.
  for (const r of plan.resources.filter((x) => x.type === T.rdsInstance && plain(x.inputs.replicateSourceDb) !== undefined)) {
    const source = replicaSource(
      r,
      plan.resources.filter((x) => x.type === T.rdsInstance),
      byUrn,
    );
    const to = nodeOf.get(r.urn);
    link(nodeOf.get(source?.urn ?? ""), to, to?.label.startsWith("RDS DR") ? "DR replica" : "read replica");
  }

  return { nodes, links, mermaid: renderMermaid(plan, nodes, links) };
}

const EDGE_LABEL: Record<string, string> = { [T.distribution]: "CloudFront", [T.webAcl]: "WAF", [T.zone]: "Route 53" };

/** The primary a replica reads from: by input reference, else by its ARN or identifier. */
function replicaSource(
  replica: PlannedResource,
  candidates: readonly PlannedResource[],
  byUrn: Map<string, PlannedResource>,
): PlannedResource | undefined {
  for (const urn of referencesOf(replica, "replicateSourceDb")) {
    const source = byUrn.get(urn);
    if (source?.type === T.rdsInstance) return source;
  }
  const value = plain(replica.inputs.replicateSourceDb);
  return candidates.find((c) => c !== replica && [plain(c.outputs.arn), plain(c.outputs.identifier), c.id].includes(value as string));
}

function isDeadLetterQueue(queue: PlannedResource, queues: readonly PlannedResource[]): boolean {
  const arn = plain(queue.outputs.arn);
  return queues.some((q) => {
    let redrive: unknown = plain(q.inputs.redrivePolicy);
    if (typeof redrive === "string") redrive = safeJson(redrive);
    return q !== queue && (redrive as { deadLetterTargetArn?: string } | undefined)?.deadLetterTargetArn === arn && arn !== undefined;
  });
}

/** `<Deployment> on <queue>` of a ScaledObject (its name is its queue's). */
function scalesWhat(scaled: PlannedResource): string {
  const inputs = plain(scaled.inputs) as { metadata?: { name?: string }; spec?: { scaleTargetRef?: { name?: string } } };
  return `${inputs.spec?.scaleTargetRef?.name ?? scaled.name} on ${inputs.metadata?.name ?? "?"}`;
}

function queueName(queue: PlannedResource): string {
  const name = plain(queue.inputs.name) ?? plain(queue.outputs.name) ?? queue.name;
  return String(name);
}

function engineOf(r: PlannedResource): string {
  const engine = plain(r.inputs.engine);
  const cls = plain(r.inputs.instanceClass);
  return [engine, cls].filter((x) => typeof x === "string").join(" ") || r.name;
}

function cidrOf(r: PlannedResource): string {
  const cidr = plain(r.inputs.cidrBlock);
  return typeof cidr === "string" ? cidr : r.name;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, "_");
}

/** Mermaid text: quotes in labels become `#quot;`, the entity Mermaid understands. */
function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

function renderMermaid(plan: Plan, nodes: readonly DiagramNode[], links: readonly DiagramLink[]): string {
  const zones = zonesByRegion(plan);
  const lines = ["flowchart LR"];
  const nodesIn = (region: string) => nodes.filter((n) => n.region === region);
  const global = nodesIn("global");
  if (global.length > 0) {
    lines.push(`  subgraph edge[${label("global edge")}]`, ...global.map((n) => `    ${n.id}[${label(n.label)}]`), "  end");
  }
  const regions = regionsOf(plan);
  const zoneNames = [...new Set(regions.map((r) => zones.get(r) ?? ""))];
  for (const zone of zoneNames) {
    const indent = zone ? "    " : "  ";
    if (zone) lines.push(`  subgraph zone_${slug(zone)}[${label(`zone ${zone}`)}]`);
    for (const region of regions.filter((r) => (zones.get(r) ?? "") === zone)) {
      lines.push(`${indent}subgraph region_${slug(region)}[${label(region)}]`);
      for (const n of nodesIn(region)) lines.push(`${indent}  ${n.id}[${label(n.label)}]`);
      lines.push(`${indent}end`);
    }
    if (zone) lines.push("  end");
  }
  for (const l of links) lines.push(`  ${l.from} ${l.crossRegion ? "-.->" : "-->"}|${l.label}| ${l.to}`);
  return lines.join("\n");
}
