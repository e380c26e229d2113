/**
 * Reading AWS Price List Bulk API offer files (one service, one region) into the numbers of a price
 * book. File layout (AWS Billing user guide, "Reading the price list files"):
 *   index.json                       offers.<code>.currentRegionIndexUrl
 *   <code>/current/region_index.json regions.<region>.currentVersionUrl
 *   <region offer file>              products.<sku>.{productFamily, attributes}
 *                                    terms.OnDemand.<sku>.<term>.priceDimensions.<dim>.pricePerUnit.USD
 * Each price the estimate needs is one matcher over a product's family and attributes; a region whose
 * file lacks a product is reported, never filled with another region's number.
 */
import type { PriceNumbers } from "./price-data-file";

export interface OfferFile {
  readonly products: Readonly<
    Record<string, { readonly sku: string; readonly productFamily?: string; readonly attributes: Record<string, string> }>
  >;
  readonly terms: {
    readonly OnDemand?: Readonly<
      Record<
        string,
        Readonly<
          Record<
            string,
            {
              readonly priceDimensions: Readonly<
                Record<string, { readonly unit: string; readonly pricePerUnit: { readonly USD?: string } }>
              >;
            }
          >
        >
      >
    >;
  };
}

/** The offer codes the estimate reads. */
export const OFFER_CODES = [
  "AmazonEC2",
  "AmazonRDS",
  "AmazonElastiCache",
  "AmazonEKS",
  "AWSELB",
  "AmazonCloudWatch",
  "AWSBackup",
  "awskms",
  "AWSSecretsManager",
] as const;
export type OfferCode = (typeof OFFER_CODES)[number];

type Attributes = Record<string, string>;
type Matcher = (family: string, a: Attributes) => boolean;

/** The on-demand USD price of the first product matching, or undefined. */
export function onDemandPrice(offer: OfferFile, match: Matcher): number | undefined {
  for (const product of Object.values(offer.products)) {
    if (!match(product.productFamily ?? "", product.attributes)) continue;
    for (const term of Object.values(offer.terms.OnDemand?.[product.sku] ?? {})) {
      for (const dimension of Object.values(term.priceDimensions)) {
        const usd = Number(dimension.pricePerUnit.USD);
        if (Number.isFinite(usd) && usd > 0) return usd;
      }
    }
  }
  return undefined;
}

const usage =
  (suffix: string): Matcher =>
  (_f, a) =>
    (a.usagetype ?? "").endsWith(suffix);

const ec2Instance =
  (type: string): Matcher =>
  (f, a) =>
    f === "Compute Instance" &&
    a.instanceType === type &&
    a.operatingSystem === "Linux" &&
    a.tenancy === "Shared" &&
    a.preInstalledSw === "NA" &&
    a.capacitystatus === "Used";

const rdsInstance =
  (type: string): Matcher =>
  (f, a) =>
    f === "Database Instance" && a.instanceType === type && a.databaseEngine === "PostgreSQL" && a.deploymentOption === "Single-AZ";

const cacheNode =
  (type: string, engine: string): Matcher =>
  (f, a) =>
    f === "Cache Instance" && a.instanceType === type && a.cacheEngine === engine;

/**
 * The numbers of one region from its offer files, shaped like `template` (the instance types it
 * lists are the ones priced). Returns the numbers and the prices its files lacked.
 */
export function readRegionPrices(
  offers: Readonly<Partial<Record<OfferCode, OfferFile>>>,
  template: PriceNumbers,
): { prices?: PriceNumbers; missing: string[] } {
  const missing: string[] = [];
  const get = (code: OfferCode, what: string, match: Matcher): number => {
    const offer = offers[code];
    const price = offer ? onDemandPrice(offer, match) : undefined;
    if (price === undefined) missing.push(`${code}: ${what}`);
    return price ?? Number.NaN;
  };
  const table = (keys: Readonly<Record<string, number>>, code: OfferCode, match: (type: string) => Matcher) =>
    Object.fromEntries(Object.keys(keys).map((type) => [type, get(code, type, match(type))]));

  const redis = table(template.elasticacheRedisHourly, "AmazonElastiCache", (t) => cacheNode(t, "Redis"));
  // Valkey's discount, from the first node type both engines list.
  const probe = Object.keys(template.elasticacheRedisHourly).find(
    (t) => offers.AmazonElastiCache && onDemandPrice(offers.AmazonElastiCache, cacheNode(t, "Valkey")),
  );
  const valkey = probe && offers.AmazonElastiCache ? onDemandPrice(offers.AmazonElastiCache, cacheNode(probe, "Valkey")) : undefined;
  if (valkey === undefined) missing.push("AmazonElastiCache: Valkey node price");
  const albHour = get(
    "AWSELB",
    "ALB hour",
    (f, a) => f === "Load Balancer-Application" && (a.usagetype ?? "").endsWith("LoadBalancerUsage"),
  );
  const lcuHour = get("AWSELB", "ALB LCU-hour", (f, a) => f === "Load Balancer-Application" && (a.usagetype ?? "").endsWith("LCUUsage"));
  const prices: PriceNumbers = {
    hoursPerMonth: template.hoursPerMonth,
    ec2Hourly: table(template.ec2Hourly, "AmazonEC2", ec2Instance),
    rdsPostgresHourly: table(template.rdsPostgresHourly, "AmazonRDS", rdsInstance),
    rdsStorageGbMonth: get(
      "AmazonRDS",
      "gp3 storage",
      (f, a) =>
        f === "Database Storage" &&
        a.volumeType === "General Purpose-GP3" &&
        a.deploymentOption === "Single-AZ" &&
        a.databaseEngine === "PostgreSQL",
    ),
    elasticacheRedisHourly: redis,
    valkeyDiscount: valkey !== undefined && probe ? Math.round((1 - valkey / redis[probe]) * 1000) / 1000 : Number.NaN,
    eksControlPlaneHourly: get("AmazonEKS", "cluster hour", usage("AmazonEKS-Hours:perCluster")),
    natGatewayHourly: get(
      "AmazonEC2",
      "NAT gateway hour",
      (f, a) => f === "NAT Gateway" && (a.usagetype ?? "").endsWith("NatGateway-Hours"),
    ),
    albHourly: albHour + lcuHour,
    cloudwatchAlarmMetricMonth: get("AmazonCloudWatch", "standard alarm metric", usage("CW:AlarmMonitorUsage")),
    cloudwatchCompositeAlarmMonth: get("AmazonCloudWatch", "composite alarm", usage("CW:CompositeAlarmMonitorUsage")),
    cloudwatchDashboardMonth: get("AmazonCloudWatch", "dashboard", usage("DashboardsUsageHour")),
    backupRdsGbMonth: get("AWSBackup", "RDS warm storage", usage("WarmStorage-ByteHrs-RDS")),
    backupCrossRegionGb: template.backupCrossRegionGb,
    kmsKeyMonth: get("awskms", "customer managed key", usage("KMS-Keys")),
    secretMonth: get("AWSSecretsManager", "secret", usage("AWSSecretsManager-Secrets")),
  };
  return missing.length > 0 ? { missing } : { prices, missing };
}
