/**
 * Integration: `pulumi preview` of a real stack with the CrossGuard pack, through Pulumi's
 * Automation API (LocalWorkspace over this repository, `preview` with `policyPacks`), the way the
 * rollout drives `up`. It needs the Pulumi CLI, Pulumi Cloud credentials and a stack to preview
 * (PLATFORM_PREVIEW_STACK=<org>/platform/<stack>, whose ESC environment or the shell supplies AWS
 * credentials); without them it is skipped and its title says why.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { PACK_NAME } from "../../policies/pack";
import { stackInfo } from "../../tools/pipeline/stack-info";
import { REPO } from "../helpers/plan";

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Why the preview cannot run here, or undefined when it can. */
function missing(): string | undefined {
  if (!onPath("pulumi")) return "no Pulumi CLI on PATH";
  const loggedIn = process.env.PULUMI_ACCESS_TOKEN || fs.existsSync(path.join(os.homedir(), ".pulumi", "credentials.json"));
  if (!loggedIn) return "no Pulumi credentials (PULUMI_ACCESS_TOKEN or `pulumi login`)";
  if (!process.env.PLATFORM_PREVIEW_STACK) return "PLATFORM_PREVIEW_STACK=<org>/platform/<stack> names no stack to preview";
  return undefined;
}

describe("pipeline: pulumi preview with the policy pack through the Automation API (integration)", () => {
  const reason = missing();
  if (reason !== undefined) {
    it.skip(`skipped: ${reason}`, () => undefined);
    return;
  }

  it("previews the stack with the pack and its environment's policy config, with no mandatory violation", async function () {
    this.timeout(30 * 60_000);
    const qualified = process.env.PLATFORM_PREVIEW_STACK as string;
    const info = stackInfo(REPO, qualified.split("/").pop() as string);
    const stack = await LocalWorkspace.selectStack({ stackName: qualified, workDir: REPO });
    let output = "";
    // A mandatory violation fails the preview, which rejects with the CLI's message.
    const result = await stack.preview({
      policyPacks: [path.join(REPO, "policies")],
      policyPackConfigs: [path.join(REPO, info["policy-config"])],
      onOutput: (text) => {
        output += text;
      },
    });
    assert.ok(Object.keys(result.changeSummary).length > 0, "the preview reports its steps");
    assert.match(output, new RegExp(`Policies:[\\s\\S]*${PACK_NAME}`), "the pack ran");
  });
});
