import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LOG_GROUP } from "../catalogue/aws/logs";
import { OFFLINE_ACCOUNT_ID } from "../engine/ids";
import { STACK_TYPE } from "../engine/model";
import { planLoadedStack } from "../engine/run";
import { loadStack } from "../engine/stack-files";
import { reveal } from "../engine/values";

/**
 * One measurement in a fresh process, printed as one JSON line:
 * - `plan <dir> <stack> [record-file]`: the real program; optionally records what it registered;
 * - `floor <dir> <stack> <count>`: `count` bare resources (one scalar input each);
 * - `replay <dir> <stack> <record-file>`: the recorded resources again, same types and inputs as
 *   plain values, without the program (no Outputs, applies or components' logic).
 * Floors are created in one synchronous loop under the same mocks and engine: the fastest way the
 * SDK allows to register that many resources.
 */
class BareResource extends pulumi.CustomResource {
  constructor(type: string, name: string, inputs: pulumi.Inputs, region = "us-east-1") {
    super(type, name, inputs, { provider: explicitProvider(type, region) });
  }
}

class BareProvider extends pulumi.ProviderResource {
  constructor(pkg: string, name: string, props: pulumi.Inputs) {
    super(pkg, name, props);
  }
}

/**
 * Pulumi.yaml disables the default aws and kubernetes providers (the engine refuses a resource
 * without an explicit one), so the floors register explicit providers as the program does: one per
 * package and region (the mocks refuse a resource whose inputs name another region).
 */
const providers = new Map<string, pulumi.ProviderResource>();
function explicitProvider(type: string, region: string): pulumi.ProviderResource | undefined {
  // awsx's remote components take the aws provider, as the program passes it.
  const pkg = type.startsWith("awsx:") ? "aws" : type.split(":")[0];
  if (pkg !== "aws" && pkg !== "kubernetes") return undefined;
  const key = `${pkg}-${region}`;
  let provider = providers.get(key);
  if (provider === undefined) {
    provider = new BareProvider(pkg, `bench-${key}`, pkg === "aws" ? { region } : {});
    providers.set(key, provider);
  }
  return provider;
}

interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly remote: boolean;
  readonly region?: string;
  readonly inputs: Record<string, unknown>;
}

async function main(): Promise<void> {
  const [mode, dir, stack, extra] = process.argv.slice(2);
  const loaded = loadStack(dir, stack);
  // Module loading (@pulumi/aws, awsx, kubernetes) is timed apart from evaluation.
  const loadStarted = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here only to time it
  if (mode === "plan") require(path.resolve(__dirname, "../../index.js"));
  const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;

  const floorProgram = async () => {
    for (let i = 0; i < Number(extra); i++) new BareResource(LOG_GROUP, `floor-${i}`, { retentionInDays: 7 });
    return {};
  };
  const recorded = mode === "replay" ? (JSON.parse(fs.readFileSync(extra, "utf8")) as Recorded[]) : [];
  const replayProgram = async () => {
    const used = new Set<string>();
    recorded.forEach((r, i) => {
      // Flattened under the stack, two resources may share a type and name: only those get a
      // suffix (mocks check physical-name lengths, so names stay as they were).
      const name = used.has(`${r.type}::${r.name}`) ? `${r.name}-${i}` : r.name;
      used.add(`${r.type}::${name}`);
      if (r.custom || r.remote) new BareResource(r.type, name, r.inputs, r.region);
      else new pulumi.ComponentResource(r.type, name);
    });
    return {};
  };

  const started = process.hrtime.bigint();
  const program = mode === "floor" ? floorProgram : mode === "replay" ? replayProgram : undefined;
  const plan = await planLoadedStack(loaded, OFFLINE_ACCOUNT_ID, program);
  const evalMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (mode === "plan" && extra) {
    const record: Recorded[] = plan.resources
      .filter((r) => r.type !== STACK_TYPE)
      .map((r) => ({
        type: r.type,
        name: r.name,
        custom: r.custom,
        remote: r.remote,
        region: r.region,
        inputs: reveal(r.inputs) as Record<string, unknown>,
      }));
    fs.writeFileSync(extra, JSON.stringify(record));
  }
  const resources = plan.resources.length;
  process.stdout.write(`${JSON.stringify({ mode, stack, resources, loadMs, evalMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench child failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
