import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEPLOY_CHECKS } from "../../tools/deploy-checks";
import { REPO } from "../helpers/plan";

describe("deploy checks: the list", () => {
  it("lists every check file under tools/deploy-checks/checks in DEPLOY_CHECKS, named as its file", () => {
    const dir = path.join(REPO, "tools/deploy-checks/checks");
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    assert.ok(files.length > 0);
    assert.deepEqual(DEPLOY_CHECKS.map((c) => c.name).sort(), files);
    assert.equal(new Set(DEPLOY_CHECKS.map((c) => c.name)).size, DEPLOY_CHECKS.length, "check names are unique");
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(path.join(REPO, "build/tools/deploy-checks/checks", `${file}.js`)));
      assert.ok(
        exported.some((e) => DEPLOY_CHECKS.includes(e as never)),
        `${file}.ts exports a check that is not in DEPLOY_CHECKS`,
      );
    }
  });
});
