// @ts-check
/**
 * `node tools/run.cjs <tool> [args...]`: what `npm run plan | diff | clone-region | clone-stack |
 * bench | config-reference | stack-info | rollout | diff-gate` call. Brings build/ up to date (tools/build.cjs: a few milliseconds
 * when nothing changed, one esbuild call for what did), then runs build/tools/<tool>.js in this
 * same process, so a call costs one Node start and the tool itself.
 *
 * Stack traces are off, as `node --stack-trace-limit=0` would set them: the Pulumi SDK captures one
 * for every promise it creates, and the tools print errors without them anyway.
 */
"use strict";
const path = require("node:path");
const { BuildError, ROOT, ensureBuilt } = require("./build.cjs");

const TOOLS = [
  "plan",
  "diff",
  "clone-region",
  "clone-stack",
  "bench",
  "config-reference",
  "stack-info",
  "rollout",
  "diff-gate",
  "prices-refresh",
];

function main() {
  const [tool, ...args] = process.argv.slice(2);
  if (tool === undefined || !TOOLS.includes(tool)) {
    process.stderr.write(`error: unknown tool ${tool ?? "(none)"}\nusage: node tools/run.cjs <${TOOLS.join("|")}> [args...]\n`);
    process.exitCode = 2;
    return;
  }
  try {
    ensureBuilt();
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`error: build failed: ${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  Error.stackTraceLimit = 0;
  const script = path.join(ROOT, "build", "tools", `${tool}.js`);
  // The tool reads its arguments from process.argv, as when started as `node build/tools/<tool>.js`.
  process.argv = [process.argv[0], script, ...args];
  require(script);
}

main();
