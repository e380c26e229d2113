/**
 * The countries (ISO 3166-1 alpha-2) whose users a residency zone serves. A CDN geo restriction
 * that blocks one of them, or an allow list that leaves a served zone without any of them, would
 * lock a zone's own users out of the data that is kept for them: config validation rejects both.
 */
export const ZONE_COUNTRIES: Readonly<Record<string, readonly string[]>> = {
  us: ["US"],
  // The EU member states.
  eu: [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
  ],
  uk: ["GB"],
  ch: ["CH"],
  ca: ["CA"],
  apac: ["SG", "AU", "JP", "KR", "IN"],
  sa: ["BR"],
};

/**
 * Regions whose S3 buckets CloudFront standard (legacy) logging cannot deliver to, per the
 * CloudFront developer guide ("Standard logging (legacy)": choosing an S3 bucket).
 */
export const NO_CLOUDFRONT_LOG_DELIVERY: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
];

/**
 * The Elastic Load Balancing account of each region that existed before August 2022; ALB access
 * logs in those regions are written by that account. Newer regions use the
 * `logdelivery.elasticloadbalancing.amazonaws.com` service principal (granted everywhere).
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "ca-central-1": "985666609251",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-west-3": "009996457667",
  "eu-central-1": "054676820928",
  "eu-north-1": "897822967062",
  "eu-south-1": "635631232127",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "ap-south-1": "718504428378",
  "sa-east-1": "507241528517",
};
