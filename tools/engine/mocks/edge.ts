import { alnum, arn, hex } from "../ids";
import { physicalName } from "./naming";
import { MockResourceContext, MockSet } from "./types";

/** Canonical Route 53 zone ids of ALBs per region (AWS's published table); others: a stand-in. */
const ALB_ZONE_IDS: Readonly<Record<string, string>> = {
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-east-2": "Z3AADJGX6KTTL2",
  "us-west-1": "Z368ELLRRE2KJ0",
  "us-west-2": "Z1H1FL5HABSF5",
  "eu-west-1": "Z32O12XQLNTSW2",
  "eu-central-1": "Z215JYRZR1TBD5",
};
/** CloudFront's Route 53 zone id (the same for every distribution). */
const CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";
const PREFIX_LIST_NAME = "com.amazonaws.global.cloudfront.origin-facing";
/** The origin-facing list's id in us-east-1 (each region has its own id). */
const PREFIX_LIST_IDS: Readonly<Record<string, string>> = { "us-east-1": "pl-3b927c52" };
const READ_METHODS = ["GET", "HEAD", "OPTIONS"];

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Auto-names as the provider makes them (`<logical name>-<7 random chars>`) for ALB and target
 * group names of at most 32 characters; like the provider, fails when the result would be longer.
 */
function cappedName(ctx: MockResourceContext, max: number): string {
  const given = ctx.inputs.name;
  if (typeof given === "string" && given !== "") return given;
  if (ctx.name.length + 8 > max) {
    throw new Error(`${ctx.type} ${ctx.name}: name '${ctx.name}-' plus 7 random chars is longer than maximum length ${max}`);
  }
  return `${ctx.name.slice(0, max - 8).replace(/-$/, "")}-${hex(ctx.urn, 7)}`;
}

function bucketName(ctx: MockResourceContext): string {
  const given = ctx.inputs.bucket;
  if (typeof given === "string" && given !== "") return given;
  return `${ctx.name.slice(0, 55).toLowerCase()}-${hex(ctx.urn, 7)}`;
}

const byBucket = (ctx: MockResourceContext) => ({ id: String(ctx.inputs.bucket) });

