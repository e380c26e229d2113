/**
 * The 1 -> 20 region series: dev, prod and generated prod-shaped stacks of 1, 5, 10 and 20
 * regions, each planned in a fresh process (median of several), beside two floors registered under
 * the same mocks and engine in one synchronous loop: as many bare resources (one scalar input each),
 * and a replay of the plan's own resources (same types and inputs, as plain values) without the
 * program. It shows how evaluation grows with the stack and what the program itself costs.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { AWS_REGIONS, usableZoneCount } from "../../components/config/aws-regions";
import { zoneOfRegion } from "../../policies/residency-zones";

interface Measurement {
  readonly resources: number;
  readonly loadMs: number;
  readonly evalMs: number;
  readonly maxRssMiB: number;
  readonly wallMs: number;
}

const CHILD = path.join(__dirname, "child.js");

/** Runs one measurement in a fresh Node process (compiled JS, no source maps, as `npm run plan`). */
function measure(args: string[]): Measurement {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--stack-trace-limit=0", CHILD, ...args], { encoding: "utf8" });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`bench child ${args.join(" ")} failed: ${result.stderr}`);
  return { ...(JSON.parse(result.stdout.trim().split("\n").pop()!) as Omit<Measurement, "wallMs">), wallMs };
}

/** Median of several runs by evaluation time (the machine is shared; medians are steadier). */
function median(args: string[], runs: number): Measurement {
  const all = Array.from({ length: runs }, () => measure(args)).sort((a, b) => a.evalMs - b.evalMs);
  return all[Math.floor(all.length / 2)];
}

/** A prod-shaped stack with the first `count` catalogue regions, DR replicas paired inside zones. */
function generatedStack(repo: string, dir: string, count: number): string {
  const prod = parse(fs.readFileSync(path.join(repo, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> };
  const regions = AWS_REGIONS.filter((r) => zoneOfRegion(r.name) !== undefined).slice(0, count);
  const entries = regions.map((r) => {
    const zone = zoneOfRegion(r.name)!;
    const sibling = regions.find((o) => o.name !== r.name && zoneOfRegion(o.name) === zone);
    return {
      region: r.name,
      zone,
      azCount: Math.min(3, usableZoneCount(r.name)),
      ...(sibling ? { database: { drReplica: { region: sibling.name } } } : {}),
    };
  });
  const stack = `bench-${count}`;
  // One CDN origin per region plus one per zone: 20 regions need a raised CloudFront quota.
  const edge = { ...(prod.config["platform:edge"] as object), quotas: { originsPerDistribution: 50 } };
  const config = { ...prod.config, "platform:regions": entries, "platform:edge": edge };
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
  return stack;
}

/** Markdown: the series table with its legend. */
export function seriesRows(repo: string, runs: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-"));
  try {
    fs.copyFileSync(path.join(repo, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    for (const stack of ["dev", "prod"]) fs.copyFileSync(path.join(repo, `Pulumi.${stack}.yaml`), path.join(dir, `Pulumi.${stack}.yaml`));
    const stacks = ["dev", "prod", ...[1, 5, 10, 20].map((n) => generatedStack(repo, dir, n))];

    const header = [
      "stack",
      "resources",
      "program load s",
      "plan eval s",
      "plan wall s",
      "plan peak MiB",
      "floor eval s",
      "floor wall s",
      "floor peak MiB",
      "plan / floor",
      "replay eval s",
      "plan / replay",
    ];
    const rows: string[] = [];
    for (const stack of stacks) {
      const record = path.join(dir, `${stack}.resources.json`);
      measure(["plan", dir, stack, record]);
      const plan = median(["plan", dir, stack], runs);
      const floor = median(["floor", dir, stack, String(plan.resources - 1)], runs);
      const replay = median(["replay", dir, stack, record], runs);
      rows.push(
        [
          stack,
          String(plan.resources),
          (plan.loadMs / 1000).toFixed(2),
          (plan.evalMs / 1000).toFixed(2),
          (plan.wallMs / 1000).toFixed(2),
          plan.maxRssMiB.toFixed(0),
          (floor.evalMs / 1000).toFixed(2),
          (floor.wallMs / 1000).toFixed(2),
          floor.maxRssMiB.toFixed(0),
          `${(plan.evalMs / floor.evalMs).toFixed(2)}x`,
          (replay.evalMs / 1000).toFixed(2),
          `${(plan.evalMs / replay.evalMs).toFixed(2)}x`,
        ].join(" | "),
      );
    }
    return [
      `Evaluation inside one process, 1 -> 20 regions: median of ${runs} runs each, fresh process per run.`,
      "load = requiring the program's modules (@pulumi/aws, awsx, kubernetes); eval = evaluating the program and registering",
      "every resource under the mocks (planStack); wall = the whole process incl. Node start.",
      "floor = the same number of bare resources (one scalar input each) registered under the same mocks and engine in one",
      "synchronous loop; replay = the plan's own resources (same types and inputs, as plain values) registered that way,",
      "without the program: plan / replay is what evaluating the program itself costs.",
      "",
      `| ${header.join(" | ")} |`,
      `|${header.map(() => "---").join("|")}|`,
      ...rows.map((r) => `| ${r} |`),
      "",
    ].join("\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
