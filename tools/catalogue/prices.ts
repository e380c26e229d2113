/**
 * The price books the catalogue's price rules read: small on-demand tables for the cost ESTIMATE
 * of the plan report. Not a quote: list prices (Linux, on-demand, USD), no free tier, no savings
 * plans or reserved capacity, no data transfer. Price rules ask for a region's book; until
 * per-region tables exist every region gets the us-east-1 book (most regions cost 5-25 % more), and
 * the book says which region its numbers were listed for.
 *
 * Table date: 2026-11-24. Transcribed from the public AWS pricing pages below; this repository is
 * worked on offline, so re-check the pages before relying on a number.
 *   EC2:         https://aws.amazon.com/ec2/pricing/on-demand/
 *   EKS:         https://aws.amazon.com/eks/pricing/                  (standard support, per cluster)
 *   VPC NAT:     https://aws.amazon.com/vpc/pricing/                  (per NAT gateway hour)
 *   ELB:         https://aws.amazon.com/elasticloadbalancing/pricing/ (ALB hour, 1 LCU assumed)
 *   RDS:         https://aws.amazon.com/rds/postgresql/pricing/       (Single-AZ; Multi-AZ = 2x)
 *   ElastiCache: https://aws.amazon.com/elasticache/pricing/          (Valkey is 20 % below Redis OSS)
 *   CloudWatch:  https://aws.amazon.com/cloudwatch/pricing/           (alarms per metric, dashboards)
 *   Backup:      https://aws.amazon.com/backup/pricing/               (RDS snapshot storage per GB-month)
 *   KMS:         https://aws.amazon.com/kms/pricing/
 *   Secrets:     https://aws.amazon.com/secrets-manager/pricing/
 */

import { PriceBook } from "./types";

export const PRICES_AS_OF = "2026-11-24";
/** The region the numbers below were transcribed for. */
export const LISTED_REGION = "us-east-1";

const US_EAST_1: Omit<PriceBook, "region"> = {
  listedFor: LISTED_REGION,
  asOf: PRICES_AS_OF,
  hoursPerMonth: 730,
  /** EC2 instance hours. */
  ec2Hourly: {
    "t4g.medium": 0.0336,
    "t4g.large": 0.0672,
    "t4g.xlarge": 0.1344,
    "m7g.large": 0.0816,
    "m7g.xlarge": 0.1632,
    "m7g.2xlarge": 0.3264,
    "m7i.large": 0.1008,
    "m7i.xlarge": 0.2016,
    "c7g.large": 0.0725,
    "c7g.xlarge": 0.145,
    "r7g.large": 0.1071,
    "r7g.xlarge": 0.2142,
  },
  /** RDS for PostgreSQL instance hours, Single-AZ (Multi-AZ = 2x). */
  rdsPostgresHourly: {
    "db.t4g.medium": 0.065,
    "db.t4g.large": 0.129,
    "db.r6g.large": 0.225,
    "db.r6g.xlarge": 0.449,
    "db.r6g.2xlarge": 0.899,
    "db.r6g.4xlarge": 1.798,
    "db.r7g.large": 0.239,
    "db.r7g.xlarge": 0.478,
    "db.m7g.large": 0.168,
    "db.m7g.xlarge": 0.337,
  },
  /** gp3 per GB-month, Single-AZ (Multi-AZ = 2x). */
  rdsStorageGbMonth: 0.115,
  /** ElastiCache node hours for Redis OSS; Valkey nodes cost `valkeyDiscount` less. */
  elasticacheRedisHourly: {
    "cache.t4g.micro": 0.016,
    "cache.t4g.small": 0.032,
    "cache.t4g.medium": 0.065,
    "cache.m7g.large": 0.158,
    "cache.r7g.large": 0.219,
    "cache.r7g.xlarge": 0.437,
  },
  valkeyDiscount: 0.2,
  eksControlPlaneHourly: 0.1,
  natGatewayHourly: 0.045,
  /** ALB hour plus one LCU-hour (0.0225 + 0.008): the floor of an idle load balancer. */
  albHourly: 0.0305,
  /** Per metric in a standard-resolution alarm, per composite alarm, per dashboard (month). */
  cloudwatchAlarmMetricMonth: 0.1,
  cloudwatchCompositeAlarmMonth: 0.5,
  cloudwatchDashboardMonth: 3,
  /** AWS Backup RDS snapshot storage per GB-month (warm), and cross-region copy transfer per GB. */
  backupRdsGbMonth: 0.095,
  backupCrossRegionGb: 0.02,
  kmsKeyMonth: 1,
  secretMonth: 0.4,
};

/** The price book of a region (today: the us-east-1 list prices, labelled as such). */
export function priceBook(region: string): PriceBook {
  return { ...US_EAST_1, region };
}

/** The pricing pages each rule cites. */
export const PRICING = {
  ec2: "https://aws.amazon.com/ec2/pricing/on-demand/",
  eks: "https://aws.amazon.com/eks/pricing/",
  vpc: "https://aws.amazon.com/vpc/pricing/",
  elb: "https://aws.amazon.com/elasticloadbalancing/pricing/",
  rds: "https://aws.amazon.com/rds/postgresql/pricing/",
  elasticache: "https://aws.amazon.com/elasticache/pricing/",
  cloudwatch: "https://aws.amazon.com/cloudwatch/pricing/",
  backup: "https://aws.amazon.com/backup/pricing/",
  kms: "https://aws.amazon.com/kms/pricing/",
  secrets: "https://aws.amazon.com/secrets-manager/pricing/",
  sqs: "https://aws.amazon.com/sqs/pricing/",
  s3: "https://aws.amazon.com/s3/pricing/",
  sns: "https://aws.amazon.com/sns/pricing/",
  route53: "https://aws.amazon.com/route53/pricing/",
  cloudfront: "https://aws.amazon.com/cloudfront/pricing/",
  waf: "https://aws.amazon.com/waf/pricing/",
  acm: "https://aws.amazon.com/certificate-manager/pricing/",
  iam: "https://aws.amazon.com/iam/faqs/",
  budgets: "https://aws.amazon.com/aws-cost-management/aws-budgets/pricing/",
  logs: "https://aws.amazon.com/cloudwatch/pricing/",
  eventbridge: "https://aws.amazon.com/eventbridge/pricing/",
} as const;
