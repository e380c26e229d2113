/**
 * Typical creation times per resource type: the weights of the deploy-time estimate. They are
 * typical, not worst-case, values; each row names where the number comes from. Where AWS only says
 * "several minutes", the row says so and the Terraform AWS provider's create timeout (the bound the
 * Pulumi AWS provider inherits from it) is given as the upper limit.
 */

export interface CreationTime {
  /** Typical seconds from the create call until the engine sees the resource ready. */
  readonly seconds: number;
  /** Where the number comes from. */
  readonly source: string;
}

const TF = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources";

export const CREATION_TIMES: Readonly<Record<string, CreationTime>> = {
  // AWS: "Cluster creation typically takes between 10 and 15 minutes" (earlier CreateCluster API
  // page; today's says "several minutes"); a 21-region measurement found 13-16 minutes everywhere.
  // Provider create timeout 30m.
  "aws:eks/cluster:Cluster": {
    seconds: 840,
    source:
      "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html; https://easontechtalk.com/unofficial-eks-cluster-creation-performance-across-aws-regions",
  },
  // Managed node groups: EC2 launch + kubelet join; provider create timeout 60m.
  "aws:eks/nodeGroup:NodeGroup": { seconds: 240, source: `${TF}/eks_node_group#timeouts` },
  "aws:eks/addon:Addon": { seconds: 60, source: `${TF}/eks_addon#timeouts` },
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": { seconds: 5, source: `${TF}/eks_pod_identity_association` },
  "aws:eks/accessEntry:AccessEntry": { seconds: 5, source: `${TF}/eks_access_entry` },
  // RDS: the instance is "creating" until "available"; a Multi-AZ instance with backups on takes
  // 10-20 minutes; provider create timeout 40m.
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html
  "aws:rds/instance:Instance": {
    seconds: 900,
    source: `https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html; ${TF}/db_instance#timeouts`,
  },
  "aws:rds/cluster:Cluster": { seconds: 600, source: `${TF}/rds_cluster#timeouts` },
  "aws:rds/clusterInstance:ClusterInstance": { seconds: 600, source: `${TF}/rds_cluster_instance#timeouts` },
  "aws:rds/subnetGroup:SubnetGroup": { seconds: 5, source: `${TF}/db_subnet_group` },
  "aws:rds/parameterGroup:ParameterGroup": { seconds: 5, source: `${TF}/db_parameter_group` },
  // ElastiCache replication groups: "creating" for roughly 10-15 minutes; provider create timeout 60m.
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    seconds: 720,
    source: `https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.Create.html; ${TF}/elasticache_replication_group#timeouts`,
  },
  "aws:elasticache/serverlessCache:ServerlessCache": { seconds: 300, source: `${TF}/elasticache_serverless_cache#timeouts` },
  "aws:elasticache/subnetGroup:SubnetGroup": { seconds: 5, source: `${TF}/elasticache_subnet_group` },
  // SQS: "After you create a queue, you must wait at least one second after the queue is created
  // to be able to use the queue"; the provider then waits for attributes to propagate.
  "aws:sqs/queue:Queue": {
    seconds: 30,
    source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html",
  },
  "aws:sqs/queuePolicy:QueuePolicy": { seconds: 30, source: `${TF}/sqs_queue_policy` },
  "aws:sqs/redrivePolicy:RedrivePolicy": { seconds: 30, source: `${TF}/sqs_queue_redrive_policy` },
  "aws:kms/key:Key": { seconds: 10, source: `${TF}/kms_key#timeouts` },
  "aws:kms/alias:Alias": { seconds: 2, source: `${TF}/kms_alias` },
  // awsx.ec2.Vpc: VPC, subnets, route tables and NAT gateways; the NAT gateways dominate
  // ("pending" to "available" takes a few minutes; provider create timeout 10m).
  "awsx:ec2:Vpc": {
    seconds: 180,
    source: `https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html; ${TF}/nat_gateway#timeouts`,
  },
  "aws:ec2/vpc:Vpc": { seconds: 15, source: `${TF}/vpc` },
  "aws:ec2/subnet:Subnet": { seconds: 10, source: `${TF}/subnet#timeouts` },
  "aws:ec2/natGateway:NatGateway": { seconds: 150, source: `${TF}/nat_gateway#timeouts` },
  "aws:ec2/securityGroup:SecurityGroup": { seconds: 5, source: `${TF}/security_group#timeouts` },
  "aws:ec2/flowLog:FlowLog": { seconds: 5, source: `${TF}/flow_log` },
  // IAM is eventually consistent; the provider retries on propagation for a few seconds.
  "aws:iam/role:Role": {
    seconds: 10,
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency",
  },
  "aws:iam/rolePolicy:RolePolicy": { seconds: 5, source: `${TF}/iam_role_policy` },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { seconds: 5, source: `${TF}/iam_role_policy_attachment` },
  "aws:cloudwatch/logGroup:LogGroup": { seconds: 3, source: `${TF}/cloudwatch_log_group` },
  "aws:secretsmanager/secret:Secret": { seconds: 3, source: `${TF}/secretsmanager_secret` },
  // ALB: "provisioning" to "active" typically takes a few minutes; provider create timeout 10m.
  "aws:lb/loadBalancer:LoadBalancer": {
    seconds: 180,
    source: `https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-application-load-balancer.html; ${TF}/lb#timeouts`,
  },
  "aws:lb/targetGroup:TargetGroup": { seconds: 5, source: `${TF}/lb_target_group` },
  "aws:lb/listener:Listener": { seconds: 5, source: `${TF}/lb_listener#timeouts` },
  // The provider waits for "Deployed". The registry's "about 15 minutes" predates 2020: AWS then
  // cut propagation from 17-35 minutes to "reliably ... within 5 minutes".
  "aws:cloudfront/distribution:Distribution": {
    seconds: 300,
    source:
      "https://aws.amazon.com/blogs/networking-and-content-delivery/slashing-cloudfront-change-propagation-times-in-2020-recent-changes-and-looking-forward/",
  },
  // DNS validation: issuance usually within minutes of the CNAME resolving.
  "aws:acm/certificate:Certificate": { seconds: 10, source: `${TF}/acm_certificate` },
  "aws:acm/certificateValidation:CertificateValidation": {
    seconds: 300,
    source: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
  },
  "aws:wafv2/webAcl:WebAcl": { seconds: 30, source: `${TF}/wafv2_web_acl` },
  // "Changes generally propagate to all Route 53 name servers within 60 seconds."
  "aws:route53/record:Record": {
    seconds: 60,
    source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-editing.html",
  },
  "aws:route53/zone:Zone": {
    seconds: 60,
    source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-editing.html",
  },
  "aws:route53/healthCheck:HealthCheck": { seconds: 10, source: `${TF}/route53_health_check` },
};

/** Any other AWS resource: a few API calls. Random values and TLS keys are local: no time. */
export const DEFAULT_CREATION: CreationTime = { seconds: 5, source: "assumed: one create call plus a describe" };
const LOCAL: CreationTime = { seconds: 0, source: "computed by the provider plugin locally" };

export function creationTime(type: string): CreationTime {
  if (type.startsWith("random:") || type.startsWith("tls:")) return LOCAL;
  return CREATION_TIMES[type] ?? DEFAULT_CREATION;
}
