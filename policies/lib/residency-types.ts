/**
 * What the pack knows, per resource type, about where data lives and how it can leave: one table,
 * an allow-list. A type missing here is refused by `residency-type-known` (mandatory in prod), so
 * a new type (or another package's, such as `aws-native:`) is never waved through unread.
 *
 * Each entry says where the resource keeps its data (`placement`), every property through which
 * data, keys, access or logs can reach another place (`channels`, each checked by a named rule),
 * and the sources the entry was read from. The pack is published on its own, so this knowledge
 * lives here; the program's resource catalogue (issue 17) references it rather than copying it.
 *
 * Paths: dotted property names, `[]` for every element of a list, `#` where the value is JSON text
 * (a policy document, a dashboard body) to be parsed before the rest of the path.
 */

/**
 * - regional: lives in the region of its provider (or its own `region` input);
 * - global: a global service with no region (exempt from region checks by name; its channels are still read);
 * - scoped: global with `scope: CLOUDFRONT` (WAF), regional otherwise;
 * - provider: a provider resource (its region and zone tag are read by region-in-residency-zone);
 * - component: holds nothing itself; its children are checked by their own types;
 * - cluster: a Kubernetes object, kept in the etcd of the cluster its provider targets (a regional EKS cluster);
 * - engine: computed by the Pulumi engine and kept only in the stack's state.
 */
export type Placement = "regional" | "global" | "scoped" | "provider" | "component" | "cluster" | "engine";

/**
 * How a channel names its destination:
 * - arn: an ARN whose region field counts (every ARN anywhere is also scanned by references-in-residency-zone);
 * - region: a region name given as plain text;
 * - bucket: an S3 bucket name, `arn:aws:s3:::` ARN or S3 host name (resolved to a bucket of the stack);
 * - host: a host name (an AWS regional endpoint, or a stack resource exporting it);
 * - endpoint: an SNS subscription endpoint (ARN, URL or address, by protocol);
 * - connection: the id of a stack resource (a VPC peering connection) whose region counts;
 * - grant: an IAM policy document; the resources its Allow statements grant;
 * - trust: an IAM trust policy; who may assume the role;
 * - datastore: an ElastiCache global datastore id;
 * - url: an AWS service URL (an SQS queue URL) whose host names the region (or an ARN given instead).
 */
export type ChannelKind = "arn" | "region" | "bucket" | "host" | "endpoint" | "connection" | "grant" | "trust" | "datastore" | "url";

export type Carries = "data" | "keys" | "access" | "logs" | "traffic";

export interface Channel {
  readonly path: string;
  readonly kind: ChannelKind;
  readonly carries: Carries;
  /** The pack rule that refuses this channel pointing outside the zone. */
  readonly rule: string;
  /** Only when the resource's inputs satisfy this (AWS ignores the property otherwise). */
  readonly when?: (props: Readonly<Record<string, any>>) => boolean;
}

export interface ResidencyType {
  readonly placement: Placement;
  /** Holds customer or operational data at rest. */
  readonly holdsData: boolean;
  readonly channels: readonly Channel[];
  /** The stack config key that shapes these resources in this program, named in messages. */
  readonly configKey?: string;
  /** Where the entry was read: provider schema pages and AWS API references. */
  readonly sources: readonly string[];
}

const REG = "https://www.pulumi.com/registry/packages/aws/api-docs";
const K8S = "https://www.pulumi.com/registry/packages/kubernetes/api-docs";
const REFS = "references-in-residency-zone";
const KEYS = "kms-key-in-resource-region";
const DEST = "destinations-in-zone";
const GRANTS = "iam-grants-in-zone";
const CLUSTER_OBJECTS = "cluster-objects-in-zone";

const arnChannel = (path: string, carries: Carries, rule = REFS): Channel => ({ path, kind: "arn", carries, rule });
const key = (path: string): Channel => ({ path, kind: "arn", carries: "keys", rule: KEYS });
const regional = (sources: readonly string[], channels: readonly Channel[] = [], holdsData = false, configKey?: string): ResidencyType => ({
  placement: "regional",
  holdsData,
  channels,
  configKey,
  sources,
});
const inCluster = (doc: string): ResidencyType => ({ placement: "cluster", holdsData: false, channels: [], sources: [`${K8S}/${doc}`] });

