import { strict as assert } from "node:assert";
import { Plan } from "../../tools/engine/model";
import { committedPlan, inputsOf, ofType, outputsOf } from "../helpers/plan";
import { INGRESS_RULE, RDS_INSTANCE, REPLICATION_GROUP, SECURITY_GROUP, parentOf, resolvedCommitted } from "../helpers/fixtures";

describe("data tier: network access (prod)", () => {
  let plan: Plan;
  const config = resolvedCommitted("prod");
  before(async () => {
    plan = await committedPlan("prod");
  });

  const dataSecurityGroups = () =>
    ofType(plan, SECURITY_GROUP).filter((sg) =>
      ["platform:database:Database", "platform:cache:Cache"].includes(parentOf(plan, sg)?.type ?? ""),
    );

  it("database and cache security groups admit only the region's workload security group, on their port", () => {
    const groups = dataSecurityGroups();
    assert.equal(groups.length, 2 * config.regions.length);
    for (const sg of groups) {
      const workloadSg = ofType(plan, SECURITY_GROUP).find((g) => g.name === `${sg.region}-workload-sg`)!;
      assert.ok(workloadSg, `workload SG of ${sg.region}`);
      assert.equal(inputsOf(sg).ingress, undefined, "no inline rules");
      assert.equal(inputsOf(sg).egress, undefined, "no inline rules");
      const rules = ofType(plan, INGRESS_RULE).filter((r) => inputsOf(r).securityGroupId === sg.id);
      assert.ok(rules.length >= 1, `${sg.name} has an ingress rule`);
      const port = parentOf(plan, sg)!.type === "platform:database:Database" ? 5432 : 6379;
      for (const rule of rules) {
        const inputs = inputsOf(rule);
        assert.equal(inputs.referencedSecurityGroupId, workloadSg.id, `${rule.name} admits the workload SG`);
        for (const key of ["cidrIpv4", "cidrIpv6", "prefixListId"]) assert.equal(inputs[key], undefined, `${rule.name}.${key}`);
        assert.equal(inputs.ipProtocol, "tcp");
        assert.equal(inputs.fromPort, port);
        assert.equal(inputs.toPort, port);
      }
    }
  });

  it("every RDS instance and replication group uses only its region's data security group", () => {
    const byId = new Map(dataSecurityGroups().map((sg) => [sg.id, sg]));
    for (const instance of ofType(plan, RDS_INSTANCE)) {
      for (const id of inputsOf(instance).vpcSecurityGroupIds) {
        const sg = byId.get(id);
        assert.ok(sg && sg.name.endsWith("-database-sg"), `${instance.name}: ${id}`);
        assert.equal(sg.region, instance.region);
      }
    }
    for (const group of ofType(plan, REPLICATION_GROUP)) {
      for (const id of inputsOf(group).securityGroupIds) {
        const sg = byId.get(id);
        assert.ok(sg && sg.name.endsWith("-cache-sg"), `${group.name}: ${id}`);
        assert.equal(sg.region, group.region);
      }
    }
  });

  it("the database sits in the isolated subnets of its region", () => {
    for (const region of config.regions) {
      const subnets = ofType(plan, "aws:rds/subnetGroup:SubnetGroup").filter((r) => r.region === region.region);
      assert.equal(subnets.length, 1);
      const vpc = ofType(plan, "awsx:ec2:Vpc").find((r) => r.region === region.region)!;
      assert.deepEqual(inputsOf(subnets[0]).subnetIds, outputsOf(vpc).isolatedSubnetIds);
    }
  });

  it("the data key of each region rotates and lets the workload decrypt only through Secrets Manager", () => {
    for (const region of config.regions) {
      const keys = ofType(plan, "aws:kms/key:Key").filter(
        (k) => k.region === region.region && parentOf(plan, k)?.type === "platform:database:DataKey",
      );
      assert.equal(keys.length, 1);
      const inputs = inputsOf(keys[0]);
      assert.equal(inputs.enableKeyRotation, true);
      assert.equal(keys[0].options.protect, true);
      const workload = JSON.parse(inputs.policy).Statement.find((s: any) => s.Sid === "WorkloadDecryptsSecrets");
      assert.deepEqual(workload.Condition, { StringEquals: { "kms:ViaService": `secretsmanager.${region.region}.amazonaws.com` } });
    }
  });
});
