import { strict as assert } from "node:assert";
import { Plan } from "../../tools/engine/model";
import { committedPlan, inputsOf, outputsOf } from "../helpers/plan";
import {
  RDS_INSTANCE,
  SECURITY_GROUP,
  drReplicas,
  inRegionReplicas,
  outputOf,
  primaries,
  regionOfArn,
  resolvedCommitted,
} from "./fixtures";

describe("data tier: database (prod)", () => {
  let plan: Plan;
  const config = resolvedCommitted("prod");
  before(async () => {
    plan = await committedPlan("prod");
  });

  it("every region has exactly one Multi-AZ, encrypted, protected primary in its isolated subnets", () => {
    for (const region of config.regions) {
      const found = primaries(plan).filter((r) => r.region === region.region);
      assert.equal(found.length, 1, `${region.region}: ${found.length} primaries`);
      const primary = found[0];
      const inputs = inputsOf(primary);
      assert.equal(inputs.replicateSourceDb, undefined);
      assert.equal(inputs.engine, "postgres");
      assert.equal(inputs.engineVersion, region.database.engineVersion);
      assert.equal(inputs.instanceClass, region.database.instanceClass);
      assert.equal(inputs.multiAz, true);
      assert.equal(inputs.storageEncrypted, true);
      assert.equal(regionOfArn(inputs.kmsKeyId), region.region, "KMS key of the primary's own region");
      assert.equal(inputs.publiclyAccessible, false);
      assert.equal(inputs.iamDatabaseAuthenticationEnabled, true);
      assert.equal(inputs.performanceInsightsEnabled, true);
      assert.ok(inputs.monitoringInterval > 0 && inputs.monitoringRoleArn.startsWith("arn:aws:iam::"));
      assert.ok(inputs.backupRetentionPeriod >= 1);
      assert.equal(primary.options.protect, true);
      assert.equal(inputs.deletionProtection, true);
      assert.equal(inputs.skipFinalSnapshot, false);
      assert.match(inputs.finalSnapshotIdentifier, /^[a-z][a-z0-9-]*[a-z0-9]$/);
      assert.equal(
        inputs.dbSubnetGroupName,
        outputOf(plan, "aws:rds/subnetGroup:SubnetGroup", `${region.region}-database-subnets`, "name"),
      );
    }
  });

  it("master password is managed by RDS in Secrets Manager under the region's key; no plaintext anywhere", () => {
    for (const primary of primaries(plan)) {
      const inputs = inputsOf(primary);
      assert.equal(inputs.manageMasterUserPassword, true);
      assert.equal(inputs.password, undefined);
      assert.equal(inputs.masterUserSecretKmsKeyId, inputs.kmsKeyId);
      const secretArn = outputsOf(primary).masterUserSecrets[0].secretArn;
      assert.match(secretArn, new RegExp(`^arn:aws:secretsmanager:${primary.region}:\\d{12}:secret:rds!db-`));
      const exported = (plan.outputs.regions as any)[primary.region!].database.masterSecretArn;
      assert.equal(exported, secretArn);
    }
    for (const instance of [...inRegionReplicas(plan), ...drReplicas(plan)]) {
      const inputs = inputsOf(instance);
      for (const key of ["username", "password", "manageMasterUserPassword", "dbName"])
        assert.equal(inputs[key], undefined, `${instance.name}.${key}`);
    }
  });

  it("parameter groups force TLS", () => {
    const groups = plan.resources.filter((r) => r.type === "aws:rds/parameterGroup:ParameterGroup");
    for (const instance of [...primaries(plan), ...inRegionReplicas(plan), ...drReplicas(plan)]) {
      const group = groups.find((g) => outputsOf(g).name === inputsOf(instance).parameterGroupName);
      assert.ok(group, `${instance.name}: parameter group of the plan`);
      assert.equal(group.region, instance.region);
    }
    for (const group of groups) {
      assert.match(inputsOf(group).family, /^postgres1\d$/);
      assert.deepEqual(
        inputsOf(group).parameters.find((p: any) => p.name === "rds.force_ssl"),
        { name: "rds.force_ssl", value: "1" },
      );
    }
  });

  it("each region has N read replicas (from config) whose source is that region's primary, spread over AZs", () => {
    for (const region of config.regions) {
      const primary = primaries(plan).find((r) => r.region === region.region)!;
      const replicas = inRegionReplicas(plan).filter((r) => r.region === region.region);
      assert.equal(replicas.length, region.database.readReplicas);
      assert.ok(replicas.length >= 1);
      const vpcZones: string[] = inputsOf(plan.resources.find((r) => r.name === `${region.region}-network-vpc`)!).availabilityZoneNames;
      assert.equal(vpcZones.length, region.azCount);
      const zones = new Set<string>();
      for (const replica of replicas) {
        const inputs = inputsOf(replica);
        assert.equal(inputs.replicateSourceDb, outputsOf(primary).identifier);
        assert.equal(inputs.storageEncrypted, true);
        // A same-region replica is encrypted with its source's key; RDS refuses a KmsKeyId for it.
        assert.equal(inputs.kmsKeyId, undefined);
        assert.equal(inputs.performanceInsightsKmsKeyId, inputsOf(primary).kmsKeyId);
        assert.deepEqual(inputs.vpcSecurityGroupIds, inputsOf(primary).vpcSecurityGroupIds);
        assert.ok(vpcZones.includes(inputs.availabilityZone));
        assert.equal(replica.options.protect, true, `${replica.name} protected`);
        assert.equal(inputs.deletionProtection, true);
        zones.add(inputs.availabilityZone);
      }
      assert.equal(zones.size, Math.min(replicas.length, vpcZones.length), "replicas in distinct AZs");
    }
  });

  it("each DR replica is sourced from the primary ARN of the other region of its zone, with keys and network of its own region", () => {
    const dr = drReplicas(plan);
    const expected = config.regions.filter((r) => r.database.drReplica !== undefined);
    assert.equal(dr.length, expected.length);
    assert.equal(dr.length, 4);
    for (const source of expected) {
      const target = source.database.drReplica!.region;
      const sourcePrimary = primaries(plan).find((r) => r.region === source.region)!;
      const found = dr.filter((r) => inputsOf(r).replicateSourceDb === outputsOf(sourcePrimary).arn);
      assert.equal(found.length, 1, `one DR replica of ${source.region}`);
      const replica = found[0];
      const inputs = inputsOf(replica);
      assert.equal(replica.region, target);
      assert.notEqual(target, source.region);
      assert.equal(config.regions.find((r) => r.region === target)!.zone, source.zone, "DR replica stays in its residency zone");
      assert.match(inputs.replicateSourceDb, new RegExp(`^arn:aws:rds:${source.region}:\\d{12}:db:`));
      assert.equal(regionOfArn(inputs.kmsKeyId), target, "encrypted with a key of its own region");
      assert.equal(inputs.kmsKeyId, inputsOf(primaries(plan).find((r) => r.region === target)!).kmsKeyId);
      assert.equal(inputs.storageEncrypted, true);
      assert.equal(inputs.dbSubnetGroupName, outputOf(plan, "aws:rds/subnetGroup:SubnetGroup", `${target}-database-subnets`, "name"));
      const targetSg = plan.resources.find((r) => r.type === SECURITY_GROUP && r.name === `${target}-database-sg`)!;
      assert.deepEqual(inputs.vpcSecurityGroupIds, [targetSg.id]);
      assert.equal(replica.options.protect, true);
      assert.equal(inputs.deletionProtection, true);
      // The source keeps automated backups, which replication needs.
      assert.ok(inputsOf(sourcePrimary).backupRetentionPeriod >= 1);
    }
  });

  it("exports primary and replica endpoints per region in AWS's format", () => {
    for (const region of config.regions) {
      const exported = (plan.outputs.regions as any)[region.region].database;
      const endpoint = new RegExp(`^[a-z][a-z0-9-]*\\.[a-z0-9]{12}\\.${region.region}\\.rds\\.amazonaws\\.com:5432$`);
      assert.match(exported.primaryEndpoint, endpoint);
      assert.equal(exported.replicaEndpoints.length, region.database.readReplicas);
      for (const replica of exported.replicaEndpoints) assert.match(replica, endpoint);
    }
  });

  it("every RDS instance is in the region of its provider", () => {
    for (const instance of plan.resources.filter((r) => r.type === RDS_INSTANCE)) {
      assert.equal(outputsOf(instance).arn.split(":")[3], instance.region);
    }
  });
});
