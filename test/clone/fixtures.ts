import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO, tempProject } from "../helpers/plan";

export function committedText(stack: "dev" | "prod"): string {
  return fs.readFileSync(path.join(REPO, `Pulumi.${stack}.yaml`), "utf8");
}

/** A scratch project with copies of the committed stack files, plus `extra` stacks. */
export function copyProject(extra: Record<string, string> = {}): string {
  return tempProject({ dev: committedText("dev"), prod: committedText("prod"), ...extra });
}

export function stackText(dir: string, stack: string): string {
  return fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8");
}

/** Every file of the project with its text, to prove a refusal wrote nothing. */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

/**
 * Asserts `after` is `before` with one block of whole lines inserted, every other byte equal,
 * and returns the inserted text.
 */
export function insertedBlock(before: string, after: string): string {
  const a = before.split("\n");
  const b = after.split("\n");
  let first = 0;
  while (first < a.length && a[first] === b[first]) first++;
  const count = b.length - a.length;
  assert.ok(count > 0, "nothing was inserted");
  assert.equal([...b.slice(0, first), ...b.slice(first + count)].join("\n"), before, "bytes outside the new block changed");
  return `${b.slice(first, first + count).join("\n")}\n`;
}

export function runTool(tool: "clone-region" | "clone-stack", dir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(REPO, `build/tools/${tool}.js`), "--dir", dir, ...args], { encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Prod with comments, blank lines, quoting and flow styles a hand-edited file may have. */
export const COMMENTED_PROD = `# Production, hand-edited.
config:
  platform:environment: prod   # preset
  platform:network:
    # The lower half of 10/8.
    supernet: "10.0.0.0/9"
  platform:tags: { team: platform, cost-center: eng-platform }
  platform:deployer: { via: public-endpoint, cidrs: [198.51.100.7/32] }
  platform:regions:
    # --- US zone ---
    - region: us-east-1
      zone: us # primary zone

      database:
        drReplica:
          region: us-west-2

    - region: us-west-2
      zone: us
      database:
        drReplica:
          region: us-east-1

    # --- EU zone ---
    - region: eu-west-1
      zone: 'eu'
      azCount: 3   # all of them
      cluster:
        publicAccessCidrs: [203.0.113.0/24]   # office VPN
      database:
        instanceClass: "db.r6g.2xlarge"
        drReplica: {region: eu-central-1}

    - region: eu-central-1
      zone: eu
      database:
        drReplica:
          region: eu-west-1
  platform:edge:
    domain: example.com
    hostedZoneId: Z0123456789EXAMPLEABC
    certificate: { strategy: acm-dns }
    waf:
      rateLimitPer5Minutes: 1000   # tighter than default
# end of file
`;
