import type { StackValidationPolicy } from "@pulumi/policy";
import { descendantsOf } from "../../lib/resources";

interface Config {
  readonly regionType: string;
  readonly tiers: Readonly<Record<string, readonly string[]>>;
}

/**
 * Every region runs the whole platform: under each Region component there is at least one
 * resource of every tier (config `tiers`: tier -> resource types that make it). Tiers are
 * recognised by the AWS resources they declare, not by component names, so a refactor of the
 * components does not fool the check.
 */
export const regionHasAllTiers: StackValidationPolicy = {
  name: "region-has-all-tiers",
  description: "Every region has all tiers: network, cluster, database, cache, queues and origin.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      regionType: { type: "string", default: "platform:region:Region", description: "Component type of a region." },
      tiers: {
        type: "object",
        description: "Each tier and the resource types any one of which makes it present.",
        additionalProperties: { type: "array", items: { type: "string" }, minItems: 1 },
        default: {
          network: ["awsx:ec2:Vpc", "aws:ec2/vpc:Vpc"],
          cluster: ["aws:eks/cluster:Cluster"],
          database: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
          cache: ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/serverlessCache:ServerlessCache"],
          queues: ["aws:sqs/queue:Queue"],
          origin: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
        },
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { regionType, tiers } = args.getConfig<Config>();
    for (const region of args.resources.filter((r) => r.type === regionType)) {
      const types = new Set(descendantsOf(region, args.resources).map((r) => r.type));
      const missing = Object.entries(tiers).filter(([, tierTypes]) => !tierTypes.some((t) => types.has(t)));
      for (const [tier, tierTypes] of missing) {
        reportViolation(`region ${region.name} has no ${tier} tier: add one of ${tierTypes.join(", ")} under it.`, region.urn);
      }
    }
  },
};
