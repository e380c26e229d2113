import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ELB_LOG_ACCOUNTS } from "./geo";

export interface LogBucketArgs {
  /** Who writes into the bucket: an ALB of `region`, or CloudFront standard logging. */
  readonly writer: "alb" | "cloudfront";
  /** Region of the bucket (the provider the component inherits must be this region's). */
  readonly region: string;
  /**
   * Account whose ALBs write (`writer: "alb"` only): log objects must land under AWSLogs/<account>/.
   * @default none; required when `writer` is "alb"
   */
  readonly accountId?: pulumi.Input<string>;
  /** Days logs are kept before S3 expires them. */
  readonly retentionDays: number;
  /**
   * Production logs: `pulumi destroy` refuses to delete the bucket while it holds logs (no
   * `forceDestroy`); unprotected buckets are emptied and deleted with the stack.
   */
  readonly protect: boolean;
}

/**
 * An access-log bucket: private, SSE-S3 encrypted (the only encryption ALB log delivery
 * supports), expiring logs after the retention period, and writable only by the log writer.
 */
export class LogBucket extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  /** `<bucket>.s3.amazonaws.com`, the form CloudFront logging takes. */
  public readonly bucketDomainName: pulumi.Output<string>;
  /** Resolves once the writer is allowed to write (the ALB checks this when logging is enabled). */
  public readonly ready: pulumi.Resource[];

  constructor(name: string, args: LogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:LogBucket", name, {}, opts);

    const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: !args.protect, tags: { Name: `${name}-bucket` } }, { parent: this });
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      { parent: this },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      { parent: this },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: "expire-logs",
            status: "Enabled",
            filter: {},
            expiration: { days: args.retentionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      { parent: this },
    );
    // CloudFront standard logging writes through an ACL grant to its log-delivery account, so its
    // bucket keeps ACLs enabled (owner preferred); ALB delivery uses the bucket policy only.
    const ownership = new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: args.writer === "cloudfront" ? "BucketOwnerPreferred" : "BucketOwnerEnforced" } },
      { parent: this },
    );
    const ready: pulumi.Resource[] = [publicAccess, ownership];
    if (args.writer === "alb") {
      if (args.accountId === undefined) throw new Error(`${name}: an ALB log bucket needs the account id`);
      const policy = new aws.s3.BucketPolicy(
        `${name}-policy`,
        {
          bucket: bucket.id,
          policy: pulumi.all([bucket.arn, args.accountId]).apply(([arn, account]) => albLogPolicy(arn, account, args.region)),
        },
        { parent: this, dependsOn: [publicAccess] },
      );
      ready.push(policy);
    } else {
      const policy = new aws.s3.BucketPolicy(
        `${name}-policy`,
        {
          bucket: bucket.id,
          policy: bucket.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [denyInsecureTransport(arn)] })),
        },
        { parent: this, dependsOn: [publicAccess] },
      );
      ready.push(policy);
    }

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.bucketDomainName = bucket.bucketDomainName;
    this.ready = ready;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}

function denyInsecureTransport(bucketArn: string): aws.iam.PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * ALB access-log delivery: the log-delivery service principal (every region), plus the region's
 * Elastic Load Balancing account in regions older than August 2022, writing under AWSLogs/<account>/ only.
 */
export function albLogPolicy(bucketArn: string, accountId: string, region: string): string {
  const resource = `${bucketArn}/alb/AWSLogs/${accountId}/*`;
  const statements: aws.iam.PolicyStatement[] = [
    {
      Sid: "AlbLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: resource,
    },
  ];
  const elbAccount = ELB_LOG_ACCOUNTS[region];
  if (elbAccount !== undefined) {
    statements.push({
      Sid: "AlbLogDeliveryLegacyAccount",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${elbAccount}:root` },
      Action: "s3:PutObject",
      Resource: resource,
    });
  }
  statements.push(denyInsecureTransport(bucketArn));
  return JSON.stringify({ Version: "2012-10-17", Statement: statements } satisfies aws.iam.PolicyDocument);
}
