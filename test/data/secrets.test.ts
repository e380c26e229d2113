import { strict as assert } from "node:assert";
import { Plan } from "../../tools/engine/model";
import { Secret, secretPaths } from "../../tools/engine/values";
import { previewDocument } from "../../tools/plan/preview-json";
import { renderCounts, renderOutputs, renderSummary, renderTree } from "../../tools/plan/render";
import { committedPlan, ofType, outputsOf } from "../helpers/plan";

/** Types of the data tier that hold secrets. */
const SECRET_HOLDERS = [
  "random:index/randomPassword:RandomPassword",
  "aws:secretsmanager/secretVersion:SecretVersion",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:rds/instance:Instance",
];

/** Every value the data tier holds as a secret, unwrapped (what must never be printed). */
function secretValues(plan: Plan): string[] {
  const values = new Set<string>();
  const collect = (value: unknown): void => {
    if (value instanceof Secret) {
      const inner = value.value;
      if (typeof inner === "string" && inner.length >= 8) values.add(inner);
      else collect(inner);
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(collect);
  };
  for (const resource of plan.resources.filter((r) => SECRET_HOLDERS.includes(r.type))) {
    collect(resource.inputs);
    collect(resource.outputs);
  }
  for (const password of ofType(plan, "random:index/randomPassword:RandomPassword")) {
    values.add(outputsOf(password).result);
    values.add(outputsOf(password).bcryptHash);
  }
  return [...values];
}

for (const stack of ["prod", "dev"] as const) {
  describe(`data tier: no secret value in any plan output (${stack})`, () => {
    let plan: Plan;
    before(async () => {
      plan = await committedPlan(stack);
    });

    it("the cache AUTH token is generated and held only as a secret", () => {
      const secrets = secretValues(plan);
      assert.ok(ofType(plan, "random:index/randomPassword:RandomPassword").length > 0);
      assert.ok(secrets.length > 0, "the plan holds secrets to look for");
      for (const password of ofType(plan, "random:index/randomPassword:RandomPassword")) {
        assert.ok(password.options.additionalSecretOutputs.includes("result"));
      }
      for (const group of ofType(plan, "aws:elasticache/replicationGroup:ReplicationGroup")) {
        assert.deepEqual(secretPaths(group.inputs), ["authToken"]);
      }
    });

    it("neither the text report nor the JSON document nor the stack outputs contain one", () => {
      const secrets = secretValues(plan);
      const text = [renderTree(plan), renderCounts(plan), renderOutputs(plan.outputs), renderSummary(plan)].join("\n");
      const json = JSON.stringify(previewDocument(plan, plan.config, plan.secretKeys));
      const outputs = JSON.stringify(plan.outputs);
      for (const secret of secrets) {
        for (const [what, document] of [
          ["text", text],
          ["JSON", json],
          ["outputs", outputs],
        ] as const) {
          assert.ok(
            !document.includes(secret),
            `a secret value appears in the ${what} plan (${secret.slice(0, 3)}…); outputs named in additionalSecretOutputs must be recorded as Secret`,
          );
        }
      }
      assert.ok(json.includes("[secret]"), "secrets are masked, not dropped");
    });

    it("no RDS instance carries a password; the stack exports secret ARNs only", () => {
      for (const instance of ofType(plan, "aws:rds/instance:Instance")) {
        assert.equal(instance.inputs.password, undefined);
        assert.equal(instance.inputs.passwordWo, undefined);
      }
      for (const region of Object.values(plan.outputs.regions as Record<string, any>)) {
        assert.match(region.database.masterSecretArn, /^arn:aws:secretsmanager:/);
        assert.match(region.cache.authTokenSecretArn, /^arn:aws:secretsmanager:/);
      }
    });
  });
}
