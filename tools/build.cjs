// @ts-check
/**
 * The build: every TypeScript file that tsconfig.json includes, transpiled one by one by esbuild
 * into build/ (the layout tsc's outDir gives), with no type checking: that is `npm run typecheck`
 * (tsc --noEmit), which CI and the editor run. Only what changed is transpiled again: a manifest
 * in build/ records each source's size and mtime and the options used, so a second call with no
 * change costs a few milliseconds of `stat`s and a one-file edit one esbuild call. Outputs whose
 * source is gone are deleted, so mocha never runs a test that no longer exists.
 *
 * Plain CommonJS because it runs before anything is built: `node tools/build.cjs` (npm run build),
 * and `ensureBuilt()` from tools/run.cjs and the Pulumi program entry (tools/pulumi-program.cjs).
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

/** This checkout. */
const ROOT = path.resolve(__dirname, "..");
/** Where the manifest lives, inside the output directory. */
const MANIFEST = ".build-manifest.json";

class BuildError extends Error {
  name = "BuildError";
}

/** esbuild, a devDependency: `npm ci` installs it (its platform binary comes as an optional dependency). */
function esbuild(/** @type {"esbuild" | "esbuild/package.json"} */ what = "esbuild") {
  try {
    return require(what);
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code !== "MODULE_NOT_FOUND") throw error;
    throw new BuildError("esbuild is not installed: run `npm ci` (it is a devDependency, left out by --omit=dev)");
  }
}

/**
 * tsconfig.json as JSON (it holds no comments; a comment would fail here loudly, not silently).
 * @param {string} root
 * @returns {{ include: string[], exclude?: string[], compilerOptions: Record<string, unknown> }}
 */
function readTsconfig(root) {
  const file = path.join(root, "tsconfig.json");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new BuildError(`tsconfig.json: ${error instanceof Error ? error.message : String(error)} (the build reads it as plain JSON)`);
  }
}

/**
 * The sources tsconfig.json includes. Only the pattern shapes it uses are understood (`file.ts`,
 * `dir/**\/*.ts`, and `*.cjs` scripts, type-checked but not transpiled); another shape is an
 * error rather than a file silently left out.
 * @param {string} root
 * @param {{ include: string[], exclude?: string[] }} tsconfig
 * @returns {string[]} paths relative to `root`, with forward slashes
 */
