// @ts-check
/**
 * The program the Pulumi CLI runs: package.json "main", with `runtime.options.typescript: false`
 * in Pulumi.yaml, so `pulumi preview` / `pulumi up` load compiled JavaScript and neither register
 * ts-node nor type-check the program on every run (type-checking is CI's: `npm run typecheck`).
 *
 * It brings build/ up to date first (tools/build.cjs; nothing to do after `npm run build`), so a
 * deployment never runs JavaScript older than the TypeScript beside it, then hands the CLI the
 * compiled program, build/index.js, whose default export the CLI calls.
 */
"use strict";
const path = require("node:path");
const { ROOT, ensureBuilt } = require("./build.cjs");

ensureBuilt();
// A computed path: the type checker must not follow it into build/.
module.exports = require(path.join(ROOT, "build", "index.js"));
