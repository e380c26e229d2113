/** S3: log buckets and their separate configuration resources. */
import { hex } from "../../engine/ids";
import { MockResourceContext } from "../../engine/mocks/types";
import { PRICING } from "../prices";
import { TAG_LIMITS, nameRule } from "../rules";
import { PULUMI_AWS_AUTONAMING, registry, tf, tfDocs } from "../sources";
import { InputRule, TypeEntry, none } from "../types";

export const BUCKET = "aws:s3/bucket:Bucket";
export const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const BUCKET_ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
export const BUCKET_LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
export const BUCKET_OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
export const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

const NAMING = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";
const NO_TRIGGERS = none("holds no data; its ForceNew properties (bucket) are not catalogued, so the diff shows its changes as updates");
const NO_DATA = none("configuration of its bucket: recreated from code");
const FREE = none(`no charge of its own (${PRICING.s3})`);

/** The given bucket name, else the provider's auto-name (lower-cased; Check refuses it beyond 63). */
function bucketName(ctx: MockResourceContext): string {
  const given = ctx.inputs.bucket;
  if (typeof given === "string" && given !== "") return given;
  return `${ctx.name.toLowerCase()}-${hex(ctx.urn, 7)}`;
}

const byBucket = (ctx: MockResourceContext) => ({ id: String(ctx.inputs.bucket) });

const BUCKET_NAME: InputRule = nameRule({
  property: "bucket",
  min: 3,
  max: 63,
  pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
  forbidden: [
    [/\.\./, "contains two adjacent periods"],
    [/^\d+\.\d+\.\d+\.\d+$/, "is formatted as an IP address"],
    [/^(xn--|sthree-|amzn-s3-demo-)/, "starts with a prefix S3 reserves (xn--, sthree-, amzn-s3-demo-)"],
    [/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/, "ends with a suffix S3 reserves (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)"],
  ],
  rule: "bucket names are 3-63 lowercase letters, digits, periods or hyphens, start and end with a letter or digit, and avoid S3's reserved forms",
  sources: [NAMING, tf("s3/bucket.go"), PULUMI_AWS_AUTONAMING],
});

const part = (type: string, doc: string, validation: readonly InputRule[]): TypeEntry => ({
  type,
  mock: byBucket,
  mockSources: [registry(type)],
  validation: validation.length > 0 ? validation : none("takes a bucket name and a fixed-form block the provider's schema already checks"),
  creation: { seconds: 3, source: tfDocs(doc) },
  price: FREE,
  replacement: NO_TRIGGERS,
  data: NO_DATA,
});

export const S3_ENTRIES: readonly TypeEntry[] = [
  {
    type: BUCKET,
    mock: (ctx) => {
      const name = bucketName(ctx);
      return {
        id: name,
        outputs: {
          bucket: name,
          arn: `arn:aws:s3:::${name}`,
          bucketDomainName: `${name}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${name}.s3.${ctx.region}.amazonaws.com`,
          region: ctx.region,
        },
      };
    },
    mockSources: [registry(BUCKET)],
    validation: [BUCKET_NAME, TAG_LIMITS],
    creation: { seconds: 5, source: tfDocs("s3_bucket") },
    price: none(`usage-priced only (storage, requests), not part of the fixed floor: ${PRICING.s3}`),
    replacement: {
      replaceOn: ["bucket", "bucketPrefix", "objectLockEnabled", "objectLockConfiguration.objectLockEnabled"],
      sources: [tf("s3/bucket.go"), registry(BUCKET)],
    },
    data: {
      kind: "storage",
      protectedInProd: false,
      why: "holds access logs kept by lifecycle rules; forceDestroy is refused by the pack instead, so S3 refuses to delete a bucket that holds objects",
      sources: ["policies/rules/resilience/deletion-protection.ts"],
    },
  },
  {
    type: BUCKET_V2,
    mock: none("not declared by the program: add a mock (and its validation) before declaring it"),
    mockSources: [registry(BUCKET_V2)],
    validation: none("not declared by the program: add a mock (and its validation) before declaring it"),
    creation: { seconds: 5, source: tfDocs("s3_bucket") },
    price: none(`not declared by the program (${PRICING.s3})`),
    replacement: { replaceOn: ["bucket", "bucketPrefix", "objectLockEnabled"], sources: [tf("s3/bucket.go"), registry(BUCKET_V2)] },
    data: {
      kind: "storage",
      protectedInProd: false,
      why: "objects; forceDestroy is refused by the pack instead",
      sources: ["policies/rules/resilience/deletion-protection.ts"],
    },
  },
  part(BUCKET_PUBLIC_ACCESS_BLOCK, "s3_bucket_public_access_block", []),
  part(BUCKET_ENCRYPTION, "s3_bucket_server_side_encryption_configuration", []),
  part(BUCKET_LIFECYCLE, "s3_bucket_lifecycle_configuration", [
    {
      property: "rules",
      rule: "1-1000 rules with unique ids of at most 255 characters; status Enabled or Disabled; expiration days at least 1",
      sources: [
        "https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html",
        "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html",
      ],
      check: (ctx) => {
        const rules: any[] = Array.isArray(ctx.inputs.rules) ? ctx.inputs.rules : [];
        const problems: string[] = [];
        if (rules.length < 1 || rules.length > 1000) problems.push(`${rules.length} rules`);
        const ids = rules.map((r) => r.id);
        if (new Set(ids).size !== ids.length) problems.push("duplicate rule ids");
        for (const r of rules) {
          if (typeof r.id === "string" && r.id.length > 255) problems.push(`rule id of ${r.id.length} characters`);
          if (!["Enabled", "Disabled"].includes(r.status)) problems.push(`status "${r.status}"`);
          const days = r.expiration?.days;
          if (typeof days === "number" && days < 1) problems.push(`expiration after ${days} days`);
        }
        return problems;
      },
    },
  ]),
  part(BUCKET_OWNERSHIP, "s3_bucket_ownership_controls", [
    {
      property: "rule.objectOwnership",
      rule: "BucketOwnerPreferred, ObjectWriter or BucketOwnerEnforced",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/API/API_OwnershipControlsRule.html"],
      check: (ctx) => {
        const value = ctx.inputs.rule?.objectOwnership;
        return value !== undefined && !["BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"].includes(value)
          ? `"${value}"`
          : undefined;
      },
    },
  ]),
  part(BUCKET_POLICY, "s3_bucket_policy", [
    {
      property: "policy",
      rule: "a bucket policy of at most 20 KB",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html"],
      check: (ctx) => {
        const text = typeof ctx.inputs.policy === "string" ? ctx.inputs.policy : JSON.stringify(ctx.inputs.policy ?? "");
        return Buffer.byteLength(text) > 20480 ? `${Buffer.byteLength(text)} bytes` : undefined;
      },
    },
  ]),
];
