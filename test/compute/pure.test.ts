import * as assert from "node:assert/strict";
import { clusterDefaults } from "../../components/config/tiers/cluster";
import { INTERRUPTION_EVENTS } from "../../components/cluster/interruption-queue";
import { ec2NodeClassSpec, nodePoolSpec } from "../../components/cluster/karpenter-manifests";
import { kubeconfigFor } from "../../components/cluster/kubeconfig";
import { KARPENTER_UPSTREAM_POLICY, karpenterControllerPolicy } from "../../components/cluster/iam-documents";
import { queueAttributesStatement, queueUseStatements } from "../../components/queues/sqs-documents";
import { readSecretsStatement } from "../../components/shared/grants";
import { workloadAccessPolicy } from "../../components/workload/workload-access";
import { clusterArnOf, podIdentityTrustPolicy } from "../../components/shared/iam";

describe("compute: pure helpers", () => {
  it("builds a kubeconfig that gets a token from aws eks get-token for the named cluster and region", () => {
    const config = JSON.parse(
      kubeconfigFor({
        clusterName: "platform-prod",
        region: "eu-west-1",
        endpoint: "https://X.gr7.eu-west-1.eks.amazonaws.com",
        certificateAuthorityData: "Q0E=",
      }),
    );
    assert.equal(config.clusters[0].cluster.server, "https://X.gr7.eu-west-1.eks.amazonaws.com");
    assert.equal(config.clusters[0].cluster["certificate-authority-data"], "Q0E=");
    assert.equal(config.users[0].user.exec.command, "aws");
    assert.deepEqual(config.users[0].user.exec.args.slice(0, 6), [
      "eks",
      "get-token",
      "--cluster-name",
      "platform-prod",
      "--region",
      "eu-west-1",
    ]);
    assert.equal(config["current-context"], config.contexts[0].name);
  });

  it("grants the workload exactly the given queues and secrets, never a wildcard, and never sending to a DLQ", () => {
    const policy = JSON.parse(
      workloadAccessPolicy([
        ...queueUseStatements(["arn:aws:sqs:eu-west-1:111122223333:orders"], ["arn:aws:sqs:eu-west-1:111122223333:orders-dlq"]),
        readSecretsStatement(["arn:aws:secretsmanager:eu-west-1:111122223333:secret:db"]),
      ]),
    );
    assert.deepEqual(
      policy.Statement.map((s: { Resource: string[] }) => s.Resource),
      [
        ["arn:aws:sqs:eu-west-1:111122223333:orders"],
        ["arn:aws:sqs:eu-west-1:111122223333:orders-dlq"],
        ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:db"],
      ],
    );
    assert.ok(policy.Statement[0].Action.includes("sqs:SendMessage"));
    assert.ok(!policy.Statement[1].Action.includes("sqs:SendMessage"));
    assert.ok(!JSON.stringify(policy).includes("*"));
    assert.throws(() => workloadAccessPolicy([...queueUseStatements([], [])]), /at least one grant/);
  });

  it("merges grants that differ only in their resources, and keeps different grants apart", () => {
    const db = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db";
    const cache = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:cache";
    const policy = JSON.parse(
      workloadAccessPolicy([readSecretsStatement([db]), readSecretsStatement([cache]), readSecretsStatement([db])]),
    );
    assert.deepEqual(policy.Statement, [
      { Sid: "RegionalDataSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [db, cache] },
    ]);
    const attributes = queueAttributesStatement(["arn:aws:sqs:eu-west-1:111122223333:orders"]);
    assert.equal(attributes.Action, "sqs:GetQueueAttributes", "an autoscaler reads queue depth, never messages");
    const both = JSON.parse(workloadAccessPolicy([...queueUseStatements(["arn:aws:sqs:eu-west-1:111122223333:orders"], []), attributes]));
    assert.deepEqual(
      both.Statement.map((s: { Sid: string }) => s.Sid),
      ["RegionalQueues", "ReadQueueDepth"],
    );
  });

  it("limits Pod Identity trust to one cluster, namespace and service account through EKS's session tags", () => {
    const clusterArn = clusterArnOf("eu-west-1", "111122223333", "platform-prod");
    assert.equal(clusterArn, "arn:aws:eks:eu-west-1:111122223333:cluster/platform-prod");
    const trust = JSON.parse(podIdentityTrustPolicy({ accountId: "111122223333", clusterArn, namespace: "app", serviceAccount: "app" }));
    assert.equal(trust.Statement[0].Principal.Service, "pods.eks.amazonaws.com");
    assert.deepEqual(trust.Statement[0].Action, ["sts:AssumeRole", "sts:TagSession"]);
    assert.deepEqual(trust.Statement[0].Condition, {
      StringEquals: {
        "aws:SourceAccount": "111122223333",
        "aws:RequestTag/eks-cluster-arn": clusterArn,
        "aws:RequestTag/kubernetes-namespace": "app",
        "aws:RequestTag/kubernetes-service-account": "app",
      },
    });
  });

  it("scopes the Karpenter controller to its cluster, queue and node role", () => {
    const policy = JSON.parse(
      karpenterControllerPolicy({
        region: "us-west-2",
        accountId: "111122223333",
        clusterName: "platform-prod",
        clusterArn: "arn:aws:eks:us-west-2:111122223333:cluster/platform-prod",
        queueArn: "arn:aws:sqs:us-west-2:111122223333:q",
        nodeRoleArn: "arn:aws:iam::111122223333:role/node",
        instanceProfileArn: "arn:aws:iam::111122223333:instance-profile/node",
      }),
    );
    const sids = new Map<string, { Action: unknown; Resource: unknown }>(policy.Statement.map((s: { Sid: string }) => [s.Sid, s]));
    assert.equal(sids.get("AllowInterruptionQueueActions")?.Resource, "arn:aws:sqs:us-west-2:111122223333:q");
    assert.equal(sids.get("AllowPassingInstanceRole")?.Resource, "arn:aws:iam::111122223333:role/node");
    assert.equal(sids.get("AllowAPIServerEndpointDiscovery")?.Resource, "arn:aws:eks:us-west-2:111122223333:cluster/platform-prod");
    // No IAM write actions: the instance profile is ours, not Karpenter's. Listing is required
    // since 1.7 (the EC2NodeClass finalizer lists Karpenter-made profiles before releasing the class).
    const actions = policy.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    assert.deepEqual(actions.filter((a: string) => a.startsWith("iam:")).sort(), [
      "iam:GetInstanceProfile",
      "iam:ListInstanceProfiles",
      "iam:PassRole",
    ]);
    // Our profile, and the pre-1.7 name the EC2NodeClass finalizer looks up before releasing the class.
    assert.deepEqual(sids.get("AllowInstanceProfileReadActions")?.Resource, [
      "arn:aws:iam::111122223333:instance-profile/node",
      "arn:aws:iam::111122223333:instance-profile/platform-prod_*",
    ]);
  });

  it("grants every action upstream's controller policy grants at the pinned Karpenter, or says why not", () => {
    const policy = JSON.parse(
      karpenterControllerPolicy({
        region: "us-west-2",
        accountId: "111122223333",
        clusterName: "c",
        clusterArn: "arn:aws:eks:us-west-2:111122223333:cluster/c",
        queueArn: "arn:aws:sqs:us-west-2:111122223333:q",
        nodeRoleArn: "arn:aws:iam::111122223333:role/node",
        instanceProfileArn: "arn:aws:iam::111122223333:instance-profile/node",
      }),
    );
    const granted = new Set(policy.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
    const { actions, notGranted } = KARPENTER_UPSTREAM_POLICY;
    const missing = actions.filter((a) => !granted.has(a) && notGranted[a] === undefined);
    assert.deepEqual(missing, [], "upstream grants these and we neither grant nor explain them");
    assert.deepEqual(
      Object.keys(notGranted).filter((a) => granted.has(a)),
      [],
      "explained as not granted, yet granted",
    );
    for (const environment of ["dev", "prod"] as const) {
      assert.equal(clusterDefaults[environment].karpenter.version, KARPENTER_UPSTREAM_POLICY.version, "re-read the template for a new pin");
    }
  });

  it("routes the four interruption event kinds Karpenter handles", () => {
    assert.deepEqual(Object.keys(INTERRUPTION_EVENTS).sort(), [
      "instance-state-change",
      "rebalance",
      "scheduled-change",
      "spot-interruption",
    ]);
  });

  it("writes NodePool limits and requirements from config, and an IMDSv2-only EC2NodeClass", () => {
    const settings = clusterDefaults.prod.karpenter;
    const pool = nodePoolSpec(settings) as { limits: unknown; template: { spec: { nodeClassRef: { name: string } } } };
    assert.deepEqual(pool.limits, { cpu: "1000", memory: "4000Gi" });
    const nodeClass = ec2NodeClassSpec({
      instanceProfile: "p",
      subnetIds: ["subnet-1"],
      securityGroupIds: ["sg-1", "sg-2"],
      volumeSizeGiB: 80,
      tags: {},
    }) as Record<string, any>;
    assert.equal(pool.template.spec.nodeClassRef.name, "default");
    assert.equal(nodeClass.metadataOptions.httpTokens, "required");
    assert.equal(nodeClass.metadataOptions.httpPutResponseHopLimit, 1);
    assert.deepEqual(nodeClass.securityGroupSelectorTerms, [{ id: "sg-1" }, { id: "sg-2" }]);
    assert.equal(nodeClass.blockDeviceMappings[0].ebs.encrypted, true);
  });
});
