import type { ResourceValidationPolicy } from "@pulumi/policy";
import { regionOf } from "../../lib/resources";
import { inStackFile } from "../../lib/stack-keys";

interface Config {
  readonly allowedInstanceFamilies: {
    readonly ec2: readonly string[];
    readonly rds: readonly string[];
    readonly elasticache: readonly string[];
  };
}

type Service = keyof Config["allowedInstanceFamilies"];

/** Instance types a resource asks for, with the service whose family list applies. */
function sizesOf(type: string, p: Record<string, any>): { service: Service; where: string; value: unknown; key?: string }[] {
  switch (type) {
    case "aws:eks/nodeGroup:NodeGroup":
      return (Array.isArray(p.instanceTypes) ? p.instanceTypes : []).map((value: unknown, i: number) => ({
        service: "ec2" as const,
        where: `instanceTypes[${i}]`,
        value,
        key: "regions[].cluster.systemNodeGroup.instanceTypes",
      }));
    case "aws:ec2/launchTemplate:LaunchTemplate":
    case "aws:ec2/instance:Instance":
      return p.instanceType === undefined ? [] : [{ service: "ec2", where: "instanceType", value: p.instanceType }];
    case "aws:rds/instance:Instance":
    case "aws:rds/clusterInstance:ClusterInstance":
      return [{ service: "rds", where: "instanceClass", value: p.instanceClass, key: "regions[].database.instanceClass" }];
    case "aws:elasticache/replicationGroup:ReplicationGroup":
    case "aws:elasticache/cluster:Cluster":
      return p.nodeType === undefined
        ? []
        : [{ service: "elasticache", where: "nodeType", value: p.nodeType, key: "regions[].cache.nodeType" }];
    default:
      return [];
  }
}

/** `m7g.large` -> m7g, `db.r6g.xlarge` -> r6g, `cache.t4g.small` -> t4g. */
export function familyOf(instanceType: string): string {
  const parts = instanceType.split(".");
  return parts.length === 3 ? parts[1] : parts[0];
}

/**
 * Instances come from the families the platform has sized, priced and reserved (config
 * `allowedInstanceFamilies`, per service). Advisory by default: a new family is a cost decision.
 */
export const allowedInstanceFamilies: ResourceValidationPolicy = {
  name: "allowed-instance-families",
  description: "EC2, RDS and ElastiCache instances use the allowed instance families.",
  enforcementLevel: "advisory",
  severity: "low",
  configSchema: {
    properties: {
      allowedInstanceFamilies: {
        type: "object",
        description: "Allowed instance families per service (the part before the size: m7g, r6g, t4g ...).",
        properties: {
          ec2: { type: "array", items: { type: "string" } },
          rds: { type: "array", items: { type: "string" } },
          elasticache: { type: "array", items: { type: "string" } },
        },
        required: ["ec2", "rds", "elasticache"],
        additionalProperties: false,
        default: {
          ec2: ["t4g", "m7g", "c7g", "r7g", "m6g", "c6g", "r6g", "m7i", "c7i", "r7i"],
          rds: ["t4g", "m6g", "m7g", "r6g", "r7g"],
          elasticache: ["t4g", "m6g", "m7g", "r6g", "r7g"],
        },
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const { allowedInstanceFamilies: allowed } = args.getConfig<Config>();
    for (const size of sizesOf(args.type, args.props)) {
      if (typeof size.value !== "string") continue;
      const family = familyOf(size.value);
      if (!allowed[size.service].includes(family)) {
        reportViolation(
          `${args.name} ${size.where} is ${size.value} (family ${family}); use one of the ${size.service} families ${allowed[size.service].join(", ")}.${size.key === undefined ? "" : inStackFile(size.key, regionOf(args))}`,
        );
      }
    }
  },
};
