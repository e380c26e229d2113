import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { committedPlan, REPO } from "../helpers/plan";

/** `platform:<module>:<Type>` of every ComponentResource declared under `dir`, with its file. */
function componentTypes(dir: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const entry of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [type, file] of componentTypes(relative)) types.set(type, file);
    else if (entry.name.endsWith(".ts")) {
      const text = fs.readFileSync(path.join(REPO, relative), "utf8");
      for (const match of text.matchAll(/super\(\s*"(platform:[a-z-]+:[A-Za-z]+)"/g)) types.set(match[1], relative);
    }
  }
  return types;
}

/** Declared component types that neither plan registers. */
function unwired(declared: Map<string, string>, planned: ReadonlySet<string>): string[] {
  return [...declared].filter(([type]) => !planned.has(type)).map(([type, file]) => `${type} (${file})`);
}

describe("components: every one is wired into the program", () => {
  it("every ComponentResource under components/ is declared by the dev or the prod plan (a new tier wired into Region or the links)", async () => {
    const planned = new Set([...(await committedPlan("dev")).resources, ...(await committedPlan("prod")).resources].map((r) => r.type));
    const declared = componentTypes("components");
    assert.ok(declared.size >= 20, `found only ${declared.size} component types`);
    assert.deepEqual(unwired(declared, planned), []);
  });

  it("finds a planted component that nothing declares", () => {
    const declared = new Map([
      ["platform:region:Region", "components/region/region.ts"],
      ["platform:search:SearchDomain", "components/search/search.ts"],
    ]);
    assert.deepEqual(unwired(declared, new Set(["platform:region:Region"])), [
      "platform:search:SearchDomain (components/search/search.ts)",
    ]);
  });
});