/** A KEDA object in a cluster: each channel checked by cluster-objects-in-zone against the cluster's zone. */
const kedaObject = (channels: readonly [string, ChannelKind, Carries][], sources: readonly string[]): ResidencyType => ({
  placement: "cluster",
  holdsData: false,
  channels: channels.map(([path, kind, carries]) => ({ path, kind, carries, rule: CLUSTER_OBJECTS })),
  configKey: "platform:regions[].queues[].scaling",
  sources: [`${K8S}/apiextensions/customresource/`, ...sources],
});

const bucketInline = (configKey?: string): ResidencyType =>
  regional(
    [`${REG}/s3/bucket/`, "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html"],
    [
      { path: "replicationConfiguration.rules[].destination.bucket", kind: "bucket", carries: "data", rule: "s3-replication-in-zone" },
      arnChannel("replicationConfiguration.rules[].destination.replicaKmsKeyId", "keys"),
      { path: "logging.targetBucket", kind: "bucket", carries: "logs", rule: "log-buckets-in-zone" },
      key("serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId"),
    ],
    true,
    configKey,
  );
const bucketLogging = regional(
  [`${REG}/s3/bucketlogging/`, "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLogging.html"],
  [{ path: "targetBucket", kind: "bucket", carries: "logs", rule: "log-buckets-in-zone" }],
);
const s3Setting = (doc: string): ResidencyType => regional([`${REG}/s3/${doc}/`]);

