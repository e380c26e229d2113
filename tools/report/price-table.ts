/**
 * A small on-demand price table for the cost ESTIMATE of the plan report. Not a quote: list
 * prices of us-east-1 (Linux, on-demand, USD), applied to every region (most regions cost 5-25 %
 * more), no free tier, no savings plans or reserved capacity, no data transfer.
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

export const PRICES_AS_OF = "2026-11-24";
export const PRICE_REGION = "us-east-1";
export const HOURS_PER_MONTH = 730;

/** EC2 instance hours (USD). */
export const EC2_HOURLY: Readonly<Record<string, number>> = {
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
};

/** RDS for PostgreSQL instance hours, Single-AZ (USD). */
export const RDS_POSTGRES_HOURLY: Readonly<Record<string, number>> = {
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
};

/** RDS gp3 storage per GB-month, Single-AZ (Multi-AZ = 2x). */
export const RDS_STORAGE_GB_MONTH = 0.115;

/** ElastiCache node hours for Redis OSS (USD); Valkey nodes cost VALKEY_DISCOUNT less. */
export const ELASTICACHE_REDIS_HOURLY: Readonly<Record<string, number>> = {
  "cache.t4g.micro": 0.016,
  "cache.t4g.small": 0.032,
  "cache.t4g.medium": 0.065,
  "cache.m7g.large": 0.158,
  "cache.r7g.large": 0.219,
  "cache.r7g.xlarge": 0.437,
};
export const VALKEY_DISCOUNT = 0.2;

export const EKS_CONTROL_PLANE_HOURLY = 0.1;
export const NAT_GATEWAY_HOURLY = 0.045;
/** ALB hour plus one LCU-hour (0.0225 + 0.008): the floor of an idle load balancer. */
export const ALB_HOURLY = 0.0305;

/** CloudWatch: per metric in a standard-resolution alarm, per composite alarm, per dashboard (month). */
export const CLOUDWATCH_ALARM_METRIC_MONTH = 0.1;
export const CLOUDWATCH_COMPOSITE_ALARM_MONTH = 0.5;
export const CLOUDWATCH_DASHBOARD_MONTH = 3;

/** AWS Backup RDS snapshot storage per GB-month (warm), and cross-region copy transfer per GB. */
export const BACKUP_RDS_GB_MONTH = 0.095;
export const BACKUP_CROSS_REGION_GB = 0.02;

export const KMS_KEY_MONTH = 1;
export const SECRET_MONTH = 0.4;
