import type { ResourceValidationPolicy } from "@pulumi/policy";
import { GlobalTypesConfig, globalTypesSchema, isExemptGlobal } from "../../lib/config";
import { channelPathPattern, residencyTypeOf } from "../../lib/residency-types";
import { isAwsResource, regionOf, regionalArns } from "../../lib/resources";

/**
 * Paths whose key belongs to another region by design, from the residency table: key channels it
 * leaves to references-in-residency-zone (S3 replication encrypts replicas with a key of the
 * destination's region; a replica secret, global-table replica or replica key uses its own region's).
 */
function otherRegionKeyPaths(type: string): RegExp[] {
  return (residencyTypeOf(type)?.channels ?? [])
    .filter((c) => c.kind === "arn" && c.carries === "keys" && c.rule !== "kms-key-in-resource-region")
    .map((c) => channelPathPattern(c.path));
}

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
    const exempt = otherRegionKeyPaths(args.type);
    for (const ref of regionalArns(args.props)) {
      if (ref.service !== "kms" || ref.region === region || exempt.some((p) => p.test(ref.path))) continue;
      reportViolation(
        `${ref.path} uses KMS key ${ref.arn} from ${ref.region}, but ${args.name} is in ${region}; use a key created in ${region}.`,
      );
    }
  },
};
