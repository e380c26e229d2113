import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { plantAndPlan } from "../helpers/refusals";

/** A component moved to another module: new type token, old one as an alias. */
class Moved extends pulumi.ComponentResource {
  constructor(name: string, withAlias: boolean) {
    super("platform:new:Moved", name, {}, withAlias ? { aliases: [{ type: "platform:old:Moved" }] } : {});
    new random.RandomId(`${name}-id`, { byteLength: 4 }, { parent: this });
    new random.RandomId("unrelated-name", { byteLength: 4 }, { parent: this });
  }
}

describe("engine: aliases", () => {
  it("gives children the URNs they had under their parent's aliases, as the engine does", async () => {
    const { plan } = await plantAndPlan(() => new Moved("thing", true));
    const child = plan!.resources.find((r) => r.name === "thing-id")!;
    assert.ok(child.urn.includes("platform:new:Moved$random:index/randomId:RandomId::thing-id"));
    assert.ok(
      child.options.aliases.some((a) => a.endsWith("::platform:old:Moved$random:index/randomId:RandomId::thing-id")),
      JSON.stringify(child.options.aliases),
    );
    const other = plan!.resources.find((r) => r.name === "unrelated-name")!;
    assert.ok(other.options.aliases.some((a) => a.endsWith("::platform:old:Moved$random:index/randomId:RandomId::unrelated-name")));
  });

  it("gives children no alias when the parent has none", async () => {
    const { plan } = await plantAndPlan(() => new Moved("plain", false));
    assert.deepEqual(plan!.resources.find((r) => r.name === "plain-id")!.options.aliases, []);
  });
});
