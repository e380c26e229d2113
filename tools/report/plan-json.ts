/**
 * Child-process entry of `npm run diff`: plans one stack with the engine of ANOTHER checkout (the
 * base ref's worktree) and prints the plan as JSON on stdout. It imports nothing of this checkout,
 * so the base ref's program runs with the base ref's own engine and mocks.
 *
 * usage: node plan-json.js <engine run.js> <project dir> <stack>
 */
const [engineModule, dir, stack] = process.argv.slice(2);

interface Engine {
  planStack(options: { dir: string; stack: string }): Promise<unknown>;
}

async function main(): Promise<void> {
  if (!engineModule || !dir || !stack) throw new Error("usage: plan-json <engine run.js> <project dir> <stack>");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const engine = require(engineModule) as Engine;
  const plan = await engine.planStack({ dir, stack });
  // Secrets serialise as "[secret]": nothing secret crosses the process boundary.
  // Exit only once the pipe has taken everything (writes to a pipe are asynchronous).
  await new Promise<void>((resolve) => process.stdout.write(JSON.stringify(plan), () => resolve()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const name = error instanceof Error ? error.name : "Error";
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(name === "ConfigError" || name === "StackFileError" ? 2 : 1);
  },
);
