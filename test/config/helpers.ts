import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { ConfigError, PlatformConfig, resolvePlatformConfig } from "../../components/config";
import { REPO, committedConfig, tempProject } from "../helpers/plan";

/** Resolves config values the way the engine hands them over (keys without the namespace). */
export function resolve(values: Record<string, unknown>, stack = "test"): PlatformConfig {
  return resolvePlatformConfig({ stack, values });
}

/** A committed stack's values without the namespace, for tests to modify. */
export function fromCommitted(stack: "dev" | "prod"): Record<string, any> {
  const config = committedConfig(stack);
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.replace(/^platform:/, ""), v]));
}

/** Asserts the config is rejected with an issue at `path` whose message is (or matches) `message`. */
export function rejects(values: Record<string, unknown>, path: string, message: string | RegExp): ConfigError {
  try {
    resolve(values);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    const issue = error.issues.find((i) => i.path === path);
    assert.ok(issue, `no issue at ${path}; issues: ${JSON.stringify(error.issues, null, 1)}`);
    if (typeof message === "string") assert.equal(issue.message, message);
    else assert.match(issue.message, message);
    assert.ok(error.message.includes(`Pulumi.test.yaml: ${path}: `), error.message);
    return error;
  }
  assert.fail(`config was accepted, expected an error at ${path}`);
}

/** The smallest valid dev stack. */
export const minimal = (): Record<string, any> => ({
  environment: "dev",
  network: { supernet: "10.128.0.0/9" },
  deployer: { via: "public-endpoint", cidrs: ["198.51.100.7/32"] },
  regions: [{ region: "us-east-1", zone: "us" }],
  tags: { team: "platform", "cost-center": "eng" },
});

/** `npm run plan` on a stack file written as text (YAML) into a temporary project. */
export function planFile(stack: string, text: string): { code: number | null; stdout: string; stderr: string } {
  const dir = tempProject({ [stack]: text });
  const result = spawnSync(
    process.execPath,
    ["--stack-trace-limit=0", `${REPO}/build/tools/plan.js`, "--stack", stack, "--quiet", "--dir", dir],
    {
      cwd: REPO,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