/** Load balancing, ACM, Route 53, S3 log buckets, WAF and CloudFront: the edge tier. */
export const edgeMocks: MockSet = {
  resources: {
    "aws:lb/loadBalancer:LoadBalancer": (ctx) => {
      const name = cappedName(ctx, 32);
      const suffix = `app/${name}/${hex(ctx.urn, 16)}`;
      const lbArn = arn("elasticloadbalancing", ctx.region, `loadbalancer/${suffix}`, ctx.account);
      const digits = String(parseInt(hex(ctx.urn + "/dns", 8), 16))
        .padStart(10, "1")
        .slice(0, 10);
      return {
        id: lbArn,
        outputs: {
          name,
          arn: lbArn,
          arnSuffix: suffix,
          dnsName: `${name}-${digits}.${ctx.region}.elb.amazonaws.com`,
          zoneId: ALB_ZONE_IDS[ctx.region] ?? `Z${alnum(ctx.region, 13)}`,
          vpcId: `vpc-${hex(ctx.urn + "/vpc", 17)}`,
        },
      };
    },
    "aws:lb/targetGroup:TargetGroup": (ctx) => {
      const name = cappedName(ctx, 32);
      const suffix = `targetgroup/${name}/${hex(ctx.urn, 16)}`;
      const tgArn = arn("elasticloadbalancing", ctx.region, suffix, ctx.account);
      return { id: tgArn, outputs: { name, arn: tgArn, arnSuffix: suffix } };
    },
    "aws:lb/listener:Listener": (ctx) => {
      const lb = String(ctx.inputs.loadBalancerArn ?? "");
      const lbPath = lb.split(":loadbalancer/")[1] ?? `app/unknown/${hex(lb, 16)}`;
      const listenerArn = arn("elasticloadbalancing", ctx.region, `listener/${lbPath}/${hex(ctx.urn, 16)}`, ctx.account);
      return { id: listenerArn, outputs: { arn: listenerArn } };
    },
    "aws:lb/listenerRule:ListenerRule": (ctx) => {
      const listener = String(ctx.inputs.listenerArn ?? "");
      const path = listener.split(":listener/")[1] ?? `app/unknown/${hex(listener, 16)}/${hex(listener + "/l", 16)}`;
      const ruleArn = arn("elasticloadbalancing", ctx.region, `listener-rule/${path}/${hex(ctx.urn, 16)}`, ctx.account);
      return { id: ruleArn, outputs: { arn: ruleArn } };
    },
    "aws:acm/certificate:Certificate": (ctx) => {
      const id = uuid(ctx.urn);
      const certArn = arn("acm", ctx.region, `certificate/${id}`, ctx.account);
      const names: string[] = [ctx.inputs.domainName, ...(ctx.inputs.subjectAlternativeNames ?? [])];
      // ACM's validation record depends on the name and the account, not on the certificate.
      const domainValidationOptions = names.map((domainName) => ({
        domainName,
        resourceRecordName: `_${hex(`${ctx.account}/${domainName}`, 32)}.${domainName}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: `_${hex(`${ctx.account}/${domainName}/value`, 32)}.${alnum(domainName, 10, false)}.acm-validations.aws.`,
      }));
      return {
        id: certArn,
        outputs: {
          arn: certArn,
          domainName: ctx.inputs.domainName,
          domainValidationOptions,
          status: "PENDING_VALIDATION",
          type: "AMAZON_ISSUED",
        },
      };
    },
    "aws:acm/certificateValidation:CertificateValidation": (ctx) => ({
      id: "2026-11-24 00:00:00 +0000 UTC",
      outputs: { certificateArn: ctx.inputs.certificateArn },
    }),
    "aws:route53/record:Record": (ctx) => {
      const name = String(ctx.inputs.name).replace(/\.$/, "");
      const set = ctx.inputs.setIdentifier ? `_${ctx.inputs.setIdentifier}` : "";
      return { id: `${ctx.inputs.zoneId}_${name}_${ctx.inputs.type}${set}`, outputs: { name, fqdn: name } };
    },
    "aws:route53/healthCheck:HealthCheck": (ctx) => {
      const id = uuid(ctx.urn);
      return { id, outputs: { arn: `arn:aws:route53:::healthcheck/${id}` } };
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": (ctx) => {
      const name = physicalName(ctx);
      return { id: name, outputs: { name, arn: arn("cloudwatch", ctx.region, `alarm:${name}`, ctx.account) } };
    },
    "aws:s3/bucket:Bucket": (ctx) => {
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
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": byBucket,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": byBucket,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": byBucket,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": byBucket,
    "aws:s3/bucketPolicy:BucketPolicy": byBucket,
    "aws:wafv2/webAcl:WebAcl": (ctx) => {
      const cloudfront = ctx.inputs.scope === "CLOUDFRONT";
      // AWS accepts CLOUDFRONT-scoped web ACLs only through us-east-1.
      if (cloudfront && ctx.region !== "us-east-1") {
        throw new Error(`WAFv2 web ACL ${ctx.name}: scope CLOUDFRONT must be created in us-east-1, not ${ctx.region}`);
      }
      const name = physicalName(ctx);
      const id = uuid(ctx.urn);
      return {
        id,
        outputs: {
          name,
          arn: arn("wafv2", ctx.region, `${cloudfront ? "global" : "regional"}/webacl/${name}/${id}`, ctx.account),
          capacity: 1000,
          lockToken: uuid(ctx.urn + "/lock"),
        },
      };
    },
    "aws:cloudfront/distribution:Distribution": (ctx) => {
      checkDistribution(ctx);
      const id = `E${alnum(ctx.urn, 13)}`;
      return {
        id,
        outputs: {
          arn: `arn:aws:cloudfront::${ctx.account}:distribution/${id}`,
          domainName: `d${alnum(ctx.urn + "/domain", 13, false)}.cloudfront.net`,
          hostedZoneId: CLOUDFRONT_ZONE_ID,
          status: "Deployed",
          etag: alnum(ctx.urn + "/etag", 14),
          callerReference: `terraform-${hex(ctx.urn, 20)}`,
          inProgressValidationBatches: 0,
          lastModifiedTime: "2026-11-24T00:00:00Z",
        },
      };
    },
    "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding": (ctx) => {
      const metadata = ctx.inputs.metadata ?? {};
      return {
        id: `${metadata.namespace ?? "default"}/${metadata.name}`,
        outputs: { metadata: { ...metadata, uid: uuid(ctx.urn), generation: 1 }, status: { observedGeneration: 1 } },
      };
    },
  },
  invokes: {
    "aws:ec2/getManagedPrefixList:getManagedPrefixList": (ctx) => {
      if (ctx.inputs.name !== PREFIX_LIST_NAME) throw new Error(`no managed prefix list named ${ctx.inputs.name} in ${ctx.region}`);
      const id = PREFIX_LIST_IDS[ctx.region] ?? `pl-${hex(ctx.region, 8)}`;
      return {
        id,
        name: PREFIX_LIST_NAME,
        arn: arn("ec2", ctx.region, `prefix-list/${id}`, "aws"),
        addressFamily: "IPv4",
        maxEntries: 55,
        ownerId: "AWS",
        version: 1,
        entries: [{ cidr: "120.52.22.96/27", description: "" }],
        tags: {},
      };
    },
  },
};

/** What CloudFront's API rejects and the mocks would otherwise accept. */
function checkDistribution(ctx: MockResourceContext): void {
  const groups = new Set<string>((ctx.inputs.originGroups ?? []).map((g: { originId: string }) => g.originId));
  const origins = new Set<string>((ctx.inputs.origins ?? []).map((o: { originId: string }) => o.originId));
  const behaviours = [ctx.inputs.defaultCacheBehavior, ...(ctx.inputs.orderedCacheBehaviors ?? [])];
  for (const b of behaviours) {
    if (!groups.has(b.targetOriginId) && !origins.has(b.targetOriginId)) {
      throw new Error(`CloudFront: behaviour ${b.pathPattern ?? "default"} targets unknown origin ${b.targetOriginId}`);
    }
    if (groups.has(b.targetOriginId) && b.allowedMethods.some((m: string) => !READ_METHODS.includes(m))) {
      throw new Error(
        `CloudFront: behaviour ${b.pathPattern ?? "default"} targets origin group ${b.targetOriginId} with methods beyond GET, HEAD, OPTIONS`,
      );
    }
  }
  const certificate = ctx.inputs.viewerCertificate?.acmCertificateArn;
  if (typeof certificate === "string" && certificate.split(":")[3] !== "us-east-1") {
    throw new Error(`CloudFront: viewer certificate ${certificate} is not in us-east-1`);
  }
  const acl = ctx.inputs.webAclId;
  if (typeof acl === "string" && !acl.startsWith("arn:aws:wafv2:us-east-1:")) {
    throw new Error(`CloudFront: web ACL ${acl} is not a global (CLOUDFRONT-scoped) WAFv2 ACL`);
  }
}
