import devPolicyConfig from "../../policies/config/dev.json";
import prodPolicyConfig from "../../policies/config/prod.json";
import { MIRRORED_POLICIES, MirroredPolicy, reconcile } from "../../policies/lib/settings";
import { Environment } from "./tiers/common";

/**
 * What an environment's policy pack refuses, as limits the stack config validation applies at the
 * key the user typed. Read from the pack's own definitions (policies/lib/settings.ts: levels and
 * schema defaults) and its config file for the environment (policies/config/<env>.json, the file
 * `pulumi preview --policy-pack-config` gets), so no number is repeated here. A policy counts only
 * when it is mandatory there: advisory findings do not fail a plan, so they do not fail config.
 */
export interface PackLimits {
  /** The policy config file the limits come from, named in messages. */
  readonly file: string;
  /** multi-az: primaries and caches Multi-AZ. */
  readonly multiAz: boolean;
  /** backup-retention: minimum RDS backup and cache snapshot days. */
  readonly backup?: { readonly minimumDays: number; readonly cacheMinimumDays: number };
  /** deletion-protection: RDS deletion protection on. */
  readonly deletionProtection: boolean;
  /** autoscaling-bounds with requireHeadroom: node groups and scaled consumers can grow (max > min). */
  readonly nodeGroupHeadroom: boolean;
  /** autoscaling-bounds without allowScaleToZero: a KEDA-scaled consumer keeps at least one replica. */
  readonly scaledMinimumOne: boolean;
  /** eks-endpoint-restricted: the largest public share publicAccessCidrs may cover. */
  readonly publicAccessMaxSharePercent?: number;
  /** dr-replica-per-zone: each primary of a zone with two or more regions has a DR replica. */
  readonly drReplicaPerZone: boolean;
  /** required-tags: tag keys every resource carries. */
  readonly requiredTags: readonly string[];
  /** cloudfront-https-only without allowDefaultCertificate (or with requireHttpsToOrigin): the CDN needs a domain and certificates. */
  readonly cdnNeedsDomain: boolean;
}

const FILES: Record<Environment, { readonly path: string; readonly document: unknown }> = {
  dev: { path: "policies/config/dev.json", document: devPolicyConfig },
  prod: { path: "policies/config/prod.json", document: prodPolicyConfig },
};

export function packLimits(environment: Environment): PackLimits {
  const { path, document } = FILES[environment];
  const settings = (name: MirroredPolicy) => reconcile(document, name, MIRRORED_POLICIES[name]);
  const mandatory = (name: MirroredPolicy) => settings(name).enforcementLevel === "mandatory";
  const property = <T>(name: MirroredPolicy, key: string) => settings(name).properties[key] as T;
  return {
    file: path,
    multiAz: mandatory("multi-az"),
    backup: mandatory("backup-retention")
      ? {
          minimumDays: property<number>("backup-retention", "minimumDays"),
          cacheMinimumDays: property<number>("backup-retention", "cacheMinimumDays"),
        }
      : undefined,
    deletionProtection: mandatory("deletion-protection"),
    nodeGroupHeadroom: mandatory("autoscaling-bounds") && property<boolean>("autoscaling-bounds", "requireHeadroom"),
    scaledMinimumOne: mandatory("autoscaling-bounds") && !property<boolean>("autoscaling-bounds", "allowScaleToZero"),
    publicAccessMaxSharePercent: mandatory("eks-endpoint-restricted")
      ? property<number>("eks-endpoint-restricted", "maxPublicSharePercent")
      : undefined,
    drReplicaPerZone: mandatory("dr-replica-per-zone"),
    requiredTags: mandatory("required-tags") ? property<string[]>("required-tags", "requiredTags") : [],
    cdnNeedsDomain:
      mandatory("cloudfront-https-only") &&
      (!property<boolean>("cloudfront-https-only", "allowDefaultCertificate") ||
        property<boolean>("cloudfront-https-only", "requireHttpsToOrigin")),
  };
}

/** ` (policy <name> in <file>)`: where a mirrored limit comes from, for messages. */
export function fromPolicy(limits: PackLimits, policy: MirroredPolicy): string {
  return ` (policy ${policy}, ${limits.file})`;
}
