import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "../helpers/plan";

// The build runs before anything is compiled, so it is plain CommonJS outside build/.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt, BuildError } = require(path.join(REPO, "tools/build.cjs")) as typeof import("../../tools/build.cjs");

/** A scratch checkout: tsconfig.json plus the given sources. */
function project(files: Record<string, string>, include = ["index.ts", "lib/**/*.ts"]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "platform-build-"));
  const tsconfig = { compilerOptions: { target: "ES2022", module: "commonjs", strict: true }, include };
  fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify(tsconfig));
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  return root;
}

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** A fresh require of an output file (and of the project's modules it requires). */
function load(root: string, file: string): any {
  for (const key of Object.keys(require.cache)) if (key.startsWith(root)) delete require.cache[key];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(root, "build", file));
}

describe("build (tools/build.cjs: esbuild, file by file, only what changed)", () => {
  const sources = {
    "index.ts": 'import { greet } from "./lib/greet";\nexport = () => greet("prod");\n',
    "lib/greet.ts": "export function greet(stack: string): string {\n  return `hello ${stack}`;\n}\n",
  };

  it("transpiles everything once, then nothing until a file changes, then only that file", () => {
    const root = project(sources);
    assert.deepEqual(pick(ensureBuilt(root)), { transpiled: 2, removed: 0, total: 2 });
    assert.equal(load(root, "index.js")(), "hello prod");
    assert.deepEqual(pick(ensureBuilt(root)), { transpiled: 0, removed: 0, total: 2 });

    write(root, "lib/greet.ts", "export function greet(stack: string): string {\n  return `hi ${stack}!`;\n}\n");
    assert.deepEqual(pick(ensureBuilt(root)), { transpiled: 1, removed: 0, total: 2 });
    assert.equal(load(root, "index.js")(), "hi prod!");
  });

  it("emits the JSON modules a source imports beside it, as tsc with resolveJsonModule does, and recopies a changed one", () => {
    const root = project({
      "index.ts": 'import limits from "./config/limits.json";\nexport = () => limits.days;\n',
      "config/limits.json": '{ "days": 7 }\n',
    });
    ensureBuilt(root);
    assert.equal(load(root, "index.js")(), 7);
    // Only the JSON changes: no source is stale, the copy still follows.
    write(root, "config/limits.json", '{ "days": 14 }\n');
    fs.utimesSync(path.join(root, "config/limits.json"), new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(pick(ensureBuilt(root)), { transpiled: 0, removed: 0, total: 1 });
    assert.equal(load(root, "index.js")(), 14);
  });

  it("deletes the output of a removed source and any stray .js, so no stale module or test survives", () => {
    const root = project({ ...sources, "lib/extra.ts": "export const extra = 1;\n" });
    ensureBuilt(root);
    assert.ok(fs.existsSync(path.join(root, "build/lib/extra.js")));
    fs.rmSync(path.join(root, "lib/extra.ts"));
    write(root, "build/lib/old.test.js", "// left by an older build\n");
    assert.deepEqual(pick(ensureBuilt(root)), { transpiled: 0, removed: 2, total: 2 });
    assert.ok(!fs.existsSync(path.join(root, "build/lib/extra.js")));
    assert.ok(!fs.existsSync(path.join(root, "build/lib/old.test.js")));
  });

  it("rebuilds a deleted output even when its source did not change", () => {
    const root = project(sources);
    ensureBuilt(root);
    fs.rmSync(path.join(root, "build/lib/greet.js"));
    assert.deepEqual(pick(ensureBuilt(root)), { transpiled: 1, removed: 0, total: 2 });
  });

  it("emits strict-mode CommonJS, as tsc does with strict: true", () => {
    const root = project({ "index.ts": "export function leak(): void {\n  undeclared = 1;\n}\n" });
    ensureBuilt(root);
    assert.match(fs.readFileSync(path.join(root, "build/index.js"), "utf8"), /^"use strict";/);
    assert.throws(() => load(root, "index.js").leak(), ReferenceError);
  });

  it("compiles import() to require(), as tsc does for CommonJS, so extensionless paths resolve", async () => {
    const root = project({
      "index.ts":
        'export async function later(): Promise<string> {\n  const { greet } = await import("./lib/greet");\n  return greet("dev");\n}\n',
      "lib/greet.ts": sources["lib/greet.ts"],
    });
    ensureBuilt(root);
    assert.equal(await load(root, "index.js").later(), "hello dev");
  });

  it("refuses a syntax error naming the file, line and column, and keeps the last good output", () => {
    const root = project(sources);
    ensureBuilt(root);
    write(root, "lib/greet.ts", "export function greet(stack: string): string {\n  return `hello ${stack}`\n");
    assert.throws(
      () => ensureBuilt(root),
      (error: unknown) => error instanceof BuildError && /^lib\/greet\.ts:3:\d+: /m.test(error.message),
    );
    assert.equal(load(root, "index.js")(), "hello prod");
  });

  it("refuses an include pattern it does not understand rather than leaving files out", () => {
    const root = project(sources, ["index.ts", "lib/*.ts"]);
    assert.throws(() => ensureBuilt(root), /include pattern lib\/\*\.ts is not one the build understands/);
  });

  it("type checking stays with tsc, which refuses what a file-by-file transpiler cannot compile", () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(REPO, "tsconfig.json"), "utf8"));
    assert.equal(tsconfig.compilerOptions.isolatedModules, true);
    assert.equal(tsconfig.compilerOptions.noEmit, true, "one emitter: tsc only checks");
  });
});

function pick(result: { transpiled: number; removed: number; total: number }) {
  return { transpiled: result.transpiled, removed: result.removed, total: result.total };
}
