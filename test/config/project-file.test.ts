import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { KNOWN_KEYS, resolvePlatformConfig } from "../../components/config";
import { REQUIRED_KEYS } from "../../components/config/schema";
import { loadProjectFile } from "../../tools/engine/project-file";
import { REPO, committedConfig } from "../helpers/plan";

describe("Pulumi.yaml", () => {
  const project = parse(fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8")) as {
    name: string;
    runtime: { name: string; options?: Record<string, unknown> };
    config: Record<string, { type?: string; description?: string; default?: unknown; items?: { type: string } }>;
  };
  // Keys of other namespaces (pulumi:disable-default-providers) are engine settings, not program config.
  const own = Object.entries(project.config).filter(([key]) => !key.includes(":"));

  it("is a Node.js project named like the config namespace", () => {
    assert.equal(project.name, "platform");
    assert.equal(project.runtime.name, "nodejs");
  });

  it("has the CLI run the compiled program, not ts-node with a type check on every preview", () => {
    // runtime.options.typescript defaults to true (pulumi-language-nodejs parseOptions), which
    // makes @pulumi/pulumi's cmd/run register ts-node; false loads package.json "main" as it is.
    assert.equal(project.runtime.options?.typescript, false);
    assert.equal((project as { main?: string }).main, undefined, "the entry is package.json's main");
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { main: string };
    assert.match(pkg.main, /\.c?js$/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entry = require(path.join(REPO, pkg.main)) as unknown;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    assert.equal(entry, require(path.join(REPO, "build/index.js")), "the entry hands the CLI the compiled index.ts");
    assert.equal(typeof entry, "function");
  });

  it("declares exactly the keys the program accepts, each typed and described", () => {
    assert.deepEqual(own.map(([key]) => key).sort(), [...KNOWN_KEYS].sort());
    for (const [key, declaration] of own) {
      assert.ok(declaration.description, `${key} has a description`);
      assert.ok(declaration.type, `${key} has a type the CLI checks`);
    }
    // Structured keys are objects and lists: `type: object` exists since CLI 3.187.0 (pulumi/pulumi#20132).
    assert.equal(project.config.network.type, "object");
    assert.deepEqual([project.config.regions.type, project.config.regions.items], ["array", { type: "object" }]);
  });

  it("requires exactly what the program requires: every other key has a default, as the CLI needs", () => {
    // pulumi/pulumi pkg/workspace/config.go mergeConfig: a declared key with no default or value is required.
    const required = own.filter(([, d]) => d.default === undefined).map(([k]) => k);
    assert.deepEqual(required.sort(), [...REQUIRED_KEYS].sort());
  });

  it("has defaults that mean the environment's defaults: setting them changes nothing", () => {
    for (const stack of ["dev", "prod"] as const) {
      const values = Object.fromEntries(Object.entries(committedConfig(stack)).map(([k, v]) => [k.replace(/^platform:/, ""), v]));
      const optional = own.filter(([, d]) => d.default !== undefined);
      for (const [key, declaration] of optional) {
        const without = { ...values };
        delete without[key];
        // Equal outcomes: the same config, or the same refusal (a stack without tags lacks the required ones).
        const outcome = (v: Record<string, unknown>) => {
          try {
            return resolvePlatformConfig({ stack, values: v });
          } catch (error) {
            return (error as Error).message;
          }
        };
        assert.deepEqual(outcome({ ...without, [key]: declaration.default }), outcome(without), `${stack}: ${key}`);
      }
    }
  });

  it("passes the CLI's own project checks (declaration attributes, types of defaults)", () => {
    const loaded = loadProjectFile(path.join(REPO, "Pulumi.yaml"));
    assert.equal(loaded.name, "platform");
    assert.equal(loaded.declarations.filter((d) => !d.key.includes(":")).length, KNOWN_KEYS.length);
  });
});
