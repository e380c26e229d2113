import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ZonesConfig, residencyZonesSchema } from "../../lib/config";
import { channelValues, known, referenced } from "../../lib/channels";
import { Statement, actionCovered, requiredValues, statementsOf } from "../../lib/iam";
import { declaredZoneOf, findBucket, regionOf, zoneOf } from "../../lib/resources";
import { regionOfArn } from "../../residency-zones";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";

interface Config extends ZonesConfig {
  readonly actionsWithoutData: readonly string[];
}

/**
 * IAM is a global service, exempt from the region rules by name, but what its documents grant is
 * not: a role, policy or role policy of one zone grants only resources of that zone. A grant's
 * zone is the zone of the provider the IAM resource is declared through and, for a role policy or
 * attachment, of the role it attaches to. Regional ARNs are judged by their region, S3 ARNs by the
 * stack's bucket of that name; `*` (or a region wildcard) only for actions that read no data, or
 * under an `aws:RequestedRegion` condition that keeps the calls in the zone.
 */
export const iamGrantsInZone: StackValidationPolicy = {
  name: "iam-grants-in-zone",
  description: "IAM policies grant only resources in the residency zone of the principal they are declared for.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: {
    properties: {
      residencyZones: residencyZonesSchema,
      actionsWithoutData: {
        type: "array",
        items: { type: "string", minLength: 1 },
        description: 'Actions (patterns) that return no customer data, allowed on Resource "*" without a region condition.',
        default: [
          "ec2:Describe*",
          "elasticloadbalancing:Describe*",
          "autoscaling:Describe*",
          "eks:Describe*",
          // IAM metadata of the account (global, no region); Karpenter >= 1.7 needs it unscoped.
          "iam:ListInstanceProfiles",
          "logs:DescribeLogGroups",
          "pricing:GetProducts",
          "sts:GetCallerIdentity",
        ],
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { residencyZones, actionsWithoutData } = args.getConfig<Config>();
    const byArn = (types: readonly string[], arn: string) => (r: PolicyResource) =>
      types.includes(r.type) && known(() => r.props.arn) === arn;
    for (const holder of args.resources) {
      const grants = channelValues(holder, "iam-grants-in-zone");
      if (grants.length === 0) continue;
      // A role policy or attachment grants what the role may do: the role's zone counts too.
      const role =
        holder.type === ROLE
          ? holder
          : referenced(holder, "role", [ROLE], args.resources, (r) =>
              [known(() => r.props.name), known(() => r.props.arn)].includes(known(() => holder.props.role)),
            );
      const zones = [...new Set([declaredZoneOf(holder), role ? declaredZoneOf(role) : undefined])];
      for (const { at } of grants) {
        // An attachment grants the statements of the policy it attaches (AWS managed policies are not readable here).
        const document =
          holder.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
            ? known(() => referenced(holder, "policyArn", [POLICY], args.resources, byArn([POLICY], String(at.value)))?.props.policy)
            : at.value;
        for (const [index, statement] of (statementsOf(document) ?? []).entries()) {
          if (statement.effect !== "Allow") continue;
          for (const zone of zones) {
            const problem = checkStatement(statement, zone, residencyZones, actionsWithoutData, args.resources);
            if (problem === undefined) continue;
            reportViolation(
              `${holder.name} ${at.path} Statement[${index}] (${statement.actions.join(", ")}) ${problem}; ` +
                `grant only resources in ${zone !== undefined && residencyZones[zone] ? residencyZones[zone].join(", ") : "the principal's zone"}` +
                `${role && role !== holder ? ` (the zone of role ${role.name})` : ""}.`,
              holder.urn,
            );
          }
        }
      }
    }
  },
};

/** What is wrong with one Allow statement for a principal of `zone`, or undefined when it stays in the zone. */
function checkStatement(
  statement: Statement,
  zone: string | undefined,
  zones: Readonly<Record<string, readonly string[]>>,
  actionsWithoutData: readonly string[],
  resources: readonly PolicyResource[],
): string | undefined {
  const regions = zone === undefined ? undefined : zones[zone];
  if (regions === undefined)
    return `is declared for a principal with no residency zone (${zone ?? "none"}), so what it grants cannot be kept in one`;
  const dataless = statement.actions.length > 0 && statement.actions.every((a) => actionCovered(a, actionsWithoutData));
  const requested = requiredValues(statement, "aws:RequestedRegion");
  const confined = requested !== undefined && requested.every((r) => regions.includes(r));
  if (statement.notResources !== undefined)
    return `grants every resource except ${statement.notResources.join(", ")} (NotResource), in every region`;
  for (const resource of statement.resources) {
    if (resource === "*") {
      if (dataless || confined) continue;
      return `grants Resource "*", every resource in every region`;
    }
    const parts = resource.split(":");
    if (parts[0] !== "arn" || parts.length < 6) continue;
    const [service, region] = [parts[2], parts[3]];
    if (service === "s3" && region === "") {
      const bucket = findBucket(resource, resources);
      if (bucket === undefined) return `grants ${resource}, which is not a bucket of this stack, so its residency cannot be verified`;
      const bucketZone = zoneOf(regionOf(bucket), zones);
      if (bucketZone !== zone)
        return `grants ${resource}, bucket ${bucket.name} in ${regionOf(bucket)} (zone ${bucketZone ?? "none"}), outside zone "${zone}"`;
      continue;
    }
    if (region === "") continue; // Global services (IAM, CloudFront, Route 53): no region to leave.
    if (/[*?]/.test(region)) {
      if (dataless || confined) continue;
      return `grants ${resource} in any region matching "${region}", including regions outside zone "${zone}"`;
    }
    const target = zoneOf(regionOfArn(resource), zones);
    if (target !== zone)
      return `grants ${resource} in ${region} (zone ${target ?? "none"}), outside zone "${zone}": access to another zone's data`;
  }
  return undefined;
}
