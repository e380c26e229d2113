/**
 * The enforcement level and config schema of the policies whose limits the program's stack
 * config validation mirrors (so a prod stack file hears "database.multiAz must be true" at the
 * key it typed, instead of a violation on a resource after the plan). The rule files take their
 * level and schema from here, and the program reads them with `policies/config/<env>.json` on
 * top: the numbers live once, in the pack.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import type { PolicyConfigSchema } from "@pulumi/policy/policy";
import { DEFAULT_MAX_PUBLIC_SHARE_PERCENT } from "./cidr";

/** The policy parameter "open to the internet" is measured against (no-open-ingress, eks-endpoint-restricted). */
export const maxPublicSharePercentSchema = {
  type: "number",
  minimum: 0,
  maximum: 100,
  default: DEFAULT_MAX_PUBLIC_SHARE_PERCENT,
  description:
    "Largest share of the public IPv4 or IPv6 address space, in percent, that the CIDRs of one rule or endpoint may cover together before they count as open to the internet.",
} as const;

/** The platform's own tags: set on every provider, read by the residency and cost rules, never overridden. */
export const PLATFORM_TAG_KEYS = ["environment", "region", "residency-zone", "stack", "managed-by"] as const;

interface Mirrored {
  readonly enforcementLevel: EnforcementLevel;
  readonly configSchema?: PolicyConfigSchema;
}

export const MIRRORED_POLICIES = {
  "backup-retention": {
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        minimumDays: {
          type: "integer",
          minimum: 1,
          maximum: 35,
          default: 7,
          description: "Minimum RDS automated backup retention, in days.",
        },
        cacheMinimumDays: {
          type: "integer",
          minimum: 0,
          maximum: 35,
          default: 1,
          description: "Minimum ElastiCache snapshot retention, in days.",
        },
      },
    },
  },
  "multi-az": { enforcementLevel: "mandatory" },
  "deletion-protection": { enforcementLevel: "mandatory" },
  "autoscaling-bounds": {
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        requireHeadroom: { type: "boolean", default: true, description: "Require max > min (prod: room to grow)." },
        allowScaleToZero: { type: "boolean", default: false, description: "Allow a KEDA ScaledObject with minReplicaCount 0 (dev)." },
      },
    },
  },
  "eks-endpoint-restricted": {
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxPublicSharePercent: maxPublicSharePercentSchema } },
  },
  "dr-replica-per-zone": { enforcementLevel: "mandatory" },
  "required-tags": {
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        requiredTags: {
          type: "array",
          items: { type: "string", minLength: 1 },
          uniqueItems: true,
          description: "Tag keys every taggable resource must carry, with a non-empty value.",
          default: [...PLATFORM_TAG_KEYS, "team", "cost-center"],
        },
        trustedTags: {
          type: "array",
          items: { type: "string", minLength: 1 },
          uniqueItems: true,
          description: "Tag keys policies trust (the zone, the environment): a resource's own tags may not change the provider's value.",
          default: [...PLATFORM_TAG_KEYS],
        },
      },
    },
  },
  "cloudfront-https-only": {
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        minimumProtocolVersion: {
          type: "string",
          enum: [
            "SSLv3",
            "TLSv1",
            "TLSv1_2016",
            "TLSv1.1_2016",
            "TLSv1.2_2018",
            "TLSv1.2_2019",
            "TLSv1.2_2021",
            "TLSv1.2_2025",
            "TLSv1.3_2025",
          ],
          default: "TLSv1.2_2021",
          description: "Weakest viewer security policy allowed.",
        },
        requireHttpsToOrigin: {
          type: "boolean",
          default: true,
          description: "Custom origins must be reached with originProtocolPolicy https-only.",
        },
        allowDefaultCertificate: {
          type: "boolean",
          default: false,
          description: "Accept CloudFront's *.cloudfront.net certificate (TLSv1 floor) for stacks without a domain.",
        },
      },
    },
  },
} as const satisfies Record<string, Mirrored>;

export type MirroredPolicy = keyof typeof MIRRORED_POLICIES;

export interface EffectiveSettings {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * A policy's level and properties under a `--policy-pack-config` document, reconciled as the CLI
 * does: schema defaults and the policy's own level, then the file's `all` (a level), then the
 * file's entry for the policy (a level, or an object of level and properties).
 */
export function reconcile(file: unknown, name: string, policy: Mirrored): EffectiveSettings {
  const record = (value: unknown): Record<string, unknown> | undefined =>
    value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const document = record(file) ?? {};
  const levelOf = (value: unknown): EnforcementLevel | undefined =>
    typeof value === "string" ? (value as EnforcementLevel) : (record(value)?.enforcementLevel as EnforcementLevel | undefined);
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (typeof schema === "object" && schema.default !== undefined) defaults[key] = structuredClone(schema.default);
  }
  const own = Object.hasOwn(document, name) ? document[name] : undefined;
  const properties = { ...(record(own) ?? {}) };
  delete properties.enforcementLevel;
  const all = Object.hasOwn(document, "all") ? levelOf(document.all) : undefined;
  return {
    enforcementLevel: levelOf(own) ?? all ?? policy.enforcementLevel,
    properties: { ...defaults, ...properties },
  };
}
