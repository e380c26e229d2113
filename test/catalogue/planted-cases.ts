/**
 * One planted input per catalogue rule: a resource AWS (or the provider's Check) would refuse, and
 * the property the refusal must name. Resources are planted in us-east-1 unless `region` says
 * eu-west-1. Cross-resource rules (replica sources, parameter-group families, dead-letter queues)
 * are planted in refusals.test.ts, where their order matters.
 */
export interface PlantedCase {
  readonly name: string;
  readonly type: string;
  readonly inputs: Record<string, unknown>;
  /** The property the refusal names. */
  readonly expect: string;
  readonly region?: "eu-west-1";
}

const ACCOUNT = "111122223333";
export const keyIn = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/00000000-1111-2222-3333-444444444444`;
const OTHER_KEY = keyIn("eu-west-1");
const ROLE = `arn:aws:iam::${ACCOUNT}:role/planted`;
const long = (n: number, c = "a") => c.repeat(n);

/** A ScaledObject KEDA admits (an aws-sqs-queue trigger), with one part changed. */
function scaledObject(change: { metadata?: object; spec?: object; trigger?: Record<string, unknown> }): Record<string, unknown> {
  const metadata = {
    queueURL: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`,
    queueLength: "5",
    awsRegion: "us-east-1",
    ...change.trigger,
  };
  return {
    metadata: change.metadata ?? { name: "planted", namespace: "app" },
    spec: {
      scaleTargetRef: { name: "worker" },
      triggers: [{ type: "aws-sqs-queue", metadata: Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) }],
      ...change.spec,
    },
  };
}

