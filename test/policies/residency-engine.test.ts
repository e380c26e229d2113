/**
 * The residency breaches as a program would write them, planned by the offline engine (the same
 * mocks, URNs and property dependencies as the committed stacks) with the prod stack's config, then
 * judged by the pack with the prod policy config: each is refused by its residency rule, none by a
 * missing mock.
 */
import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { POLICIES } from "../../policies/rules";
import { OFFLINE_ACCOUNT_ID } from "../../tools/engine/ids";
import { planLoadedStack } from "../../tools/engine/run";
import { loadStack } from "../../tools/engine/stack-files";
import { loadPolicyConfig, runPolicies } from "../../tools/policy/run-policies";
import { REPO } from "../helpers/plan";
import { configFile } from "./helpers";

/** A regional provider as components/region/provider.ts builds it for the prod stack. */
function provider(region: string, zone: string): aws.Provider {
  const tags = {
    team: "platform",
    "cost-center": "eng-platform",
    environment: "prod",
    region,
    "residency-zone": zone,
    stack: "prod",
    "managed-by": "pulumi",
  };
  return new aws.Provider(`aws-${region}`, { region: region as aws.Region, defaultTags: { tags } });
}

async function breachProgram(): Promise<Record<string, unknown>> {
  const eu = { provider: provider("eu-west-1", "eu") };
  const us = { provider: provider("us-east-1", "us") };
  const usBucket = new aws.s3.Bucket("us-data", {}, us);
  const usQueue = new aws.sqs.Queue("us-orders", { sqsManagedSseEnabled: true }, us);

  new aws.secretsmanager.Secret("eu-secret", { replicas: [{ region: "us-east-1" }] }, eu);
  new aws.iam.Policy(
    "eu-reads-us-queue",
    {
      policy: usQueue.arn.apply((arn) =>
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: arn }] }),
      ),
    },
    eu,
  );
  const euKey = new aws.kms.Key("eu-multi-region", { multiRegion: true, enableKeyRotation: true }, eu);
  new aws.kms.ReplicaKey("us-replica-key", { primaryKeyArn: euKey.arn }, us);
  new aws.dynamodb.Table(
    "eu-table",
    {
      hashKey: "id",
      attributes: [{ name: "id", type: "S" }],
      billingMode: "PAY_PER_REQUEST",
      streamEnabled: true,
      streamViewType: "NEW_AND_OLD_IMAGES",
      replicas: [{ regionName: "us-east-1" }],
    },
    eu,
  );
  new aws.ecr.ReplicationConfiguration(
    "eu-ecr-replication",
    { replicationConfiguration: { rules: [{ destinations: [{ region: "us-east-1", registryId: OFFLINE_ACCOUNT_ID }] }] } },
    eu,
  );
  new aws.ec2.VpcPeeringConnection(
    "eu-peering",
    { vpcId: "vpc-0a1b2c3d4e5f60718", peerVpcId: "vpc-0f1e2d3c4b5a69788", peerRegion: "us-east-1" },
    eu,
  );
  new aws.s3.Bucket(
    "eu-inline",
    {
      versioning: { enabled: true },
      replicationConfiguration: {
        role: pulumi.interpolate`arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/replication`,
        rules: [{ status: "Enabled", destination: { bucket: usBucket.arn } }],
      },
      logging: { targetBucket: usBucket.bucket, targetPrefix: "s3/" },
    },
    eu,
  );
  return {};
}

describe("residency breaches planned by the offline engine", () => {
  it("plans every breach (no missing mock) and the prod pack refuses each through its residency rule", async () => {
    const plan = await planLoadedStack(loadStack(REPO, "prod"), OFFLINE_ACCOUNT_ID, breachProgram);
    const result = await runPolicies(plan, loadPolicyConfig(configFile("prod"), POLICIES));
    const refused = (policy: string, pattern: RegExp) => {
      const outcome = result.policies.find((p) => p.policy === policy)!;
      assert.ok(
        outcome.violations.some((v) => v.enforcementLevel === "mandatory" && pattern.test(v.message)),
        `${policy}: no mandatory violation matching ${pattern}; got ${outcome.violations.map((v) => v.message).join("\n") || "(none)"}`,
      );
    };
    refused("destinations-in-zone", /eu-secret replicas\[0\]\.region names us-east-1/);
    refused("destinations-in-zone", /eu-table replicas\[0\]\.regionName names us-east-1/);
    refused("destinations-in-zone", /eu-ecr-replication replicationConfiguration\.rules\[0\]\.destinations\[0\]\.region names us-east-1/);
    refused("destinations-in-zone", /eu-peering peerRegion names us-east-1/);
    refused("iam-grants-in-zone", /eu-reads-us-queue policy Statement\[0\] \(sqs:ReceiveMessage\) grants arn:aws:sqs:us-east-1:/);
    refused(
      "references-in-residency-zone",
      /primaryKeyArn references arn:aws:kms:eu-west-1:.* outside us-replica-key's residency zone "us"/,
    );
    refused(
      "s3-replication-in-zone",
      /eu-inline replicationConfiguration\.rules\[0\]\.destination\.bucket replicates from eu-west-1 \(zone eu\) to us-data/,
    );
    refused("log-buckets-in-zone", /eu-inline in eu-west-1 \(zone eu\) logs to us-data in us-east-1/);
    assert.ok(result.mandatory > 0);
  });
});
