/** queues[].scaling: accepted and refused like every other key (file, key path, what is allowed; exit 2). */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { stringify } from "yaml";
import { ConfigError, resolvePlatformConfig } from "../../components/config";
import { committedValues } from "../helpers/fixtures";
import { REPO, committedConfig, tempProject } from "../helpers/plan";

type Env = "dev" | "prod";

/** Committed values of a stack with the first queue of region 0 given this scaling (prod: via regionDefaults). */
function withScaling(env: Env, scaling: Record<string, unknown>): Record<string, any> {
  const values = committedValues(env);
  const queues = env === "prod" ? values.regionDefaults.queues : values.regions[0].queues;
  queues[0].scaling = scaling;
  return values;
}

function issuesOf(env: Env, values: Record<string, unknown>): { path: string; message: string }[] {
  try {
    resolvePlatformConfig({ stack: env, values });
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.issues.map((i) => ({ path: i.path, message: i.message }));
  }
  return [];
}

/**
 * Where a problem of the first queue is reported: dev writes it in regions[0]; prod in
 * regionDefaults, where schema problems are blamed (cross-field ones name each region it reaches).
 */
function at(env: Env, key: string): RegExp {
  const where = env === "prod" ? String.raw`(regionDefaults|regions\[\d\])` : String.raw`regions\[0\]`;
  return new RegExp(String.raw`^platform:${where}\.queues\[0\]\.scaling\.${key}$`);
}

