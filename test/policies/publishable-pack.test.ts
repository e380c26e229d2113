import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { REPO } from "../helpers/plan";

const PACK_DIR = path.join(REPO, "policies");
const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as {
  main: string;
  files?: string[];
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/** What `pulumi policy publish` uploads for a Node.js pack: the output of `npm pack` in policies/ (httpstate/policypack.go). */
function packedFiles(): Set<string> {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PACK_DIR, encoding: "utf8" });
  const [packed] = JSON.parse(out) as { files: { path: string }[] }[];
  return new Set(packed.files.map((f) => f.path));
}

/** Every module the pack's entry point reaches, relative files as paths inside policies/. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(PACK_DIR, file), "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith(".")) {
        const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
        const target = [`${base}.ts`, `${base}/index.ts`, base].find((f) => fs.existsSync(path.join(PACK_DIR, f)));
        assert.ok(target && !target.startsWith(".."), `${file} imports ${fileName}, which is not a file inside policies/`);
        if (target.endsWith(".ts")) visit(target);
        else files.add(target);
      } else {
        packages.add(fileName.startsWith("@") ? fileName.split("/").slice(0, 2).join("/") : fileName.split("/")[0]);
      }
    }
  };
  visit(entry);
  return { files, packages };
}

describe("policy pack: publishable on its own (`pulumi policy publish` from policies/)", () => {
  it("packs every file its entry point imports, and nothing outside policies/", function () {
    this.timeout(60_000);
    const packed = packedFiles();
    const { files } = importGraph(manifest.main);
    for (const file of files) assert.ok(packed.has(file), `${file} is imported but not in the npm pack tarball (package.json "files")`);
    for (const required of ["package.json", "PulumiPolicy.yaml", "tsconfig.json"]) assert.ok(packed.has(required), required);
    assert.ok(![...packed].some((f) => f.startsWith("node_modules/")), "node_modules must not be packed");
  });

  it("declares every package it imports as its own dependency, so the installed pack resolves them", () => {
    const { packages } = importGraph(manifest.main);
    for (const pkg of packages) {
      if (builtinModules.includes(pkg.replace(/^node:/, ""))) continue;
      assert.ok(manifest.dependencies[pkg], `${pkg} is imported by the pack but not in policies/package.json dependencies`);
    }
    // run-policy-pack lives in @pulumi/pulumi; the analyzer is @pulumi/policy.
    assert.ok(manifest.dependencies["@pulumi/pulumi"] && manifest.dependencies["@pulumi/policy"]);
  });

  it("brings its own pinned TypeScript 5.x toolchain, not the SDK's vendored TypeScript 3.8", () => {
    // sdk/nodejs/tsutils.ts: ts-node and typescript are required from the pack's node_modules, else the
    // SDK falls back to vendored typescript@3.8.3 and ts-node@7, which cannot compile ES2022 targets.
    // The language host installs a plugin's dependencies without --production, so devDependencies count.
    const dev = manifest.devDependencies ?? {};
    assert.match(dev.typescript ?? "", /^5\.\d+\.\d+$/, "typescript pinned to an exact 5.x (the SDK's peer range is < 7)");
    assert.match(dev["ts-node"] ?? "", /^10\.\d+\.\d+$/, "ts-node pinned to an exact 10.x (the SDK's peer range is < 12)");
    const tsconfig = ts.parseConfigFileTextToJson("tsconfig.json", fs.readFileSync(path.join(PACK_DIR, "tsconfig.json"), "utf8"))
      .config as {
      compilerOptions: { types?: string[] };
    };
    for (const types of tsconfig.compilerOptions.types ?? []) assert.ok(dev[`@types/${types}`], `@types/${types} is a devDependency`);
    // The same versions as the program's, so the workspace keeps one copy of each.
    const root = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    for (const [name, version] of Object.entries(dev)) assert.equal(version, root.devDependencies[name], name);
  });

  it("is a Node.js pack the CLI can load from its folder", () => {
    const project = parse(fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8")) as { runtime: string | { name: string } };
    assert.equal(typeof project.runtime === "string" ? project.runtime : project.runtime.name, "nodejs");
    assert.equal(manifest.main, "index.ts");
  });
});
