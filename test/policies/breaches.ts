/**
 * Each way data, keys, access or logs can leave a residency zone (issue 13), planted into the
 * committed prod plan through a regional provider of the EU zone, and refused by a named residency
 * rule as a mandatory violation (residency-breaches.test.ts runs them). Planted resources get the
 * outputs their offline mock computes, so every breach is one the offline engine can plan.
 */
import { RESOURCE_MOCKS } from "../../tools/engine/mocks";
import { OFFLINE_ACCOUNT_ID } from "../../tools/engine/ids";
import { Plan, engineUrn } from "../../tools/engine/model";
import { outputsOf } from "../helpers/plan";
import { Env, add, edit, named, typed } from "./helpers";

const US = "us-east-1";
const EU = "eu-west-1";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

/** Adds a resource through the region's provider, with the outputs its offline mock computes. */
export function plant(
  plan: Plan,
  type: string,
  name: string,
  region: string,
  inputs: Record<string, any>,
  propertyDependencies?: Record<string, string[]>,
): Plan {
  const mock = RESOURCE_MOCKS[type];
  if (mock === undefined) throw new Error(`no offline mock for ${type}: a breach of this type could not be planned`);
  const urn = engineUrn(plan.stack, plan.project, undefined, type, name);
  const result = mock({ type, name, urn, region, account: OFFLINE_ACCOUNT_ID, inputs });
  return add(plan, { type, name, region, inputs, outputs: { ...inputs, ...result.outputs }, propertyDependencies });
}

/** An output of the resource named `name` (of `type` when several resources share the name). */
const output = (plan: Plan, name: string, key: string, type?: string): string =>
  String(outputsOf(plan.resources.find((r) => r.name === name && (type === undefined || r.type === type))!)[key]);
const SECRET = "aws:secretsmanager/secret:Secret";
const usLogBucket = (p: Plan) => output(p, "us-east-1-origin-alb-logs-bucket", "arn");
const euLogBucket = (p: Plan) => output(p, "eu-west-1-origin-alb-logs-bucket", "bucket");

export interface Breach {
  readonly policy: string;
  readonly what: string;
  readonly env?: Env;
  readonly change: (plan: Plan) => Plan;
  readonly expect: RegExp;
  readonly level?: "mandatory" | "advisory";
}

