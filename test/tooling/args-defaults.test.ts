import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO } from "../helpers/plan";

/** Every `.ts` file under `dir`, relative to the repository. */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(relative);
    return entry.name.endsWith(".ts") ? [relative] : [];
  });
}

interface ArgsField {
  /** `file:Interface.field` */
  readonly id: string;
  readonly name: string;
  readonly optional: boolean;
  readonly documentsDefault: boolean;
}

/** The fields of every `…Args` interface in a source file. */
function argsFields(file: string, text: string): ArgsField[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const fields: ArgsField[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text.endsWith("Args")) {
      for (const member of node.members) {
        if (!ts.isPropertySignature(member)) continue;
        const name = member.name.getText(source);
        fields.push({
          id: `${file}:${node.name.text}.${name}`,
          name,
          optional: member.questionToken !== undefined,
          documentsDefault: ts.getJSDocTags(member).some((tag) => tag.tagName.text === "default"),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return fields;
}

/** Optional fields of `…Args` interfaces whose JSDoc lacks `@default`. */
function optionalArgsWithoutDefault(file: string, text: string): string[] {
  return argsFields(file, text)
    .filter((f) => f.optional && !f.documentsDefault)
    .map((f) => f.id);
}

describe("components: one vocabulary", () => {
  const files = sources("components").map((file) => ({ file, text: fs.readFileSync(path.join(REPO, file), "utf8") }));

  it("documents the default of every optional field of every component's Args (`@default`)", () => {
    const missing = files.flatMap(({ file, text }) => optionalArgsWithoutDefault(file, text));
    assert.deepEqual(missing, []);
  });

  it("finds a planted optional Args field without `@default`", () => {
    const planted =
      "export interface PlantedArgs {\n  /** Documented. @default 1 */\n  readonly a?: number;\n  /** Not. */\n  readonly b?: number;\n}\n";
    assert.deepEqual(optionalArgsWithoutDefault("planted.ts", planted), ["planted.ts:PlantedArgs.b"]);
  });

  it('says `protect` for "protect this": no component\'s Args switch on deletionProtection or the environment', () => {
    const offenders = files
      .filter(({ file }) => !file.startsWith(path.join("components", "config")))
      .flatMap(({ file, text }) => argsFields(file, text))
      .filter((f) => f.name === "deletionProtection" || f.name === "environment")
      .map((f) => f.id);
    // The budget filters costs by the environment tag: a value, not a switch.
    assert.deepEqual(offenders, [`${path.join("components", "cost", "budget.ts")}:CostBudgetArgs.environment`]);
  });
});