function sources(root, tsconfig) {
  const excluded = new Set((tsconfig.exclude ?? []).map((e) => e.replace(/\/$/, "")));
  /** @type {string[]} */
  const found = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".") && !excluded.has(rel)) walk(rel);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        found.push(rel);
      }
    }
  };
  for (const pattern of tsconfig.include) {
    const tree = /^([\w.-]+(?:\/[\w.-]+)*)\/\*\*\/\*\.ts$/.exec(pattern);
    if (/^[\w./*-]+\.cjs$/.test(pattern)) {
      // This build's own scripts, included for type checking only: they run as they are.
    } else if (tree) {
      if (fs.existsSync(path.join(root, tree[1]))) walk(tree[1]);
    } else if (/^[\w.-]+(\/[\w.-]+)*\.ts$/.test(pattern)) {
      if (fs.existsSync(path.join(root, pattern))) found.push(pattern);
    } else {
      throw new BuildError(`tsconfig.json: include pattern ${pattern} is not one the build understands (file.ts or dir/**/*.ts)`);
    }
  }
  return [...new Set(found)].sort();
}

/** @param {string} out @param {string} source */
const outputOf = (out, source) => path.join(out, source.replace(/\.ts$/, ".js"));

/** Writes through a temporary file, so a process reading build/ never sees half a file. */
function writeAtomic(/** @type {string} */ file, /** @type {string | Uint8Array} */ contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/**
 * Deletes .js files under the output roots that no source produces (a file removed or renamed).
 * @param {string} out @param {Set<string>} expected @param {string[]} roots
 */
function removeOrphans(out, expected, roots) {
  let removed = 0;
  /** @param {string} dir */
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".js") && !expected.has(file)) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    }
  };
  for (const root of roots) {
    if (!root.endsWith(".ts")) walk(path.join(out, root));
    else if (!expected.has(outputOf(out, root)) && fs.existsSync(outputOf(out, root))) {
      fs.rmSync(outputOf(out, root));
      removed++;
    }
  }
  return removed;
}

/**
 * What the output depends on besides the sources: esbuild's version, its options, this file.
 * A change of any of them rebuilds everything (and keys the diff's cached base builds).
 * @param {Record<string, unknown>} [compilerOptions] defaults to this checkout's tsconfig.json
 */
function buildKey(compilerOptions = readTsconfig(ROOT).compilerOptions) {
  const esbuildVersion = esbuild("esbuild/package.json").version;
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([esbuildVersion, esbuildOptions(compilerOptions), fs.readFileSync(__filename, "utf8")]))
    .digest("hex");
}

/**
 * Brings `root`/build up to date and says what it did. Throws BuildError for a syntax error (with
 * file:line:column) or a tsconfig it cannot read.
 * @param {string} [root] the checkout (this one; tests pass a scratch project)
 * @returns {{ transpiled: number, removed: number, total: number, ms: number }}
 */
function ensureBuilt(root = ROOT) {
  const started = process.hrtime.bigint();
  const out = path.join(root, "build");
  const tsconfig = readTsconfig(root);
  const files = sources(root, tsconfig);
  const key = buildKey(tsconfig.compilerOptions);
  /** @type {{ key?: string, files?: Record<string, string>, json?: Record<string, string> }} */
  let manifest = {};
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(out, MANIFEST), "utf8"));
  } catch {
    // No build yet, or an unreadable one: everything is stale.
  }
  const previous = manifest.key === key ? (manifest.files ?? {}) : {};
  /** @type {Record<string, string>} */
  const stamps = {};
  const stale = [];
  for (const file of files) {
    const stat = fs.statSync(path.join(root, file));
    stamps[file] = `${stat.size}:${stat.mtimeMs}`;
    if (previous[file] !== stamps[file] || !fs.existsSync(outputOf(out, file))) stale.push(file);
  }
  const expected = new Set(files.map((file) => outputOf(out, file)));
  const removedSources = Object.keys(manifest.files ?? {}).some((f) => !(f in stamps));
  let removed = 0;
  const previousJson = manifest.key === key ? (manifest.json ?? {}) : {};
  const imported = new Set(Object.keys(previousJson));
  if (stale.length > 0 || removedSources || manifest.key !== key) {
    for (const file of transpile(root, out, stale, tsconfig.compilerOptions)) imported.add(file);
    const roots = tsconfig.include.filter((p) => p.endsWith(".ts")).map((p) => p.replace(/\/\*\*\/\*\.ts$/, ""));
    removed = removeOrphans(out, expected, roots);
  }
  const json = copyJsonModules(root, out, imported, previousJson);
  if (stale.length > 0 || removedSources || manifest.key !== key || JSON.stringify(json) !== JSON.stringify(previousJson)) {
    writeAtomic(path.join(out, MANIFEST), JSON.stringify({ key, files: stamps, json }));
  }
  return { transpiled: stale.length, removed, total: files.length, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** @param {Record<string, unknown>} compilerOptions */
function esbuildOptions(compilerOptions) {
  return {
    format: /** @type {const} */ ("cjs"),
    platform: /** @type {const} */ ("node"),
    target: String(compilerOptions.target ?? "es2022").toLowerCase(),
    // What tsc's emit depends on and esbuild reads from a tsconfig: class-field semantics (from
    // target), "use strict" (from strict / alwaysStrict), decorators.
    tsconfigRaw: {
      compilerOptions: {
        target: /** @type {string} */ (compilerOptions.target),
        strict: /** @type {boolean} */ (compilerOptions.strict),
        alwaysStrict: /** @type {boolean | undefined} */ (compilerOptions.alwaysStrict),
        useDefineForClassFields: /** @type {boolean | undefined} */ (compilerOptions.useDefineForClassFields),
        experimentalDecorators: /** @type {boolean | undefined} */ (compilerOptions.experimentalDecorators),
        verbatimModuleSyntax: /** @type {boolean | undefined} */ (compilerOptions.verbatimModuleSyntax),
      },
    },
    // As tsc with module: commonjs, import() becomes require(): Node's ESM loader would not find
    // an extensionless path ("./engine/run") that require resolves.
    supported: { "dynamic-import": false },
    sourcemap: false,
    logLevel: /** @type {const} */ ("silent"),
  };
}

/**
 * Transpiles `files` (relative to `root`) into `out`, in one esbuild call.
 * @param {string} root @param {string} out @param {string[]} files @param {Record<string, unknown>} compilerOptions
 */
function transpile(root, out, files, compilerOptions) {
  if (files.length === 0) return new Set();
  let result;
  try {
    result = esbuild().buildSync({
      ...esbuildOptions(compilerOptions),
      absWorkingDir: root,
      entryPoints: files,
      outbase: root,
      outdir: out,
      bundle: false,
      write: false,
    });
  } catch (error) {
    /** @type {{ errors?: { text: string, location?: { file: string, line: number, column: number } | null }[] }} */
    const failure = /** @type {any} */ (error);
    const messages = (failure.errors ?? []).map((e) =>
      e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ${e.text}` : e.text,
    );
    throw new BuildError(messages.length > 0 ? messages.join("\n") : String(error));
  }
  /** @type {Set<string>} */
  const json = new Set();
  for (const file of result.outputFiles) {
    writeAtomic(file.path, file.contents);
    // As tsc with resolveJsonModule, a JSON module a source imports is emitted beside it in out/.
    for (const match of file.text.matchAll(/require\("(\.{1,2}\/[^"]+\.json)"\)/g)) {
      json.add(path.relative(out, path.resolve(path.dirname(file.path), match[1])));
    }
  }
  return json;
}

