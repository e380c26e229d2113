import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { KNOWN_KEYS } from "../../components/config";
import { REPO } from "../helpers/plan";

describe("Pulumi.yaml", () => {
  const project = parse(fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8")) as {
    name: string;
    runtime: { name: string; options?: Record<string, unknown> };
    config: Record<string, { type?: string; description?: string }>;
  };

  it("is a TypeScript Node.js project named like the config namespace", () => {
    assert.equal(project.name, "platform");
    assert.equal(project.runtime.name, "nodejs");
    assert.equal(project.runtime.options?.typescript, true);
  });

  it("declares exactly the keys the program accepts, so older CLIs accept every stack file", () => {
    assert.deepEqual(Object.keys(project.config).sort(), [...KNOWN_KEYS].sort());
    for (const [key, declaration] of Object.entries(project.config)) assert.ok(declaration.description, `${key} has a description`);
  });

  it("types only scalar keys: the CLI's project schema has no object type", () => {
    for (const [key, declaration] of Object.entries(project.config)) {
      if (declaration.type !== undefined)
        assert.ok(["string", "integer", "boolean"].includes(declaration.type), `${key}: ${declaration.type}`);
    }
  });
});