/** The distinct messages reported for a key (without the regions a regionDefaults value reaches). */
function messagesAt(env: Env, values: Record<string, unknown>, key: string): string[] {
  const found = issuesOf(env, values).filter((i) => at(env, key).test(i.path));
  return [...new Set(found.map((i) => i.message.replace(/ \(inherited by regions\[.*\)$/, "")))];
}

describe("queue scaling: config", () => {
  it("accepts the committed stacks, which scale orders (dev to zero, prod from two)", () => {
    for (const env of ["dev", "prod"] as const) {
      const config = resolvePlatformConfig({ stack: env, values: committedValues(env) });
      for (const region of config.regions) {
        const orders = region.queues.find((q) => q.name === "orders")!;
        assert.equal(orders.scaling.enabled, true);
        assert.equal(orders.scaling.deployment, "orders-worker");
        assert.equal(orders.scaling.minReplicas, env === "dev" ? 0 : 2);
        assert.equal(region.queues.find((q) => q.name === "order-events")!.scaling.enabled, false, "off by default");
      }
    }
  });

  it("defaults: off, min 1, max 10, 5 messages per replica, activation 0, cooldown 300", () => {
    const values = committedValues("dev");
    delete values.regions[0].queues[0].scaling;
    const queue = resolvePlatformConfig({ stack: "dev", values }).regions[0].queues[0];
    assert.deepEqual(queue.scaling, {
      enabled: false,
      minReplicas: 1,
      maxReplicas: 10,
      messagesPerReplica: 5,
      activationMessages: 0,
      cooldownSeconds: 300,
    });
  });

  it("dev may scale to zero and keep min = max; prod may not", () => {
    const scaling = { enabled: true, deployment: "w", minReplicas: 0, maxReplicas: 3 };
    assert.deepEqual(issuesOf("dev", withScaling("dev", scaling)), []);
    assert.deepEqual(issuesOf("dev", withScaling("dev", { ...scaling, minReplicas: 3 })), []);
    assert.deepEqual(messagesAt("prod", withScaling("prod", scaling), "minReplicas"), [
      "must be at least 1 in prod: at 0 the first message waits for a pod to be scheduled and started (policy autoscaling-bounds, allowScaleToZero is off in policies/config/prod.json); got 0",
    ]);
    assert.deepEqual(messagesAt("prod", withScaling("prod", { ...scaling, minReplicas: 3 }), "maxReplicas"), [
      "must be greater than minReplicas (3) in prod, so the consumer can scale out (policy autoscaling-bounds, requireHeadroom in policies/config/prod.json); got 3",
    ]);
    assert.equal(
      issuesOf("prod", withScaling("prod", { ...scaling, minReplicas: 3 })).length,
      1,
      "nothing else (blamed once, where written)",
    );
  });

  for (const env of ["dev", "prod"] as const) {
    describe(`refusals (${env})`, () => {
      const cases: [string, Record<string, unknown>, string, string | RegExp][] = [
        [
          "max below min",
          { enabled: true, deployment: "w", minReplicas: 4, maxReplicas: 2 },
          "maxReplicas",
          "must be at least minReplicas (4), got 2",
        ],
        [
          "a target of 0 messages per replica",
          { enabled: true, deployment: "w", minReplicas: 1, maxReplicas: 3, messagesPerReplica: 0 },
          "messagesPerReplica",
          /^must be at least 1: it is the HPA's averageValue target/,
        ],
        ["no Deployment", { enabled: true, minReplicas: 1, maxReplicas: 3 }, "deployment", /^is required when enabled is true/],
        [
          "a Deployment name Kubernetes refuses",
          { enabled: true, deployment: "Orders_Worker" },
          "deployment",
          /^must be the consumer Deployment's name: a DNS-1123 subdomain .*got "Orders_Worker"$/,
        ],
        [
          "a namespace the stack does not create",
          { enabled: true, deployment: "w", maxReplicas: 3, namespace: "other" },
          "namespace",
          /^must be the workload namespace "app" .*got "other"$/,
        ],
        ["a negative minimum", { enabled: true, deployment: "w", minReplicas: -1 }, "minReplicas", "must be 0-1000, got -1"],
        [
          "a fractional maximum",
          { enabled: true, deployment: "w", maxReplicas: 2.5 },
          "maxReplicas",
          "must be a whole number from 1 to 1000, got 2.5",
        ],
        [
          "a string flag",
          { enabled: "yes", deployment: "w" },
          "enabled",
          'must be true or false, got "yes" (a string: stack files are YAML 1.2, where only unquoted true and false are booleans; write true)',
        ],
        [
          "an unknown key",
          { enabled: true, deployment: "w", maxReplica: 3 },
          "maxReplica",
          /^unknown key \(did you mean "maxReplicas"\?\)/,
        ],
      ];
      for (const [what, scaling, key, message] of cases) {
        it(`refuses ${what} at ${key}`, () => {
          const found = messagesAt(env, withScaling(env, scaling), key);
          assert.equal(found.length, 1, JSON.stringify(issuesOf(env, withScaling(env, scaling)), null, 1));
          if (typeof message === "string") assert.equal(found[0], message);
          else assert.match(found[0], message);
        });
      }
    });
  }

  it("refuses two scaled queues driving one Deployment (KEDA's webhook admits one ScaledObject per workload)", () => {
    const values = committedValues("dev");
    values.regions[0].queues[1].scaling = { enabled: true, deployment: "orders-worker", maxReplicas: 3 };
    assert.deepEqual(
      issuesOf("dev", values).map((i) => i.path),
      ["platform:regions[0].queues[1].scaling.deployment"],
    );
  });

  it("refuses a scaled queue whose name makes KEDA's HPA name longer than 63 characters", () => {
    const values = committedValues("dev");
    values.regions[0].queues[0].name = `q${"x".repeat(54)}`;
    assert.match(
      issuesOf("dev", values).find((i) => i.path === "platform:regions[0].queues[0].scaling.enabled")?.message ?? "",
      /keda-hpa-<queue name>, which must be at most 63 characters, so a scaled queue's name has at most 54/,
    );
  });

  it("refuses a Kubernetes version KEDA 2.20 is not tested on, only where a queue is scaled", () => {
    const values = committedValues("dev");
    values.regions[0].cluster = { version: "1.32" };
    const versionIssues = () => issuesOf("dev", values).filter((i) => i.path === "platform:regions[0].cluster.version");
    assert.equal(versionIssues().length, 1);
    assert.match(versionIssues()[0].message, /KEDA 2\.20\.2 is tested on \(1\.33, 1\.34, 1\.35; KEDA docs/);
    delete values.regions[0].queues[0].scaling;
    assert.deepEqual(versionIssues(), []);
  });

  it("npm run plan refuses a misconfigured scaling: exit 2, the file and key path, no stack trace", () => {
    const config = committedConfig("prod");
    (config["platform:regionDefaults"] as any).queues[0].scaling.maxReplicas = 1;
    const dir = tempProject({ s: stringify({ config }) });
    const result = spawnSync(process.execPath, [path.join(REPO, "build/tools/plan.js"), "--stack", "s", "--dir", dir], {
      encoding: "utf8",
    });
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^ {2}Pulumi\.s\.yaml: platform:(regionDefaults|regions\[0\])\.queues\[0\]\.scaling\.maxReplicas: must be at least minReplicas \(2\), got 1( \(inherited by .*\))?$/m,
    );
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});
