import type { ResourceValidationPolicy } from "@pulumi/policy";
import { GlobalTypesConfig, globalTypesSchema, isExemptGlobal } from "../../lib/config";
import { isAwsResource, regionOf, regionalArns } from "../../lib/resources";

/**
 * Paths whose key belongs to another resource's region by design: S3 replication encrypts
 * replicas with a key of the destination bucket's region.
 */
const OTHER_REGION_KEY_PATHS: Readonly<Record<string, RegExp>> = {
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": /^rules\[\d+\]\.destination\.encryptionConfiguration\.replicaKmsKeyId$/,
};

/**
 * KMS keys live in the region of what they encrypt: a key ARN in a resource's inputs names the
 * resource's own region (a cross-region RDS replica takes a key of the replica's region, never
 * the source's). Key ids without an ARN are resolved in the resource's region by AWS itself.
 */
export const kmsKeyInResourceRegion: ResourceValidationPolicy = {
  name: "kms-key-in-resource-region",
  description: "KMS keys are in the region of the resource they encrypt.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { globalTypes: globalTypesSchema } },
  validateResource: (args, reportViolation) => {
    const { globalTypes } = args.getConfig<GlobalTypesConfig>();
    if (!isAwsResource(args.type) || isExemptGlobal(args.type, args.props, globalTypes)) return;
    const region = regionOf(args);
    if (region === undefined) return;
    const exempt = OTHER_REGION_KEY_PATHS[args.type];
    for (const ref of regionalArns(args.props)) {
      if (ref.service !== "kms" || ref.region === region || exempt?.test(ref.path)) continue;
      reportViolation(
        `${ref.path} uses KMS key ${ref.arn} from ${ref.region}, but ${args.name} is in ${region}; use a key created in ${region}.`,
      );
    }
  },
};
