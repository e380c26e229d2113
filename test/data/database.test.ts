import { strict as assert } from "node:assert";
import { Database } from "../../components/database/database";
import { DrReplica } from "../../components/database/dr-replica";
import { RDS_PARAMETER_GROUP, RDS_SUBNET_GROUP } from "../../tools/catalogue/aws/rds";
import { ComponentPlan, planComponent } from "../helpers/component";
import { AZS, RDS_INSTANCE, SECURITY_GROUP, databaseArgs, drLagAlarm as lagAlarm, keyArn, regionOfArn } from "../helpers/fixtures";

/** The database of one region alone, and a DR replica of it in another region of its zone. */
describe("data tier: database (component)", () => {
  let prod: ComponentPlan;
  let dev: ComponentPlan;
  const instances = (p: ComponentPlan, role: string) => p.resources(RDS_INSTANCE).filter((r) => p.inputs(r).tags.role === role);

  before(async () => {
    prod = await planComponent(({ accountId, opts, optsIn }) => {
      const source = new Database(
        "eu-west-1-database",
        databaseArgs("prod", "eu-west-1", accountId, { settings: { readReplicas: 2 } }),
        opts,
      );
      const target = new Database("eu-central-1-database", databaseArgs("prod", "eu-central-1", accountId), optsIn("eu-central-1"));
      const dr = new DrReplica(
        "eu-central-1-database-dr-eu-west-1",
        { source, target, protect: true, lagAlarm: lagAlarm("eu-central-1", accountId) },
        optsIn("eu-central-1"),
      );
      return {
        primaryEndpoint: source.primaryEndpoint,
        replicaEndpoints: source.replicaEndpoints,
        masterSecretArn: source.masterSecretArn,
        grant: source.grantReadMasterSecret(),
        drEndpoint: dr.endpoint,
      };
    });
    dev = await planComponent(({ accountId, opts }) => {
      new Database("eu-west-1-database", databaseArgs("dev", "eu-west-1", accountId), opts);
    });
  });

  it("has one Multi-AZ, encrypted, protected primary in the isolated subnets in prod", () => {
    const [primary] = instances(prod, "primary").filter((r) => r.region === "eu-west-1");
    const inputs = prod.inputs(primary);
    assert.equal(inputs.replicateSourceDb, undefined);
    assert.equal(inputs.engine, "postgres");
    assert.equal(inputs.multiAz, true);
    assert.equal(inputs.storageEncrypted, true);
    assert.equal(inputs.kmsKeyId, keyArn("eu-west-1", prod.outputsOf(primary).arn.split(":")[4]), "the region's data key");
    assert.equal(inputs.publiclyAccessible, false);
    assert.equal(inputs.iamDatabaseAuthenticationEnabled, true);
    assert.equal(inputs.performanceInsightsEnabled, true);
    assert.ok(inputs.monitoringInterval > 0 && inputs.monitoringRoleArn.startsWith("arn:aws:iam::"));
    assert.ok(inputs.backupRetentionPeriod >= 1, "replicas need the source's automated backups");
    assert.equal(primary.options.protect, true);
    assert.equal(inputs.deletionProtection, true);
    assert.equal(inputs.skipFinalSnapshot, false);
    assert.match(inputs.finalSnapshotIdentifier, /^[a-z][a-z0-9-]*[a-z0-9]$/);
    const subnets = prod.resources(RDS_SUBNET_GROUP).find((r) => r.name === "eu-west-1-database-subnets")!;
    assert.equal(inputs.dbSubnetGroupName, prod.outputsOf(subnets).name);
    assert.deepEqual(prod.inputs(subnets).subnetIds, databaseArgs("prod", "eu-west-1", "x").subnetIds);
  });

  it("is unprotected in dev: no final snapshot, automated backups deleted with it, no replica", () => {
    const primary = dev.one(RDS_INSTANCE, "-primary");
    assert.equal(primary.options.protect, false);
    assert.equal(dev.inputs(primary).skipFinalSnapshot, true);
    assert.equal(dev.inputs(primary).deleteAutomatedBackups, true);
    assert.equal(dev.inputs(primary).multiAz, false);
    assert.equal(instances(dev, "replica").length, 0);
  });

  it("keeps the master password in an RDS-managed secret under the region's key; no plaintext anywhere", () => {
    const primary = instances(prod, "primary").find((r) => r.region === "eu-west-1")!;
    const inputs = prod.inputs(primary);
    assert.equal(inputs.manageMasterUserPassword, true);
    assert.equal(inputs.password, undefined);
    assert.equal(inputs.masterUserSecretKmsKeyId, inputs.kmsKeyId);
    const secretArn = prod.outputsOf(primary).masterUserSecrets[0].secretArn;
    assert.match(secretArn, /^arn:aws:secretsmanager:eu-west-1:\d{12}:secret:rds!db-/);
    assert.equal(prod.outputs.masterSecretArn, secretArn);
    for (const instance of [...instances(prod, "replica"), ...instances(prod, "dr-replica")]) {
      for (const key of ["username", "password", "manageMasterUserPassword", "dbName"])
        assert.equal(prod.inputs(instance)[key], undefined, `${instance.name}.${key}`);
    }
  });

  it("grants reading the master secret, and only that", () => {
    assert.deepEqual(prod.outputs.grant, [
      { Sid: "RegionalDataSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [prod.outputs.masterSecretArn] },
    ]);
  });

  it("forces TLS through a parameter group of each instance's own region", () => {
    const groups = prod.resources(RDS_PARAMETER_GROUP);
    for (const instance of prod.resources(RDS_INSTANCE)) {
      const group = groups.find((g) => prod.outputsOf(g).name === prod.inputs(instance).parameterGroupName);
      assert.ok(group, `${instance.name}: parameter group of the plan`);
      assert.equal(group.region, instance.region);
    }
    for (const group of groups) {
      assert.match(prod.inputs(group).family, /^postgres1\d$/);
      assert.deepEqual(
        prod.inputs(group).parameters.find((p: { name: string }) => p.name === "rds.force_ssl"),
        { name: "rds.force_ssl", value: "1" },
      );
    }
  });

  it("has the configured number of read replicas, sourced from the primary by identifier and spread over the AZs", () => {
    const primary = instances(prod, "primary").find((r) => r.region === "eu-west-1")!;
    const replicas = instances(prod, "replica").filter((r) => r.region === "eu-west-1");
    assert.equal(replicas.length, 2);
    const zones = new Set<string>();
    for (const replica of replicas) {
      const inputs = prod.inputs(replica);
      assert.equal(inputs.replicateSourceDb, prod.outputsOf(primary).identifier);
      assert.equal(inputs.storageEncrypted, true);
      // A same-region replica is encrypted with its source's key; RDS refuses a KMS key on it.
      assert.equal(inputs.kmsKeyId, undefined);
      assert.equal(inputs.performanceInsightsKmsKeyId, prod.inputs(primary).kmsKeyId);
      assert.deepEqual(inputs.vpcSecurityGroupIds, prod.inputs(primary).vpcSecurityGroupIds);
      assert.equal(replica.options.protect, true, `${replica.name} protected`);
      assert.equal(inputs.deletionProtection, true);
      zones.add(inputs.availabilityZone);
    }
    assert.equal(zones.size, 2, "replicas in distinct AZs");
    for (const zone of zones) assert.ok((AZS as readonly string[]).includes(zone), `${zone} is an AZ of the region`);
  });

  it("sources a DR replica from the primary's ARN, with the key, subnets and security group of its own region", () => {
    const source = instances(prod, "primary").find((r) => r.region === "eu-west-1")!;
    const target = instances(prod, "primary").find((r) => r.region === "eu-central-1")!;
    const replica = prod.one(RDS_INSTANCE, "-dr-eu-west-1-instance");
    const inputs = prod.inputs(replica);
    assert.equal(replica.region, "eu-central-1");
    assert.equal(inputs.replicateSourceDb, prod.outputsOf(source).arn);
    assert.match(inputs.replicateSourceDb, /^arn:aws:rds:eu-west-1:\d{12}:db:/);
    assert.equal(regionOfArn(inputs.kmsKeyId), "eu-central-1", "encrypted with a key of its own region");
    assert.equal(inputs.kmsKeyId, prod.inputs(target).kmsKeyId);
    assert.equal(inputs.storageEncrypted, true);
    assert.equal(inputs.dbSubnetGroupName, prod.inputs(target).dbSubnetGroupName);
    const targetSg = prod.resources(SECURITY_GROUP).find((r) => r.name === "eu-central-1-database-sg")!;
    assert.deepEqual(inputs.vpcSecurityGroupIds, [targetSg.id]);
    assert.equal(replica.options.protect, true);
    assert.equal(inputs.deletionProtection, true);
    assert.equal(inputs.multiAz, true, "as highly available as the primary it would replace");
  });

  it("refuses a DR replica in its source's own region", async () => {
    await assert.rejects(
      planComponent(({ accountId, opts }) => {
        const source = new Database("a-database", databaseArgs("prod", "eu-west-1", accountId), opts);
        const target = new Database(
          "b-database",
          databaseArgs("prod", "eu-west-1", accountId, { kmsKeyArn: keyArn("eu-west-1", accountId, "2") }),
          opts,
        );
        new DrReplica("b-dr", { source, target, lagAlarm: lagAlarm("eu-west-1", accountId) }, opts);
      }),
      /a DR replica must be in another region than its source \(eu-west-1\)/,
    );
  });

  it("reports endpoints in AWS's format", () => {
    const endpoint = /^[a-z][a-z0-9-]*\.[a-z0-9]{12}\.eu-west-1\.rds\.amazonaws\.com:5432$/;
    assert.match(prod.outputs.primaryEndpoint, endpoint);
    assert.equal(prod.outputs.replicaEndpoints.length, 2);
    for (const replica of prod.outputs.replicaEndpoints) assert.match(replica, endpoint);
    assert.match(prod.outputs.drEndpoint, /\.eu-central-1\.rds\.amazonaws\.com:5432$/);
  });

  it("alarms on the DR replica's lag in its own region", () => {
    const alarm = prod.one("aws:cloudwatch/metricAlarm:MetricAlarm", "replica-lag");
    assert.equal(alarm.region, "eu-central-1");
    assert.equal(prod.inputs(alarm).metricName, "ReplicaLag");
    assert.match(prod.inputs(alarm).alarmActions[0], /^arn:aws:sns:eu-central-1:\d{12}:alerts$/);
  });

  it("puts every RDS instance in the region of its provider", () => {
    for (const instance of prod.resources(RDS_INSTANCE)) assert.equal(regionOfArn(prod.outputsOf(instance).arn), instance.region);
  });
});