/**
 * Copies the JSON modules the sources import (paths relative to the checkout) into `out` when
 * missing or changed since `previous` stamps; returns their current stamps.
 * @param {string} root @param {string} out @param {Iterable<string>} files @param {Record<string, string>} previous
 */
function copyJsonModules(root, out, files, previous) {
  /** @type {Record<string, string>} */
  const stamps = {};
  for (const file of files) {
    const source = path.join(root, file);
    if (!fs.existsSync(source)) continue;
    const stat = fs.statSync(source);
    stamps[file] = `${stat.size}:${stat.mtimeMs}`;
    if (previous[file] !== stamps[file] || !fs.existsSync(path.join(out, file))) writeAtomic(path.join(out, file), fs.readFileSync(source));
  }
  return stamps;
}

/**
 * Transpiles another checkout (the diff's base ref) into `out`: every .ts file of the tree but its
 * tests, with this checkout's esbuild and options, no manifest. The base may predate this file, or
 * include other paths in its tsconfig: what a plan needs is the program, its engine and the pack.
 * @param {string} root @param {string} out
 */
function buildTree(root, out) {
  const started = process.hrtime.bigint();
  /** @type {string[]} */
  const files = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!["node_modules", "build", "test"].includes(entry.name) && !entry.name.startsWith(".")) walk(rel);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(rel);
    }
  };
  walk("");
  copyJsonModules(root, out, transpile(root, out, files, readTsconfig(ROOT).compilerOptions), {});
  return { transpiled: files.length, removed: 0, total: files.length, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

module.exports = { ensureBuilt, buildTree, buildKey, BuildError, ROOT };

if (require.main === module) {
  try {
    const result = ensureBuilt();
    const what =
      result.transpiled === 0 && result.removed === 0 ? "up to date" : `transpiled ${result.transpiled} of ${result.total} files`;
    process.stderr.write(`build: ${what}${result.removed > 0 ? `, removed ${result.removed} stale` : ""} (${result.ms.toFixed(0)} ms)\n`);
  } catch (error) {
    process.stderr.write(`error: build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