const cases: [string, string, Record<string, unknown>, string, "eu-west-1"?][] = [
  // IAM
  ["role-name", "aws:iam/role:Role", { name: long(65), assumeRolePolicy: "{}" }, "name"],
  ["role-trust-size", "aws:iam/role:Role", { assumeRolePolicy: JSON.stringify({ Statement: long(2100) }) }, "assumeRolePolicy"],
  ["role-session", "aws:iam/role:Role", { assumeRolePolicy: "{}", maxSessionDuration: 100 }, "maxSessionDuration"],
  [
    "role-tags",
    "aws:iam/role:Role",
    { assumeRolePolicy: "{}", tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) },
    "tags",
  ],
  ["role-policy-name", "aws:iam/rolePolicy:RolePolicy", { name: "has space", role: "r", policy: "{}" }, "name"],
  ["role-policy-size", "aws:iam/rolePolicy:RolePolicy", { role: "r", policy: JSON.stringify({ s: long(10300) }) }, "policy"],
  ["policy-name", "aws:iam/policy:Policy", { name: long(129), policy: "{}" }, "name"],
  ["policy-size", "aws:iam/policy:Policy", { policy: JSON.stringify({ s: long(6200) }) }, "policy"],
  ["attachment", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "AmazonS3ReadOnlyAccess" }, "policyArn"],
  ["profile-name", "aws:iam/instanceProfile:InstanceProfile", { name: "bad/name", role: "r" }, "name"],
  ["service-linked-role", "aws:iam/serviceLinkedRole:ServiceLinkedRole", { awsServiceName: "AWSServiceRoleForEC2Spot" }, "awsServiceName"],
  // KMS and logs
  ["key-window", "aws:kms/key:Key", { deletionWindowInDays: 3 }, "deletionWindowInDays"],
  ["key-rotation", "aws:kms/key:Key", { enableKeyRotation: true, customerMasterKeySpec: "RSA_2048" }, "enableKeyRotation"],
  ["key-period", "aws:kms/key:Key", { enableKeyRotation: true, rotationPeriodInDays: 30 }, "rotationPeriodInDays"],
  ["alias-reserved", "aws:kms/alias:Alias", { name: "alias/aws/rds", targetKeyId: "k" }, "name"],
  ["log-name", "aws:cloudwatch/logGroup:LogGroup", { name: "aws/reserved" }, "name"],
  ["log-retention", "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 10 }, "retentionInDays"],
  ["log-key", "aws:cloudwatch/logGroup:LogGroup", { kmsKeyId: OTHER_KEY }, "kmsKeyId"],
  // CloudWatch and EventBridge
  [
    "alarm-name",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    { name: "tab\there", comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1 },
    "name",
  ],
  [
    "alarm-queries",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    { metricName: "CPU", metricQueries: [{ id: "m1" }], evaluationPeriods: 1 },
    "metricQueries",
  ],
  ["alarm-datapoints", "aws:cloudwatch/metricAlarm:MetricAlarm", { evaluationPeriods: 2, datapointsToAlarm: 3 }, "evaluationPeriods"],
  ["composite-name", "aws:cloudwatch/compositeAlarm:CompositeAlarm", { alarmName: "x\u0001", alarmRule: "ALARM(a)" }, "alarmName"],
  ["composite-rule", "aws:cloudwatch/compositeAlarm:CompositeAlarm", { alarmRule: long(10300) }, "alarmRule"],
  ["dashboard-name", "aws:cloudwatch/dashboard:Dashboard", { dashboardName: "has space", dashboardBody: "{}" }, "dashboardName"],
  ["rule-name", "aws:cloudwatch/eventRule:EventRule", { name: long(65), scheduleExpression: "rate(1 hour)" }, "name"],
  ["rule-pattern", "aws:cloudwatch/eventRule:EventRule", {}, "eventPattern"],
  [
    "target-id",
    "aws:cloudwatch/eventTarget:EventTarget",
    { rule: "r", targetId: "has space", arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` },
    "targetId",
  ],
  ["target-region", "aws:cloudwatch/eventTarget:EventTarget", { rule: "r", arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q` }, "arn"],
  // EC2 networking
  ["vpc-cidr", "awsx:ec2:Vpc", { cidrBlock: "10.0.0.0/8" }, "cidrBlock"],
  ["vpc-azs", "awsx:ec2:Vpc", { availabilityZoneNames: ["us-east-1a"] }, "availabilityZoneNames", "eu-west-1"],
  ["flow-traffic", "aws:ec2/flowLog:FlowLog", { trafficType: "SOME", vpcId: "vpc-1" }, "trafficType"],
  ["sg-name", "aws:ec2/securityGroup:SecurityGroup", { name: "sg-planted" }, "name"],
  ["sg-description", "aws:ec2/securityGroup:SecurityGroup", { description: "caf\u00e9 access" }, "description"],
  [
    "ingress-peers",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv4: "10.0.0.0/8", prefixListId: "pl-1" },
    "cidrIpv4",
  ],
  [
    "ingress-ports",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 100, toPort: 10, cidrIpv4: "10.0.0.0/8" },
    "fromPort",
  ],
  [
    "egress-description",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "all -> out" },
    "description",
  ],
  ["template-name", "aws:ec2/launchTemplate:LaunchTemplate", { name: "lt" }, "name"],
  ["template-hops", "aws:ec2/launchTemplate:LaunchTemplate", { metadataOptions: { httpPutResponseHopLimit: 0 } }, "metadataOptions"],
  // EKS and Kubernetes
  ["cluster-name", "aws:eks/cluster:Cluster", { name: "-planted", roleArn: ROLE, vpcConfig: { subnetIds: ["a", "b"] } }, "name"],
  ["cluster-subnets", "aws:eks/cluster:Cluster", { roleArn: ROLE, vpcConfig: { subnetIds: ["a"] } }, "vpcConfig.subnetIds"],
  [
    "cluster-key",
    "aws:eks/cluster:Cluster",
    { roleArn: ROLE, vpcConfig: { subnetIds: ["a", "b"] }, encryptionConfig: { provider: { keyArn: OTHER_KEY }, resources: ["secrets"] } },
    "encryptionConfig.provider.keyArn",
  ],
  [
    "cluster-auth",
    "aws:eks/cluster:Cluster",
    { roleArn: ROLE, vpcConfig: { subnetIds: ["a", "b"] }, accessConfig: { authenticationMode: "IAM" } },
    "accessConfig.authenticationMode",
  ],
  [
    "nodegroup-name",
    "aws:eks/nodeGroup:NodeGroup",
    { clusterName: "c", nodeGroupName: long(64), nodeRoleArn: ROLE, subnetIds: ["a"] },
    "nodeGroupName",
  ],
  [
    "nodegroup-scaling",
    "aws:eks/nodeGroup:NodeGroup",
    { clusterName: "c", nodeRoleArn: ROLE, scalingConfig: { minSize: 3, desiredSize: 2, maxSize: 4 } },
    "scalingConfig",
  ],
  [
    "nodegroup-disk",
    "aws:eks/nodeGroup:NodeGroup",
    { clusterName: "c", nodeRoleArn: ROLE, diskSize: 40, launchTemplate: { id: "lt-1", version: "1" } },
    "diskSize",
  ],
  [
    "nodegroup-taints",
    "aws:eks/nodeGroup:NodeGroup",
    { clusterName: "c", nodeRoleArn: ROLE, taints: [{ key: "k", value: "v", effect: "NoSchedule" }] },
    "taints",
  ],
  ["nodegroup-role", "aws:eks/nodeGroup:NodeGroup", { clusterName: "c", nodeRoleArn: "planted-role" }, "nodeRoleArn"],
  [
    "addon-conflicts",
    "aws:eks/addon:Addon",
    { clusterName: "c", addonName: "coredns", resolveConflictsOnCreate: "PRESERVE" },
    "resolveConflictsOnCreate",
  ],
  ["entry-type", "aws:eks/accessEntry:AccessEntry", { clusterName: "c", principalArn: ROLE, type: "NODE" }, "type"],
  [
    "entry-groups",
    "aws:eks/accessEntry:AccessEntry",
    { clusterName: "c", principalArn: ROLE, type: "EC2_LINUX", kubernetesGroups: ["system:nodes"] },
    "kubernetesGroups",
  ],
  ["entry-principal", "aws:eks/accessEntry:AccessEntry", { clusterName: "c", principalArn: "planted" }, "principalArn"],
  [
    "association-scope",
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    {
      clusterName: "c",
      principalArn: ROLE,
      policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
      accessScope: { type: "namespace" },
    },
    "accessScope",
  ],
  [
    "association-policy",
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    { clusterName: "c", principalArn: ROLE, policyArn: "AmazonEKSViewPolicy", accessScope: { type: "cluster" } },
    "policyArn",
  ],
  [
    "pod-identity-role",
    "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    { clusterName: "c", namespace: "n", serviceAccount: "s", roleArn: "planted" },
    "roleArn",
  ],
  ["release-name", "kubernetes:helm.sh/v3:Release", { name: long(54), chart: "c" }, "name"],
  ["namespace-name", "kubernetes:core/v1:Namespace", { metadata: { name: "Planted_NS" } }, "metadata.name"],
  ["service-account-name", "kubernetes:core/v1:ServiceAccount", { metadata: { name: "planted", namespace: "Bad_NS" } }, "metadata.name"],
  // KEDA (keda.sh/v1alpha1)
  [
    "scaled-object-hpa-name",
    "kubernetes:keda.sh/v1alpha1:ScaledObject",
    scaledObject({ metadata: { name: long(55), namespace: "app" } }),
    "metadata.name",
  ],
  [
    "scaled-object-bounds",
    "kubernetes:keda.sh/v1alpha1:ScaledObject",
    scaledObject({ spec: { minReplicaCount: 5, maxReplicaCount: 2 } }),
    "spec.minReplicaCount",
  ],
  ["scaled-object-metadata", "kubernetes:keda.sh/v1alpha1:ScaledObject", scaledObject({ trigger: { queueLength: 5 } }), "spec.triggers"],
  [
    "scaled-object-sqs-region",
    "kubernetes:keda.sh/v1alpha1:ScaledObject",
    scaledObject({ trigger: { awsRegion: undefined } }),
    "spec.triggers[].metadata",
  ],
  [
    "trigger-auth-owner",
    "kubernetes:keda.sh/v1alpha1:TriggerAuthentication",
    {
      metadata: { name: "planted", namespace: "app" },
      spec: { podIdentity: { provider: "aws", identityOwner: "workload", roleArn: ROLE } },
    },
    "spec.podIdentity",
  ],
  // RDS (single-resource rules)
  [
    "db-identifier",
    "aws:rds/instance:Instance",
    {
      identifier: "planted--db",
      instanceClass: "db.t4g.medium",
      engine: "postgres",
      allocatedStorage: 20,
      username: "u",
      manageMasterUserPassword: true,
    },
    "identifier",
  ],
  [
    "db-final-snapshot",
    "aws:rds/instance:Instance",
    {
      instanceClass: "db.t4g.medium",
      engine: "postgres",
      allocatedStorage: 20,
      username: "u",
      manageMasterUserPassword: true,
      finalSnapshotIdentifier: "1-final",
    },
    "finalSnapshotIdentifier",
  ],
  [
    "db-storage-key",
    "aws:rds/instance:Instance",
    {
      instanceClass: "db.t4g.medium",
      engine: "postgres",
      allocatedStorage: 20,
      username: "u",
      manageMasterUserPassword: true,
      kmsKeyId: OTHER_KEY,
    },
    "kmsKeyId",
  ],
  [
    "db-pi-key",
    "aws:rds/instance:Instance",
    {
      instanceClass: "db.t4g.medium",
      engine: "postgres",
      allocatedStorage: 20,
      username: "u",
      manageMasterUserPassword: true,
      performanceInsightsKmsKeyId: OTHER_KEY,
    },
    "performanceInsightsKmsKeyId",
  ],
  [
    "db-secret-key",
    "aws:rds/instance:Instance",
    {
      instanceClass: "db.t4g.medium",
      engine: "postgres",
      allocatedStorage: 20,
      username: "u",
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: OTHER_KEY,
    },
    "masterUserSecretKmsKeyId",
  ],
  [
    "db-subnet-group-replica",
    "aws:rds/instance:Instance",
    { instanceClass: "db.t4g.medium", replicateSourceDb: "planted-source", dbSubnetGroupName: "g" },
    "dbSubnetGroupName",
  ],
  [
    "db-replica-username",
    "aws:rds/instance:Instance",
    { instanceClass: "db.t4g.medium", replicateSourceDb: "planted-source", username: "u" },
    "username",
  ],
  [
    "db-replica-engine",
    "aws:rds/instance:Instance",
    { instanceClass: "db.t4g.medium", replicateSourceDb: "planted-source", engine: "postgres" },
    "engine",
  ],
  [
    "db-replica-version",
    "aws:rds/instance:Instance",
    { instanceClass: "db.t4g.medium", replicateSourceDb: "planted-source", engineVersion: "16" },
    "engineVersion",
  ],
  [
    "db-replica-dbname",
    "aws:rds/instance:Instance",
    { instanceClass: "db.t4g.medium", replicateSourceDb: "planted-source", dbName: "app" },
    "dbName",
  ],
  [
    "db-replica-password",
    "aws:rds/instance:Instance",
    { instanceClass: "db.t4g.medium", replicateSourceDb: "planted-source", password: "planted-password" },
    "password",
  ],
  [
    "db-replica-managed",
    "aws:rds/instance:Instance",
    { instanceClass: "db.t4g.medium", replicateSourceDb: "planted-source", manageMasterUserPassword: true },
    "manageMasterUserPassword",
  ],
  ["db-primary-missing", "aws:rds/instance:Instance", { instanceClass: "db.t4g.medium", allocatedStorage: 20 }, "engine"],
  [
    "db-monitoring",
    "aws:rds/instance:Instance",
    {
      instanceClass: "db.t4g.medium",
      engine: "postgres",
      allocatedStorage: 20,
      username: "u",
      manageMasterUserPassword: true,
      monitoringInterval: 30,
    },
    "monitoringInterval",
  ],
  [
    "db-insights",
    "aws:rds/instance:Instance",
    {
      instanceClass: "db.t4g.medium",
      engine: "postgres",
      allocatedStorage: 20,
      username: "u",
      manageMasterUserPassword: true,
      performanceInsightsRetentionPeriod: 10,
    },
    "performanceInsightsRetentionPeriod",
  ],
  [
    "db-windows",
    "aws:rds/instance:Instance",
    {
      instanceClass: "db.t4g.medium",
      engine: "postgres",
      allocatedStorage: 20,
      username: "u",
      manageMasterUserPassword: true,
      backupWindow: "04:00-05:00",
      maintenanceWindow: "sun:04:30-sun:05:30",
    },
    "backupWindow",
  ],
  [
    "db-gp3",
    "aws:rds/instance:Instance",
    {
      instanceClass: "db.t4g.medium",
      engine: "postgres",
      allocatedStorage: 10,
      storageType: "gp3",
      username: "u",
      manageMasterUserPassword: true,
    },
    "allocatedStorage",
  ],
  ["db-subnet-group-name", "aws:rds/subnetGroup:SubnetGroup", { name: "default", subnetIds: ["a", "b"] }, "name"],
  ["db-params-name", "aws:rds/parameterGroup:ParameterGroup", { name: "Planted", family: "postgres16" }, "name"],
  ["db-params-family", "aws:rds/parameterGroup:ParameterGroup", { family: "postgres99" }, "family"],
  [
    "backup-replication-source",
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
    { sourceDbInstanceArn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:p` },
    "sourceDbInstanceArn",
  ],
  [
    "backup-replication-key",
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
    { sourceDbInstanceArn: `arn:aws:rds:us-west-2:${ACCOUNT}:db:p`, kmsKeyId: OTHER_KEY },
    "kmsKeyId",
  ],
  [
    "backup-replication-retention",
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
    { sourceDbInstanceArn: `arn:aws:rds:us-west-2:${ACCOUNT}:db:p`, retentionPeriod: 40 },
    "retentionPeriod",
  ],
  // ElastiCache
  [
    "cache-id",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { replicationGroupId: long(41), description: "d" },
    "replicationGroupId",
  ],
  ["cache-engine", "aws:elasticache/replicationGroup:ReplicationGroup", { description: "d", engine: "memcached" }, "engine"],
  [
    "cache-version",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", engine: "valkey", engineVersion: "9.0" },
    "engineVersion",
  ],
  [
    "cache-token",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", transitEncryptionEnabled: true, authToken: "short" },
    "authToken",
  ],
  [
    "cache-token-tls",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", authToken: "a-long-enough-token-value" },
    "authToken",
  ],
  [
    "cache-mode",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", engine: "redis", engineVersion: "6.2", transitEncryptionEnabled: true, transitEncryptionMode: "required" },
    "transitEncryptionMode",
  ],
  [
    "cache-multi-az",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", multiAzEnabled: true, numCacheClusters: 2 },
    "multiAzEnabled",
  ],
  ["cache-nodes", "aws:elasticache/replicationGroup:ReplicationGroup", { description: "d", numCacheClusters: 7 }, "numCacheClusters"],
  [
    "cache-azs",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", numCacheClusters: 2, preferredCacheClusterAzs: ["us-east-1a"] },
    "preferredCacheClusterAzs",
  ],
  [
    "cache-snapshots",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", snapshotRetentionLimit: 40 },
    "snapshotRetentionLimit",
  ],
  [
    "cache-key-at-rest",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", kmsKeyId: keyIn("us-east-1") },
    "kmsKeyId",
  ],
  [
    "cache-key-region",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", atRestEncryptionEnabled: true, kmsKeyId: OTHER_KEY },
    "kmsKeyId",
  ],
  [
    "cache-final-snapshot",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    { description: "d", finalSnapshotIdentifier: "final--snapshot" },
    "finalSnapshotIdentifier",
  ],
  ["cache-subnets-name", "aws:elasticache/subnetGroup:SubnetGroup", { name: "has_underscore", subnetIds: ["a"] }, "name"],
  ["cache-params-name", "aws:elasticache/parameterGroup:ParameterGroup", { name: "1planted", family: "valkey8" }, "name"],
  ["cache-params-family", "aws:elasticache/parameterGroup:ParameterGroup", { family: "redis9" }, "family"],
  // SQS and Secrets Manager
  ["queue-fifo", "aws:sqs/queue:Queue", { name: "planted", fifoQueue: true }, "name"],
  ["queue-retention", "aws:sqs/queue:Queue", { messageRetentionSeconds: 30 }, "messageRetentionSeconds"],
  ["queue-visibility", "aws:sqs/queue:Queue", { visibilityTimeoutSeconds: 50000 }, "visibilityTimeoutSeconds"],
  ["queue-delay", "aws:sqs/queue:Queue", { delaySeconds: 1000 }, "delaySeconds"],
  ["queue-wait", "aws:sqs/queue:Queue", { receiveWaitTimeSeconds: 30 }, "receiveWaitTimeSeconds"],
  ["queue-sse", "aws:sqs/queue:Queue", { kmsMasterKeyId: keyIn("us-east-1"), sqsManagedSseEnabled: true }, "kmsMasterKeyId"],
  ["queue-key", "aws:sqs/queue:Queue", { kmsMasterKeyId: OTHER_KEY }, "kmsMasterKeyId"],
  [
    "queue-policy-url",
    "aws:sqs/queuePolicy:QueuePolicy",
    { queueUrl: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/q`, policy: "{}" },
    "queueUrl",
  ],
  ["secret-name", "aws:secretsmanager/secret:Secret", { name: "has space" }, "name"],
  ["secret-window", "aws:secretsmanager/secret:Secret", { recoveryWindowInDays: 3 }, "recoveryWindowInDays"],
  ["secret-key", "aws:secretsmanager/secret:Secret", { kmsKeyId: OTHER_KEY }, "kmsKeyId"],
  ["secret-value", "aws:secretsmanager/secretVersion:SecretVersion", { secretId: "s", secretString: long(70000) }, "secretString"],
  // Load balancing
  ["alb-name", "aws:lb/loadBalancer:LoadBalancer", { name: "internal-planted", subnets: ["a", "b"] }, "name"],
  ["alb-subnets", "aws:lb/loadBalancer:LoadBalancer", { subnets: ["a"] }, "subnets"],
  ["alb-idle", "aws:lb/loadBalancer:LoadBalancer", { subnets: ["a", "b"], idleTimeout: 0 }, "idleTimeout"],
  ["tg-name-auto-is-far-too-long", "aws:lb/targetGroup:TargetGroup", { port: 80, protocol: "HTTP" }, "name"],
  ["tg-port", "aws:lb/targetGroup:TargetGroup", { name: "tg", port: 0 }, "port"],
  [
    "tg-health",
    "aws:lb/targetGroup:TargetGroup",
    { name: "tg", port: 80, healthCheck: { path: "healthz", matcher: "200-600" } },
    "healthCheck",
  ],
  ["tg-deregistration", "aws:lb/targetGroup:TargetGroup", { name: "tg", port: 80, deregistrationDelay: 4000 }, "deregistrationDelay"],
  ["listener-port", "aws:lb/listener:Listener", { loadBalancerArn: "arn", port: 70000 }, "port"],
  ["listener-https", "aws:lb/listener:Listener", { loadBalancerArn: "arn", port: 443, protocol: "HTTPS" }, "certificateArn"],
  [
    "listener-rule-priority",
    "aws:lb/listenerRule:ListenerRule",
    { listenerArn: "arn", priority: 0, actions: [], conditions: [] },
    "priority",
  ],
  [
    "listener-rule-header",
    "aws:lb/listenerRule:ListenerRule",
    { listenerArn: "arn", priority: 1, actions: [], conditions: [{ httpHeader: { httpHeaderName: long(41), values: ["v"] } }] },
    "conditions",
  ],
  // ACM and Route 53
  ["cert-domain", "aws:acm/certificate:Certificate", { domainName: "bad domain.example.com", validationMethod: "DNS" }, "domainName"],
  ["cert-method", "aws:acm/certificate:Certificate", { domainName: "example.com", validationMethod: "PHONE" }, "validationMethod"],
  ["cert-validation", "aws:acm/certificateValidation:CertificateValidation", { certificateArn: "not-an-arn" }, "certificateArn"],
  [
    "record-alias",
    "aws:route53/record:Record",
    {
      zoneId: "Z1",
      name: "a.example.com",
      type: "A",
      ttl: 60,
      records: ["1.2.3.4"],
      aliases: [{ name: "b", zoneId: "Z2", evaluateTargetHealth: true }],
    },
    "aliases",
  ],
  [
    "record-name",
    "aws:route53/record:Record",
    { zoneId: "Z1", name: `${long(250)}.example.com`, type: "A", ttl: 60, records: ["1.2.3.4"] },
    "name",
  ],
  ["health-interval", "aws:route53/healthCheck:HealthCheck", { type: "HTTPS", requestInterval: 20 }, "requestInterval"],
  // S3
  ["bucket-name", "aws:s3/bucket:Bucket", { bucket: "Planted..Bucket" }, "bucket"],
  ["lifecycle-rules", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", { bucket: "b", rules: [] }, "rules"],
  [
    "ownership",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    { bucket: "b", rule: { objectOwnership: "Anyone" } },
    "rule.objectOwnership",
  ],
  ["bucket-policy-size", "aws:s3/bucketPolicy:BucketPolicy", { bucket: "b", policy: JSON.stringify({ s: long(21000) }) }, "policy"],
  // WAF
  ["waf-name", "aws:wafv2/webAcl:WebAcl", { name: "has space", scope: "REGIONAL", defaultAction: { allow: {} } }, "name"],
  ["waf-scope", "aws:wafv2/webAcl:WebAcl", { scope: "CLOUDFRONT", defaultAction: { allow: {} } }, "scope", "eu-west-1"],
  [
    "waf-rules",
    "aws:wafv2/webAcl:WebAcl",
    {
      scope: "REGIONAL",
      rules: [
        { name: "a", priority: 1, visibilityConfig: { metricName: "a" } },
        { name: "b", priority: 1, visibilityConfig: { metricName: "b" } },
      ],
    },
    "rules",
  ],
  // SNS, Backup, Budgets
  ["topic-fifo", "aws:sns/topic:Topic", { name: "planted.fifo" }, "name"],
  ["topic-key", "aws:sns/topic:Topic", { kmsMasterKeyId: OTHER_KEY }, "kmsMasterKeyId"],
  ["topic-policy", "aws:sns/topicPolicy:TopicPolicy", { arn: `arn:aws:sns:eu-west-1:${ACCOUNT}:t`, policy: "{}" }, "arn"],
  [
    "subscription-protocol",
    "aws:sns/topicSubscription:TopicSubscription",
    { topic: `arn:aws:sns:us-east-1:${ACCOUNT}:t`, protocol: "smtp", endpoint: "x" },
    "protocol",
  ],
  [
    "subscription-topic",
    "aws:sns/topicSubscription:TopicSubscription",
    { topic: `arn:aws:sns:eu-west-1:${ACCOUNT}:t`, protocol: "email", endpoint: "a@example.com" },
    "topic",
  ],
  ["vault-name", "aws:backup/vault:Vault", { name: "v" }, "name"],
  ["vault-key", "aws:backup/vault:Vault", { kmsKeyArn: OTHER_KEY }, "kmsKeyArn"],
  ["plan-name", "aws:backup/plan:Plan", { name: long(51), rules: [] }, "name"],
  [
    "plan-rules",
    "aws:backup/plan:Plan",
    { rules: [{ ruleName: "daily", targetVaultName: "v", schedule: "cron(0 3 * * ? *)", startWindow: 30 }] },
    "rules",
  ],
  ["selection-name", "aws:backup/selection:Selection", { name: "has space", planId: "p", iamRoleArn: ROLE }, "name"],
  ["selection-role", "aws:backup/selection:Selection", { planId: "p", iamRoleArn: "planted" }, "iamRoleArn"],
  ["budget-name", "aws:budgets/budget:Budget", { name: "a:b", budgetType: "COST", timeUnit: "MONTHLY" }, "name"],
  [
    "budget-notifications",
    "aws:budgets/budget:Budget",
    {
      budgetType: "COST",
      timeUnit: "MONTHLY",
      notifications: Array.from({ length: 6 }, () => ({ subscriberEmailAddresses: ["a@example.com"] })),
    },
    "notifications",
  ],
  ["budget-time-unit", "aws:budgets/budget:Budget", { budgetType: "COST", timeUnit: "WEEKLY" }, "timeUnit"],
  // Random
  ["random-id", "random:index/randomId:RandomId", { byteLength: 0 }, "byteLength"],
  ["random-password", "random:index/randomPassword:RandomPassword", { length: 8, minUpper: 4, minLower: 4, minNumeric: 4 }, "length"],
];

export const PLANTED_CASES: readonly PlantedCase[] = cases.map(([name, type, inputs, expect, region]) => ({
  name: `planted-${name}`,
  type,
  inputs,
  expect,
  region,
}));
