/**
 * Configuration pieces several policies share. The CLI hands each policy only its own config
 * (`all` carries nothing but an enforcement level), so shared settings such as the zone table are
 * repeated per policy and default to the single source of truth in residency-zones.ts.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { RESIDENCY_ZONES, ResidencyZoneTable } from "../residency-zones";

export const residencyZonesSchema: PolicyConfigJSONSchema = {
  type: "object",
  description: "Residency zones and the AWS regions each may hold data in (default: policies/residency-zones.ts).",
  additionalProperties: { type: "array", items: { type: "string", pattern: "^[a-z]{2}(-gov)?-[a-z]+-\\d$" }, minItems: 1 },
  minProperties: 1,
  default: structuredClone(RESIDENCY_ZONES) as unknown as Record<string, string[]>,
};

/**
 * Global services, exempt from residency by type name (a trailing `*` matches a module). They
 * have no region of their own; what they reference is checked by the CDN and log-bucket rules.
 */
export const GLOBAL_TYPES = [
  "aws:cloudfront/*",
  "aws:iam/*",
  "aws:route53/zone:Zone",
  "aws:route53/record:Record",
  "aws:route53/healthCheck:HealthCheck",
  "aws:route53/delegationSet:DelegationSet",
];

/** WAF types that are global only with `scope: CLOUDFRONT` (REGIONAL ones stay in their zone). */
export const CLOUDFRONT_SCOPED_TYPES = [
  "aws:wafv2/webAcl:WebAcl",
  "aws:wafv2/ipSet:IpSet",
  "aws:wafv2/ruleGroup:RuleGroup",
  "aws:wafv2/regexPatternSet:RegexPatternSet",
];

export const globalTypesSchema: PolicyConfigJSONSchema = {
  type: "array",
  description: "Resource types exempt from residency as global services (a trailing * matches a whole module).",
  items: { type: "string", pattern: "^[a-z0-9-]+:" },
  default: GLOBAL_TYPES,
};

/**
 * The `residency-zone` value of a provider that serves only global services (CloudFront's
 * us-east-1 provider): it holds no zone's data, and only global types may use it.
 */
export const globalZoneSchema: PolicyConfigJSONSchema = {
  type: "string",
  minLength: 1,
  description: "residency-zone tag value of a provider reserved for global services.",
  default: "global",
};

/** Regional types that exist only for a global service (CloudFront's certificate must be in us-east-1). */
export const globalProviderTypesSchema: PolicyConfigJSONSchema = {
  type: "array",
  items: { type: "string" },
  description: "Types besides globalTypes that may be created through the global-services provider.",
  default: ["aws:acm/certificate:Certificate", "aws:acm/certificateValidation:CertificateValidation"],
};

export interface ZonesConfig {
  readonly residencyZones: ResidencyZoneTable;
}

export interface GlobalTypesConfig {
  readonly globalTypes: readonly string[];
}

/** Whether a resource is a global service under `globalTypes` (plus WAF scoped to CloudFront). */
export function isExemptGlobal(type: string, props: Record<string, any>, globalTypes: readonly string[]): boolean {
  if (globalTypes.some((p) => (p.endsWith("*") ? type.startsWith(p.slice(0, -1)) : type === p))) return true;
  return CLOUDFRONT_SCOPED_TYPES.includes(type) && props.scope === "CLOUDFRONT";
}