export const RESIDENCY_BREACHES: readonly Breach[] = [
  {
    policy: "destinations-in-zone",
    what: "a Secrets Manager secret replicated into another zone",
    change: (p) => plant(p, "aws:secretsmanager/secret:Secret", "eu-replicated-secret", EU, { replicas: [{ region: US }] }),
    expect: /eu-replicated-secret replicas\[0\]\.region names us-east-1 \(zone us\), outside its residency zone "eu"/,
  },
  {
    policy: "iam-grants-in-zone",
    what: "an EU IAM policy granting reads of US queues and secrets",
    change: (p) =>
      plant(p, "aws:iam/policy:Policy", "eu-reads-us", EU, {
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["sqs:ReceiveMessage"], Resource: output(p, "us-east-1-queues-orders", "arn") },
            {
              Effect: "Allow",
              Action: "secretsmanager:GetSecretValue",
              Resource: [output(p, "us-east-1-cache-auth-token", "arn", SECRET)],
            },
          ],
        }),
      }),
    expect:
      /eu-reads-us policy Statement\[0\] \(sqs:ReceiveMessage\) grants arn:aws:sqs:us-east-1:\S+ in us-east-1 \(zone us\), outside zone "eu"/,
  },
  {
    policy: "iam-grants-in-zone",
    what: "an EU workload role policy granting a US secret",
    change: (p) =>
      plant(
        p,
        "aws:iam/rolePolicy:RolePolicy",
        "eu-workload-reads-us",
        EU,
        {
          role: output(p, "eu-west-1-workload-role", "name"),
          policy: JSON.stringify({
            Statement: {
              Effect: "Allow",
              Action: "secretsmanager:GetSecretValue",
              Resource: output(p, "us-east-1-cache-auth-token", "arn", SECRET),
            },
          }),
        },
        { role: [p.resources.find(named("eu-west-1-workload-role"))!.urn] },
      ),
    expect: /eu-workload-reads-us policy Statement\[0\] .* outside zone "eu".*\(the zone of role eu-west-1-workload-role\)/,
  },
  {
    policy: "iam-grants-in-zone",
    what: "an EU role policy granting every queue of every region",
    change: (p) =>
      plant(p, "aws:iam/rolePolicy:RolePolicy", "eu-any-queue", EU, {
        role: "r",
        policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "arn:aws:sqs:*:111122223333:*" }] }),
      }),
    expect: /eu-any-queue policy Statement\[0\] \(sqs:\*\) grants arn:aws:sqs:\*:\S+ in any region matching "\*"/,
  },
  {
    policy: "references-in-residency-zone",
    what: "a US replica of an EU multi-Region KMS key",
    change: (p) => {
      const withKey = plant(p, "aws:kms/key:Key", "eu-multi-region-key", EU, { multiRegion: true, enableKeyRotation: true });
      return plant(withKey, "aws:kms/replicaKey:ReplicaKey", "us-replica-of-eu-key", US, {
        primaryKeyArn: output(withKey, "eu-multi-region-key", "arn"),
      });
    },
    expect:
      /primaryKeyArn references arn:aws:kms:eu-west-1:\S+ in eu-west-1 \(zone eu\), outside us-replica-of-eu-key's residency zone "us"/,
  },
  {
    policy: "destinations-in-zone",
    what: "a DynamoDB global table with a replica in another zone",
    change: (p) =>
      plant(p, "aws:dynamodb/table:Table", "eu-orders-table", EU, {
        hashKey: "id",
        attributes: [{ name: "id", type: "S" }],
        billingMode: "PAY_PER_REQUEST",
        streamEnabled: true,
        streamViewType: "NEW_AND_OLD_IMAGES",
        replicas: [{ regionName: "eu-central-1" }, { regionName: US }],
      }),
    expect: /eu-orders-table replicas\[1\]\.regionName names us-east-1 \(zone us\), outside its residency zone "eu"/,
  },
  {
    policy: "references-in-residency-zone",
    what: "a DynamoDB table replica (own resource) of another zone's table",
    change: (p) =>
      plant(p, "aws:dynamodb/tableReplica:TableReplica", "eu-replica-of-us", EU, {
        globalTableArn: `arn:aws:dynamodb:${US}:111122223333:table/orders`,
      }),
    expect:
      /globalTableArn references arn:aws:dynamodb:us-east-1:\S+ in us-east-1 \(zone us\), outside eu-replica-of-us's residency zone "eu"/,
  },
  {
    policy: "destinations-in-zone",
    what: "ECR replication into another zone",
    change: (p) =>
      plant(p, "aws:ecr/replicationConfiguration:ReplicationConfiguration", "eu-ecr-replication", EU, {
        replicationConfiguration: { rules: [{ destinations: [{ region: US, registryId: OFFLINE_ACCOUNT_ID }] }] },
      }),
    expect: /eu-ecr-replication replicationConfiguration\.rules\[0\]\.destinations\[0\]\.region names us-east-1 \(zone us\)/,
  },
  {
    policy: "destinations-in-zone",
    what: "VPC peering naming another zone's region as plain text",
    change: (p) =>
      plant(p, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "eu-to-us-peering", EU, {
        vpcId: "vpc-0eu",
        peerVpcId: "vpc-0us",
        peerRegion: US,
      }),
    expect: /eu-to-us-peering peerRegion names us-east-1 \(zone us\), outside its residency zone "eu"/,
  },
  {
    policy: "destinations-in-zone",
    what: "a US accepter of an EU peering connection",
    change: (p) => {
      const withPeering = plant(p, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "eu-peering", EU, {
        vpcId: "vpc-0eu",
        peerVpcId: "vpc-0us",
        peerRegion: US,
      });
      const connection = withPeering.resources.find(named("eu-peering"))!;
      return plant(
        withPeering,
        "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
        "us-accepts-eu",
        US,
        { vpcPeeringConnectionId: "pcx-0eu", autoAccept: true },
        {
          vpcPeeringConnectionId: [connection.urn],
        },
      );
    },
    expect: /us-accepts-eu vpcPeeringConnectionId joins eu-peering, which reaches eu-west-1 \(zone eu\), outside its residency zone "us"/,
  },
  {
    policy: "s3-replication-in-zone",
    what: "inline replication of an aws:s3/bucket:Bucket into another zone's bucket",
    change: (p) =>
      plant(p, "aws:s3/bucket:Bucket", "eu-inline-replicated", EU, {
        versioning: { enabled: true },
        replicationConfiguration: {
          role: "arn:aws:iam::111122223333:role/replication",
          rules: [{ status: "Enabled", destination: { bucket: usLogBucket(p) } }],
        },
      }),
    expect:
      /eu-inline-replicated replicationConfiguration\.rules\[0\]\.destination\.bucket replicates from eu-west-1 \(zone eu\) to us-east-1-origin-alb-logs-bucket in us-east-1 \(zone us\)/,
  },
  {
    policy: "log-buckets-in-zone",
    what: "inline server access logging of an aws:s3/bucket:Bucket into another zone's bucket",
    change: (p) =>
      plant(p, "aws:s3/bucket:Bucket", "eu-inline-logged", EU, {
        logging: { targetBucket: output(p, "us-east-1-origin-alb-logs-bucket", "bucket"), targetPrefix: "s3/" },
      }),
    expect: /eu-inline-logged in eu-west-1 \(zone eu\) logs to us-east-1-origin-alb-logs-bucket in us-east-1 \(zone us\)/,
  },
  {
    policy: "cdn-behaviours-in-zone",
    what: "the /eu/api/* behaviour retargeted to a US origin",
    change: (p) =>
      edit(p, typed(DISTRIBUTION), (i) => {
        i.orderedCacheBehaviors.find((b: { pathPattern: string }) => b.pathPattern === "/eu/api/*").targetOriginId = "region-us-east-1";
      }),
    expect: /edge-distribution orderedCacheBehaviors\[\d\] serves \/eu\/api\/\* \(zone eu\) from region-us-east-1 in us-east-1 \(zone us\)/,
  },
  {
    policy: "cdn-logs-in-viewer-zone",
    what: "CloudFront standard logs moved to a zone the pack does not exempt",
    change: (p) => edit(p, typed(DISTRIBUTION), (i) => (i.loggingConfig.bucket = `${euLogBucket(p)}.s3.amazonaws.com`)),
    expect:
      /edge-distribution writes standard logs of every behaviour to eu-west-1-origin-alb-logs-bucket in eu-west-1 \(zone eu\), so logs of viewers of zone\(s\) us leave their zone\. .*exemptLogZones/,
  },
  {
    policy: "cdn-logs-in-viewer-zone",
    what: "real-time logs of EU viewers delivered to a US Kinesis stream",
    change: (p) => {
      let plan = plant(p, "aws:kinesis/stream:Stream", "us-cdn-stream", US, { shardCount: 1 });
      const streamArn = output(plan, "us-cdn-stream", "arn");
      plan = plant(plan, "aws:cloudfront/realtimeLogConfig:RealtimeLogConfig", "cdn-realtime", US, {
        samplingRate: 100,
        fields: ["timestamp", "c-ip", "cs-uri-stem"],
        endpoint: { streamType: "Kinesis", kinesisStreamConfig: { roleArn: "arn:aws:iam::111122223333:role/cdn-logs", streamArn } },
      });
      const configArn = output(plan, "cdn-realtime", "arn");
      return edit(plan, typed(DISTRIBUTION), (i) => {
        i.orderedCacheBehaviors.find((b: { pathPattern: string }) => b.pathPattern === "/eu/api/*").realtimeLogConfigArn = configArn;
      });
    },
    expect:
      /edge-distribution orderedCacheBehaviors\[\d\] \(\/eu\/api\/\*\) sends real-time logs to arn:aws:kinesis:us-east-1:\S+ in us-east-1 \(zone us\), so logs of viewers of zone\(s\) eu leave their zone/,
  },
  {
    policy: "residency-type-known",
    what: "a resource of another package (aws-native) the pack does not know",
    change: (p) =>
      add(p, {
        type: "aws-native:s3:Bucket",
        name: "eu-native-bucket",
        region: EU,
        inputs: { replicationConfiguration: { role: "r", rules: [] } },
      }),
    expect:
      /eu-native-bucket is of type aws-native:s3:Bucket, which the residency pack does not know.*Teach the pack: add the type to policies\/lib\/residency-types\.ts/,
  },
  {
    policy: "residency-type-known",
    what: "an unknown type only advised in dev",
    env: "dev",
    change: (p) => add(p, { type: "aws:opensearch/domain:Domain", name: "eu-search", region: EU, inputs: {} }),
    expect: /eu-search is of type aws:opensearch\/domain:Domain, which the residency pack does not know/,
    level: "advisory",
  },
  {
    policy: "destinations-in-zone",
    what: "an SNS subscription delivering to an endpoint outside AWS",
    change: (p) =>
      plant(p, "aws:sns/topicSubscription:TopicSubscription", "eu-webhook", EU, {
        topic: "arn:aws:sns:eu-west-1:111122223333:t",
        protocol: "https",
        endpoint: "https://hooks.example.com/x",
      }),
    expect:
      /eu-webhook endpoint \(set by platform:observability\.alertEmails\) delivers to https:\/\/hooks\.example\.com\/x, whose region cannot be determined/,
  },
  // IAM (issue 13 item 5).
  {
    policy: "pod-identity-trust-scoped",
    what: "a Pod Identity role trusted by any cluster of the account",
    change: (p) =>
      edit(p, named("eu-west-1-workload-role"), (i) => {
        const trust = JSON.parse(i.assumeRolePolicy);
        trust.Statement[0].Condition = { StringEquals: { "aws:SourceAccount": OFFLINE_ACCOUNT_ID } };
        i.assumeRolePolicy = JSON.stringify(trust);
      }),
    expect:
      /eu-west-1-workload-role trusts pods\.eks\.amazonaws\.com without StringEquals conditions on aws:RequestTag\/eks-cluster-arn .*, aws:RequestTag\/kubernetes-namespace, aws:RequestTag\/kubernetes-service-account/,
  },
  {
    policy: "pod-identity-trust-scoped",
    what: "an EU Pod Identity role trusting the US cluster",
    change: (p) =>
      edit(p, named("eu-west-1-workload-role"), (i) => (i.assumeRolePolicy = i.assumeRolePolicy.replace(`:eks:${EU}:`, `:eks:${US}:`))),
    expect: /eu-west-1-workload-role \(zone eu\) trusts pods of arn:aws:eks:us-east-1:\S+ \(zone us\)/,
  },
  {
    policy: "pod-identity-trust-scoped",
    what: "an association binding a service account its role does not trust",
    change: (p) => edit(p, typed("aws:eks/podIdentityAssociation:PodIdentityAssociation", EU), (i) => (i.serviceAccount = "intruder")),
    expect: /binds \S+\/intruder of cluster platform-prod to \S+, whose trust admits only/,
  },
  {
    policy: "cluster-objects-in-zone",
    what: "an EU cluster's KEDA scaler polling a US queue",
    change: (p) =>
      edit(p, named("eu-west-1-queue-scalers-orders"), (i) => {
        i.spec.triggers[0].metadata.queueURL = output(p, "us-east-1-queues-orders", "url");
        i.spec.triggers[0].metadata.awsRegion = US;
      }),
    expect:
      /eu-west-1-queue-scalers-orders spec\.triggers\[0\]\.metadata\.awsRegion \(set by platform:regions\[\]\.queues\[\]\.scaling\) names us-east-1 \(zone us\)/,
  },
  {
    policy: "eks-admins-explicit",
    what: "a cluster whose creator keeps admin",
    change: (p) => edit(p, typed("aws:eks/cluster:Cluster", EU), (i) => (i.accessConfig.bootstrapClusterCreatorAdminPermissions = true)),
    expect: /eu-west-1-cluster-eks: set accessConfig\.bootstrapClusterCreatorAdminPermissions: false/,
  },
];