/** Every type the pack understands. Keys are type tokens; a key ending in `*` matches a whole package or module. */
export const RESIDENCY_TYPES: Readonly<Record<string, ResidencyType>> = {
  // Providers, components, the engine's own resources.
  "pulumi:providers:aws": {
    placement: "provider",
    holdsData: false,
    channels: [],
    sources: ["https://www.pulumi.com/registry/packages/aws/installation-configuration/"],
  },
  "pulumi:providers:kubernetes": { placement: "provider", holdsData: false, channels: [], sources: [`${K8S}/provider/`] },
  "pulumi:providers:random": {
    placement: "provider",
    holdsData: false,
    channels: [],
    sources: ["https://www.pulumi.com/registry/packages/random/"],
  },
  "pulumi:pulumi:Stack": {
    placement: "component",
    holdsData: false,
    channels: [],
    sources: ["https://www.pulumi.com/docs/iac/concepts/stacks/"],
  },
  // This program's own ComponentResources (components/**, `super("platform:<module>:<Type>")`).
  "platform:*": { placement: "component", holdsData: false, channels: [], sources: ["components/ (this repository)"] },
  // Remote component: under the CLI its children (aws:ec2/vpc:Vpc, subnets, route tables, NAT) are analyzed by their own types.
  "awsx:ec2:Vpc": {
    placement: "component",
    holdsData: false,
    channels: [],
    sources: ["https://www.pulumi.com/registry/packages/awsx/api-docs/ec2/vpc/"],
  },
  "random:index/randomId:RandomId": {
    placement: "engine",
    holdsData: false,
    channels: [],
    sources: ["https://www.pulumi.com/registry/packages/random/api-docs/randomid/"],
  },
  "random:index/randomPassword:RandomPassword": {
    placement: "engine",
    holdsData: true,
    channels: [],
    sources: ["https://www.pulumi.com/registry/packages/random/api-docs/randompassword/"],
  },

  // Kubernetes objects in the regional EKS clusters.
  "kubernetes:core/v1:Namespace": inCluster("core/v1/namespace/"),
  "kubernetes:core/v1:ServiceAccount": inCluster("core/v1/serviceaccount/"),
  "kubernetes:helm.sh/v3:Release": inCluster("helm/v3/release/"),
  "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding": inCluster("apiextensions/customresource/"),
  "kubernetes:karpenter.sh/v1:NodePool": inCluster("apiextensions/customresource/"),
  "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass": inCluster("apiextensions/customresource/"),
  // KEDA (keda.sh/v1alpha1): the operator polls the queue a ScaledObject names, in the region it names.
  "kubernetes:keda.sh/v1alpha1:ScaledObject": kedaObject(
    [
      ["spec.triggers[].metadata.awsRegion", "region", "access"],
      ["spec.triggers[].metadata.queueURL", "url", "access"],
      ["spec.triggers[].metadata.awsEndpoint", "url", "access"],
    ],
    ["https://keda.sh/docs/2.20/scalers/aws-sqs/", "kedacore/keda v2.20.2 pkg/scalers/aws_sqs_queue_scaler.go"],
  ),
  "kubernetes:keda.sh/v1alpha1:TriggerAuthentication": kedaObject(
    [
      ["spec.podIdentity.roleArn", "arn", "access"],
      ["spec.awsSecretManager.region", "region", "access"],
      ["spec.awsSecretManager.secrets[].name", "arn", "data"],
    ],
    ["https://keda.sh/docs/2.20/authentication-providers/aws/", "kedacore/keda v2.20.2 apis/keda/v1alpha1/triggerauthentication_types.go"],
  ),

  // Network (the awsx VPC's children appear under the CLI only).
  "aws:ec2/vpc:Vpc": regional([`${REG}/ec2/vpc/`]),
  "aws:ec2/subnet:Subnet": regional([`${REG}/ec2/subnet/`]),
  "aws:ec2/routeTable:RouteTable": regional([`${REG}/ec2/routetable/`]),
  "aws:ec2/routeTableAssociation:RouteTableAssociation": regional([`${REG}/ec2/routetableassociation/`]),
  "aws:ec2/route:Route": regional(
    [`${REG}/ec2/route/`],
    [{ path: "vpcPeeringConnectionId", kind: "connection", carries: "traffic", rule: DEST }],
  ),
  "aws:ec2/internetGateway:InternetGateway": regional([`${REG}/ec2/internetgateway/`]),
  "aws:ec2/natGateway:NatGateway": regional([`${REG}/ec2/natgateway/`]),
  "aws:ec2/eip:Eip": regional([`${REG}/ec2/eip/`]),
  "aws:ec2/securityGroup:SecurityGroup": regional([`${REG}/ec2/securitygroup/`]),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": regional([`${REG}/vpc/securitygroupingressrule/`]),
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": regional([`${REG}/vpc/securitygroupegressrule/`]),
  "aws:ec2/flowLog:FlowLog": regional(
    [`${REG}/ec2/flowlog/`, "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFlowLogs.html"],
    [
      { path: "logDestination", kind: "bucket", carries: "logs", rule: "log-buckets-in-zone", when: (p) => p.logDestinationType === "s3" },
      arnChannel("logDestination", "logs"),
    ],
  ),
  // Peering names the peer's region as plain text; the accepter side sits in the peer region.
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": regional(
    [`${REG}/ec2/vpcpeeringconnection/`, "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcPeeringConnection.html"],
    [{ path: "peerRegion", kind: "region", carries: "traffic", rule: DEST }],
  ),
  "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": regional(
    [
      `${REG}/ec2/vpcpeeringconnectionaccepter/`,
      "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcPeeringConnection.html",
    ],
    [{ path: "vpcPeeringConnectionId", kind: "connection", carries: "traffic", rule: DEST }],
  ),

  // Compute.
  "aws:eks/cluster:Cluster": regional(
    [`${REG}/eks/cluster/`],
    [key("encryptionConfig.provider.keyArn")],
    true,
    "platform:regions[].cluster",
  ),
  "aws:eks/nodeGroup:NodeGroup": regional([`${REG}/eks/nodegroup/`], [], false, "platform:regions[].cluster.systemNodeGroup"),
  "aws:eks/addon:Addon": regional([`${REG}/eks/addon/`], [], false, "platform:regions[].cluster.addons"),
  "aws:eks/accessEntry:AccessEntry": regional([`${REG}/eks/accessentry/`], [], false, "platform:regions[].cluster.adminRoleArns"),
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": regional(
    [`${REG}/eks/accesspolicyassociation/`],
    [],
    false,
    "platform:regions[].cluster.adminRoleArns",
  ),
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": regional([`${REG}/eks/podidentityassociation/`]),
  "aws:ec2/launchTemplate:LaunchTemplate": regional([`${REG}/ec2/launchtemplate/`], [key("blockDeviceMappings[].ebs.kmsKeyId")]),
  "aws:cloudwatch/eventRule:EventRule": regional([`${REG}/cloudwatch/eventrule/`]),
  // A target in another region receives the events (ARN).
  "aws:cloudwatch/eventTarget:EventTarget": regional([`${REG}/cloudwatch/eventtarget/`], [arnChannel("arn", "data")]),

  // Data.
  "aws:rds/instance:Instance": regional(
    [`${REG}/rds/instance/`, "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html"],
    [arnChannel("replicateSourceDb", "data"), key("kmsKeyId"), key("masterUserSecretKmsKeyId"), key("performanceInsightsKmsKeyId")],
    true,
    "platform:regions[].database",
  ),
  "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": regional(
    [`${REG}/rds/instanceautomatedbackupsreplication/`],
    [arnChannel("sourceDbInstanceArn", "data"), key("kmsKeyId")],
    true,
    "platform:recovery.automatedBackupReplication",
  ),
  "aws:rds/parameterGroup:ParameterGroup": regional([`${REG}/rds/parametergroup/`]),
  "aws:rds/subnetGroup:SubnetGroup": regional([`${REG}/rds/subnetgroup/`]),
  "aws:elasticache/replicationGroup:ReplicationGroup": regional(
    [`${REG}/elasticache/replicationgroup/`],
    [{ path: "globalReplicationGroupId", kind: "datastore", carries: "data", rule: "cache-global-datastore-in-zone" }, key("kmsKeyId")],
    true,
    "platform:regions[].cache",
  ),
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": regional(
    [
      `${REG}/elasticache/globalreplicationgroup/`,
      "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateGlobalReplicationGroup.html",
    ],
    [],
    true,
  ),
  "aws:elasticache/parameterGroup:ParameterGroup": regional([`${REG}/elasticache/parametergroup/`]),
  "aws:elasticache/subnetGroup:SubnetGroup": regional([`${REG}/elasticache/subnetgroup/`]),
  "aws:secretsmanager/secret:Secret": regional(
    [`${REG}/secretsmanager/secret/`, "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ReplicateSecretToRegions.html"],
    [
      { path: "replicas[].region", kind: "region", carries: "data", rule: DEST },
      arnChannel("replicas[].kmsKeyId", "keys"),
      key("kmsKeyId"),
    ],
    true,
  ),
  "aws:secretsmanager/secretVersion:SecretVersion": regional([`${REG}/secretsmanager/secretversion/`], [], true),
  "aws:sqs/queue:Queue": regional(
    [`${REG}/sqs/queue/`],
    [key("kmsMasterKeyId"), arnChannel("redrivePolicy#deadLetterTargetArn", "data")],
    true,
    "platform:regions[].queues",
  ),
  "aws:sqs/queuePolicy:QueuePolicy": regional([`${REG}/sqs/queuepolicy/`]),
  "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": regional(
    [`${REG}/sqs/redriveallowpolicy/`],
    [arnChannel("redriveAllowPolicy#sourceQueueArns[]", "data")],
  ),
  // Global tables replicate into the regions their replicas name as plain text.
  "aws:dynamodb/table:Table": regional(
    [`${REG}/dynamodb/table/`, "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ReplicationGroupUpdate.html"],
    [
      { path: "replicas[].regionName", kind: "region", carries: "data", rule: DEST },
      arnChannel("replicas[].kmsKeyArn", "keys"),
      key("serverSideEncryption.kmsKeyArn"),
    ],
    true,
  ),
  "aws:dynamodb/tableReplica:TableReplica": regional([`${REG}/dynamodb/tablereplica/`], [arnChannel("globalTableArn", "data")], true),
  "aws:ecr/repository:Repository": regional([`${REG}/ecr/repository/`], [key("encryptionConfigurations[].kmsKey")], true),
  "aws:ecr/replicationConfiguration:ReplicationConfiguration": regional(
    [`${REG}/ecr/replicationconfiguration/`, "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ReplicationDestination.html"],
    [{ path: "replicationConfiguration.rules[].destinations[].region", kind: "region", carries: "data", rule: DEST }],
  ),
  "aws:kinesis/stream:Stream": regional([`${REG}/kinesis/stream/`], [key("kmsKeyId")], true),

  // Keys: a multi-Region key's replicas are ReplicaKeys created in their own regions.
  "aws:kms/key:Key": regional(
    [`${REG}/kms/key/`, "https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html"],
    [],
    true,
  ),
  "aws:kms/replicaKey:ReplicaKey": regional(
    [`${REG}/kms/replicakey/`, "https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html"],
    [arnChannel("primaryKeyArn", "keys")],
    true,
  ),
  "aws:kms/alias:Alias": regional([`${REG}/kms/alias/`], [arnChannel("targetKeyId", "keys")]),

  // Storage and logs.
  "aws:s3/bucket:Bucket": bucketInline(),
  "aws:s3/bucketV2:BucketV2": bucketInline(),
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": regional(
    [`${REG}/s3/bucketreplicationconfig/`, "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html"],
    [
      { path: "rules[].destination.bucket", kind: "bucket", carries: "data", rule: "s3-replication-in-zone" },
      arnChannel("rules[].destination.encryptionConfiguration.replicaKmsKeyId", "keys"),
    ],
  ),
  "aws:s3/bucketLogging:BucketLogging": bucketLogging,
  "aws:s3/bucketLoggingV2:BucketLoggingV2": bucketLogging,
  "aws:s3/bucketPolicy:BucketPolicy": s3Setting("bucketpolicy"),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": s3Setting("bucketpublicaccessblock"),
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": s3Setting("bucketownershipcontrols"),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": s3Setting("bucketlifecycleconfiguration"),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": regional(
    [`${REG}/s3/bucketserversideencryptionconfiguration/`],
    [key("rules[].applyServerSideEncryptionByDefault.kmsMasterKeyId")],
  ),
  "aws:cloudwatch/logGroup:LogGroup": regional([`${REG}/cloudwatch/loggroup/`], [key("kmsKeyId")], true),
  "aws:lb/loadBalancer:LoadBalancer": regional(
    [`${REG}/lb/loadbalancer/`, "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html"],
    ["accessLogs", "connectionLogs", "healthCheckLogs"].map((k): Channel => ({
      path: `${k}.bucket`,
      kind: "bucket",
      carries: "logs",
      rule: "log-buckets-in-zone",
      when: (p) => p[k]?.enabled === true,
    })),
    false,
    "platform:edge",
  ),
  "aws:lb/listener:Listener": regional([`${REG}/lb/listener/`]),
  "aws:lb/listenerRule:ListenerRule": regional([`${REG}/lb/listenerrule/`]),
  "aws:lb/targetGroup:TargetGroup": regional([`${REG}/lb/targetgroup/`]),
  "aws:acm/certificate:Certificate": regional([`${REG}/acm/certificate/`], [], false, "platform:edge.certificate"),
  "aws:acm/certificateValidation:CertificateValidation": regional([`${REG}/acm/certificatevalidation/`]),

  // Observability, recovery, cost.
  "aws:sns/topic:Topic": regional([`${REG}/sns/topic/`], [key("kmsMasterKeyId")], true, "platform:observability"),
  "aws:sns/topicPolicy:TopicPolicy": regional([`${REG}/sns/topicpolicy/`]),
  "aws:sns/topicSubscription:TopicSubscription": regional(
    [`${REG}/sns/topicsubscription/`, "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html"],
    [{ path: "endpoint", kind: "endpoint", carries: "data", rule: DEST }],
    false,
    "platform:observability.alertEmails",
  ),
  "aws:cloudwatch/metricAlarm:MetricAlarm": regional([`${REG}/cloudwatch/metricalarm/`], [arnChannel("alarmActions[]", "data")]),
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": regional([`${REG}/cloudwatch/compositealarm/`], [arnChannel("alarmActions[]", "data")]),
  // A dashboard widget reads metrics of the region it names as plain text.
  "aws:cloudwatch/dashboard:Dashboard": regional(
    [
      `${REG}/cloudwatch/dashboard/`,
      "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html",
    ],
    [{ path: "dashboardBody#widgets[].properties.region", kind: "region", carries: "data", rule: DEST }],
  ),
  "aws:backup/vault:Vault": regional([`${REG}/backup/vault/`], [key("kmsKeyArn")], true, "platform:recovery.backup"),
  "aws:backup/plan:Plan": regional(
    [`${REG}/backup/plan/`],
    [arnChannel("rules[].copyActions[].destinationVaultArn", "data")],
    false,
    "platform:recovery.backup",
  ),
  "aws:backup/selection:Selection": regional(
    [`${REG}/backup/selection/`],
    [arnChannel("resources[]", "data")],
    false,
    "platform:recovery.backup",
  ),
  "aws:budgets/budget:Budget": regional(
    [`${REG}/budgets/budget/`],
    [arnChannel("notifications[].subscriberSnsTopicArns[]", "data")],
    false,
    "platform:observability.budget",
  ),

  // Global services: exempt from region checks by name, their channels still read.
  "aws:cloudfront/distribution:Distribution": {
    placement: "global",
    holdsData: false,
    channels: [
      { path: "origins[].domainName", kind: "host", carries: "traffic", rule: "cdn-behaviours-in-zone" },
      { path: "originGroups[].members[].originId", kind: "host", carries: "traffic", rule: "cdn-origin-groups-in-one-zone" },
      { path: "loggingConfig.bucket", kind: "bucket", carries: "logs", rule: "cdn-logs-in-viewer-zone" },
      { path: "defaultCacheBehavior.realtimeLogConfigArn", kind: "arn", carries: "logs", rule: "cdn-logs-in-viewer-zone" },
      { path: "orderedCacheBehaviors[].realtimeLogConfigArn", kind: "arn", carries: "logs", rule: "cdn-logs-in-viewer-zone" },
    ],
    configKey: "platform:edge",
    sources: [
      `${REG}/cloudfront/distribution/`,
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html",
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/real-time-logs.html",
    ],
  },
  "aws:cloudfront/realtimeLogConfig:RealtimeLogConfig": {
    placement: "global",
    holdsData: false,
    channels: [{ path: "endpoint.kinesisStreamConfig.streamArn", kind: "arn", carries: "logs", rule: "cdn-logs-in-viewer-zone" }],
    sources: [`${REG}/cloudfront/realtimelogconfig/`, "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_EndPoint.html"],
  },
  "aws:route53/record:Record": {
    placement: "global",
    holdsData: false,
    channels: [],
    configKey: "platform:edge.hostedZoneId",
    sources: [`${REG}/route53/record/`],
  },
  "aws:route53/healthCheck:HealthCheck": { placement: "global", holdsData: false, channels: [], sources: [`${REG}/route53/healthcheck/`] },
  "aws:wafv2/webAcl:WebAcl": {
    placement: "scoped",
    holdsData: false,
    channels: [],
    configKey: "platform:edge.waf",
    sources: [`${REG}/wafv2/webacl/`],
  },
  // IAM is global; what its documents grant is not: iam-grants-in-zone reads every grant.
  "aws:iam/role:Role": {
    placement: "global",
    holdsData: false,
    channels: [
      { path: "assumeRolePolicy", kind: "trust", carries: "access", rule: "pod-identity-trust-scoped" },
      { path: "inlinePolicies[].policy", kind: "grant", carries: "access", rule: GRANTS },
    ],
    sources: [`${REG}/iam/role/`, "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html"],
  },
  "aws:iam/policy:Policy": {
    placement: "global",
    holdsData: false,
    channels: [{ path: "policy", kind: "grant", carries: "access", rule: GRANTS }],
    sources: [`${REG}/iam/policy/`],
  },
  "aws:iam/rolePolicy:RolePolicy": {
    placement: "global",
    holdsData: false,
    channels: [{ path: "policy", kind: "grant", carries: "access", rule: GRANTS }],
    sources: [`${REG}/iam/rolepolicy/`],
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    placement: "global",
    holdsData: false,
    channels: [{ path: "policyArn", kind: "grant", carries: "access", rule: GRANTS }],
    sources: [`${REG}/iam/rolepolicyattachment/`],
  },
  // The service named by awsServiceName is its only trusted principal and AWS writes its policy:
  // nothing in our inputs can point it at another zone.
  "aws:iam/serviceLinkedRole:ServiceLinkedRole": {
    placement: "global",
    holdsData: false,
    channels: [],
    sources: [`${REG}/iam/servicelinkedrole/`, "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html"],
  },
  "aws:iam/instanceProfile:InstanceProfile": {
    placement: "global",
    holdsData: false,
    channels: [],
    sources: [`${REG}/iam/instanceprofile/`],
  },
};

/** The entry for a type: an exact key, else the longest `*` pattern that matches. */
export function residencyTypeOf(type: string, table: Readonly<Record<string, ResidencyType>> = RESIDENCY_TYPES): ResidencyType | undefined {
  const exact = table[type];
  if (exact !== undefined) return exact;
  const pattern = Object.keys(table)
    .filter((k) => k.endsWith("*") && type.startsWith(k.slice(0, -1)))
    .sort((a, b) => b.length - a.length)[0];
  return pattern === undefined ? undefined : table[pattern];
}

/** A regular expression matching the concrete paths (`replicas[2].kmsKeyId`) of a channel path. */
export function channelPathPattern(path: string): RegExp {
  const escaped = path
    .split(/\[\]/)
    .map((part) => part.replace(/[.*+?^${}()|\\]/g, "\\$&").replace(/#/g, "\\."))
    .join("\\[\\d+\\]");
  return new RegExp(`^${escaped}$`);
}

/** The channels of a type that one rule checks. */
export function channelsFor(type: string, rule: string): readonly Channel[] {
  return (residencyTypeOf(type)?.channels ?? []).filter((c) => c.rule === rule);
}
