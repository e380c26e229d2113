import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { AWS_REGIONS } from "../components/config/aws-regions";
import { zoneOfRegion } from "../policies/residency-zones";
import { EXIT, REPO_ROOT, parseToolArgs, runTool } from "./cli";
import { reportTimings } from "./report/bench";

interface Measurement {
  readonly resources: number;
  readonly loadMs: number;
  readonly evalMs: number;
  readonly maxRssMiB: number;
  readonly wallMs: number;
}

const CHILD = path.join(__dirname, "bench/child.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Runs one measurement in a fresh Node process (compiled JS, no source maps, as `npm run plan`). */
function measure(args: string[]): Measurement {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--stack-trace-limit=0", CHILD, ...args], { encoding: "utf8" });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`bench child ${args.join(" ")} failed: ${result.stderr}`);
  return { ...(JSON.parse(result.stdout.trim().split("\n").pop()!) as Omit<Measurement, "wallMs">), wallMs };
}

/** Median of several runs by evaluation time (the machine is shared; medians are steadier). */
function median(args: string[]): Measurement {
  const runs = Array.from({ length: RUNS }, () => measure(args)).sort((a, b) => a.evalMs - b.evalMs);
  return runs[Math.floor(runs.length / 2)];
}

/** A prod-shaped stack with the first `count` catalogue regions, DR replicas paired inside zones. */
function generatedStack(dir: string, count: number): string {
  const prod = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> };
  const regions = AWS_REGIONS.filter((r) => zoneOfRegion(r.name) !== undefined).slice(0, count);
  const entries = regions.map((r) => {
    const zone = zoneOfRegion(r.name)!;
    const sibling = regions.find((o) => o.name !== r.name && zoneOfRegion(o.name) === zone);
    return {
      region: r.name,
      zone,
      azCount: Math.min(3, r.azs.length),
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

async function main(): Promise<number> {
  parseToolArgs(
    {},
    {
      usage: "npm run bench",
      summary: "Times offline plans of dev, prod and generated 1-20 region stacks, each in a fresh process (BENCH_RUNS runs, median).",
    },
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-"));
  fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  for (const stack of ["dev", "prod"])
    fs.copyFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), path.join(dir, `Pulumi.${stack}.yaml`));
  const stacks = ["dev", "prod", ...[1, 5, 10, 20].map((n) => generatedStack(dir, n))];

  const rows: string[] = [];
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
  for (const stack of stacks) {
    const record = path.join(dir, `${stack}.resources.json`);
    measure(["plan", dir, stack, record]);
    const plan = median(["plan", dir, stack]);
    const floor = median(["floor", dir, stack, String(plan.resources - 1)]);
    const replay = median(["replay", dir, stack, record]);
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
  process.stdout.write(
    [
      `Offline plan benchmark: median of ${RUNS} runs each, fresh process per run, Node ${process.version}, ${os.cpus().length} cores.`,
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
    ].join("\n"),
  );
  process.stdout.write(await reportTimings(REPO_ROOT));
  return EXIT.ok;
}

runTool(main);
