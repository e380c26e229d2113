import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { configReference, withReference } from "../../components/config/reference";
import { KNOWN_KEYS } from "../../components/config";
import { REPO } from "../helpers/plan";

describe("README config reference", () => {
  it("is the one generated from the schema (run `npm run config-reference` after changing a tier)", () => {
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    assert.equal(withReference(readme), readme);
  });

  it("lists every top-level key but regions and regionDefaults, which have their own table", () => {
    const reference = configReference();
    for (const key of KNOWN_KEYS.filter((k) => k !== "regions" && k !== "regionDefaults")) {
      assert.match(reference, new RegExp(`\\| \`${key}(\\.|\`)`), `README reference misses ${key}`);
    }
  });
});
