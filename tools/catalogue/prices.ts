/**
 * The price books the catalogue's price rules read, per region, from the committed price data
 * (tools/catalogue/price-data.ts, rewritten by `npm run prices:refresh` from AWS's public Price List
 * Bulk API). Not a quote: list prices (Linux, on-demand, USD), no free tier, no savings plans or
 * reserved capacity, no data transfer. A region whose own prices were not retrieved is priced at
 * another region's (`listedFor`), and every report says which regions those are.
 */
import { PRICE_DATA } from "./price-data";
import { PriceBook } from "./types";

/** The region whose numbers price a region without its own (and any region the data lacks). */
export const FALLBACK_REGION = "us-east-1";

/** The price book of a region: its own list prices when retrieved, else `listedFor` says whose. */
export function priceBook(region: string): PriceBook {
  const entry = PRICE_DATA.regions[region] ?? PRICE_DATA.regions[FALLBACK_REGION];
  const listed = PRICE_DATA.regions[entry.pricedAs] ?? PRICE_DATA.regions[FALLBACK_REGION];
  if (!listed.prices) throw new Error(`price data: ${entry.pricedAs} has no prices of its own (tools/catalogue/price-data.ts)`);
  return { ...listed.prices, region, listedFor: entry.pricedAs, asOf: listed.retrieved ?? "unknown" };
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
