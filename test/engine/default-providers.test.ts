import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { DISABLE_DEFAULT_PROVIDERS, deniedDefaultProviders } from "../../tools/engine/default-providers";
import { OFFLINE_ACCOUNT_ID } from "../../tools/engine/ids";
import { planLoadedStack } from "../../tools/engine/run";
import { StackFileError, loadStack } from "../../tools/engine/stack-files";
import { REPO, committedConfig, committedPlan, tempProject } from "../helpers/plan";

/** A stack of the real project whose program is replaced by `program`. */
async function planProgram(program: () => Promise<Record<string, unknown>>, disabled?: string[]) {
  // A complete stack (the CLI refuses one without its required keys) whose program is replaced.
  const config: Record<string, unknown> = committedConfig("dev");
  if (disabled) config[DISABLE_DEFAULT_PROVIDERS] = disabled;
  const loaded = loadStack(tempProject({ test: { config } }), "test");
  return planLoadedStack(loaded, OFFLINE_ACCOUNT_ID, program);
}

describe("engine: pulumi:disable-default-providers (Pulumi.yaml)", () => {
  it("is applied from Pulumi.yaml's project-level value to both committed stacks, which plan", async () => {
    for (const stack of ["dev", "prod"] as const) {
      const plan = await committedPlan(stack);
      assert.deepEqual(JSON.parse(plan.config[DISABLE_DEFAULT_PROVIDERS]), ["aws", "kubernetes"]);
      // What still uses a default provider is only what the list allows (random).
      const defaults = plan.resources.filter((r) => r.custom && /::default(_[0-9_]+)?$/.test(r.provider ?? ""));
      assert.deepEqual([...new Set(defaults.map((r) => r.type.split(":")[0]))], ["random"]);
    }
  });

  it("refuses an AWS resource that names no provider, as the engine does (diag 2015)", async () => {
    await assert.rejects(
      planProgram(async () => {
        new aws.s3.Bucket("ambient");
        return {};
      }),
      /Default provider for 'aws' disabled\. 'urn:pulumi:test::platform::aws:s3\/bucket:Bucket::ambient' must use an explicit provider/,
    );
  });

  it("refuses an AWS invoke that names no provider", async () => {
    await assert.rejects(
      planProgram(async () => {
        await aws.getCallerIdentity({});
        return {};
      }),
      /Default provider for 'aws' disabled\. 'aws:index\/getCallerIdentity:getCallerIdentity' must use an explicit provider/,
    );
  });

  it("accepts the same resource and invoke through an explicit provider", async () => {
    const plan = await planProgram(async () => {
      const provider = new aws.Provider("regional", { region: "eu-west-1" });
      new aws.s3.Bucket("regional-bucket", {}, { provider });
      await aws.getCallerIdentity({}, { provider });
      return {};
    });
    assert.ok(plan.resources.some((r) => r.name === "regional-bucket" && r.region === "eu-west-1"));
  });

  it("denies every package but pulumi for `*`, so random's default provider is refused too", async () => {
    await assert.rejects(
      planProgram(async () => {
        new random.RandomId("suffix", { byteLength: 4 });
        return {};
      }, ["*"]),
      /Default provider for 'random' disabled/,
    );
  });

  it("parses the value as the engine does and refuses a malformed one with exit-2 errors", () => {
    assert.equal(deniedDefaultProviders({})("aws"), false);
    assert.equal(deniedDefaultProviders({ [DISABLE_DEFAULT_PROVIDERS]: "" })("aws"), false);
    const star = deniedDefaultProviders({ [DISABLE_DEFAULT_PROVIDERS]: '["*"]' });
    assert.equal(star("aws"), true);
    assert.equal(star("pulumi"), false);
    assert.equal(deniedDefaultProviders({ [DISABLE_DEFAULT_PROVIDERS]: '[" aws "]' })("aws"), true);
    assert.throws(() => deniedDefaultProviders({ [DISABLE_DEFAULT_PROVIDERS]: "aws" }), StackFileError);
    assert.throws(
      () => deniedDefaultProviders({ [DISABLE_DEFAULT_PROVIDERS]: "[1]" }),
      /pulumi:disable-default-providers\[0\]: must be a string, got 1/,
    );
  });

  it("lets a stack file override the project's value, as the CLI merges config", () => {
    const loaded = loadStack(tempProject({ s: { config: { ...committedConfig("dev"), [DISABLE_DEFAULT_PROVIDERS]: ["aws"] } } }), "s");
    assert.deepEqual(JSON.parse(loaded.config[DISABLE_DEFAULT_PROVIDERS]), ["aws"]);
    assert.deepEqual(JSON.parse(loadStack(REPO, "dev").config[DISABLE_DEFAULT_PROVIDERS]), ["aws", "kubernetes"]);
  });
});
