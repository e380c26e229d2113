import { PlatformConfig, resolvePlatformConfig } from "../../components/config";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { regionOfArn } from "../../policies/residency-zones";
import { committedConfig, ofType, outputsOf } from "../helpers/plan";

export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const QUEUE = "aws:sqs/queue:Queue";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** Config values of a committed stack, keys without the `platform:` namespace. */
export function committedValues(stack: "dev" | "prod"): Record<string, any> {
  return Object.fromEntries(Object.entries(committedConfig(stack)).map(([k, v]) => [k.replace(/^platform:/, ""), v]));
}

/** The committed stack's resolved config: what the plan was built from. */
export function resolvedCommitted(stack: "dev" | "prod"): PlatformConfig {
  return resolvePlatformConfig({ stack, values: committedValues(stack) });
}

/** The component of a type a resource sits directly under. */
export function parentOf(plan: Plan, resource: PlannedResource): PlannedResource | undefined {
  return plan.resources.find((r) => r.urn === resource.parent);
}

/** Resources of a type whose direct parent is a component of `componentType`. */
export function under(plan: Plan, type: string, componentType: string): PlannedResource[] {
  return ofType(plan, type).filter((r) => parentOf(plan, r)?.type === componentType);
}

/** The region an ARN names (`arn:aws:<service>:<region>:...`), read as the pack reads it. */
export { regionOfArn };

export function primaries(plan: Plan): PlannedResource[] {
  return under(plan, RDS_INSTANCE, "platform:database:Database").filter((r) => r.name.endsWith("-primary"));
}

export function inRegionReplicas(plan: Plan): PlannedResource[] {
  return under(plan, RDS_INSTANCE, "platform:database:Database").filter((r) => !r.name.endsWith("-primary"));
}

export function drReplicas(plan: Plan): PlannedResource[] {
  return under(plan, RDS_INSTANCE, "platform:database:DrReplica");
}

/** The output of the one resource of `type` named `name`. */
export function outputOf(plan: Plan, type: string, name: string, key: string): any {
  const found = ofType(plan, type).filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return outputsOf(found[0])[key];
}
