/**
 * The test fixtures: type tokens (from the catalogue, spelled once), the committed stacks' config,
 * readers over a plan (parents, data-tier instances), and builders of minimal component args for
 * the component harness (./component.ts). Defaults are the config tiers' own, so a builder's
 * component is what an environment's stack would declare, and a test overrides only what it tests.
 */
import { PlatformConfig, resolvePlatformConfig } from "../../components/config";
import { CacheSettings, cacheDefaults } from "../../components/config/tiers/cache";
import { Environment } from "../../components/config/tiers/common";
import { DatabaseSettings, databaseDefaults } from "../../components/config/tiers/database";
import { QueueSettings, queueSettings } from "../../components/config/tiers/queues";
import { CacheArgs } from "../../components/cache/cache";
import { DatabaseArgs } from "../../components/database/database";
import { DrReplicaArgs } from "../../components/database/dr-replica";
import { QueuesArgs } from "../../components/queues/queues";
import { regionOfArn } from "../../policies/residency-zones";
import { SECURITY_GROUP, SG_INGRESS_RULE } from "../../tools/catalogue/aws/ec2";
import { CACHE_REPLICATION_GROUP } from "../../tools/catalogue/aws/elasticache";
import { RDS_INSTANCE } from "../../tools/catalogue/aws/rds";
import { SQS_QUEUE } from "../../tools/catalogue/aws/sqs";
import { Plan, PlannedResource } from "../../tools/engine/model";
import { committedConfig, ofType, outputsOf } from "./plan";

export { RDS_INSTANCE, SECURITY_GROUP };
export const REPLICATION_GROUP = CACHE_REPLICATION_GROUP;
export const QUEUE = SQS_QUEUE;
export const INGRESS_RULE = SG_INGRESS_RULE;

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

// Section: builders of minimal component args (the harness declares components with them).

/** Three AZs of eu-west-1, the harness's default region. */
export const AZS = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] as const;

/** Ids of a network the data tier is placed in (plain values: the harness declares no VPC). */
export const NETWORK = {
  vpcId: "vpc-0a1b2c3d4e5f60718",
  privateSubnetIds: ["subnet-0a00000000000000a", "subnet-0b00000000000000b", "subnet-0c00000000000000c"],
  isolatedSubnetIds: ["subnet-0d00000000000000d", "subnet-0e00000000000000e", "subnet-0f00000000000000f"],
  workloadSecurityGroupId: "sg-0a1b2c3d4e5f60718",
} as const;

/** A KMS key ARN of `region` in the offline account. */
export function keyArn(region: string, accountId: string, id = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"): string {
  return `arn:aws:kms:${region}:${accountId}:key/${id}`;
}

/** Where a data-tier component of `region` sits: the network, the region's key, the workload SG. */
function dataTierPlacement(env: Environment, region: string, accountId: string, subnetIds: readonly string[]) {
  return {
    region,
    vpcId: NETWORK.vpcId,
    subnetIds: [...subnetIds],
    availabilityZones: AZS.map((az) => az.replace("eu-west-1", region)),
    kmsKeyArn: keyArn(region, accountId),
    workloadSecurityGroupId: NETWORK.workloadSecurityGroupId,
    protect: env === "prod",
  };
}

/** Database args as the environment's stack declares them, in `region` (AZs: `AZS` renamed). */
export function databaseArgs(
  env: Environment,
  region: string,
  accountId: string,
  overrides: Partial<Omit<DatabaseArgs, "settings">> & { settings?: Partial<DatabaseSettings> } = {},
): DatabaseArgs {
  const { settings, ...rest } = overrides;
  return {
    ...dataTierPlacement(env, region, accountId, NETWORK.isolatedSubnetIds),
    identifierPrefix: "platform-component",
    settings: { ...databaseDefaults[env], ...settings },
    accountId,
    ...rest,
  };
}

/** A DR replica's lag alarm, paging an alert topic of `region`. */
export function drLagAlarm(region: string, accountId: string): DrReplicaArgs["lagAlarm"] {
  return {
    alarmName: `platform-component-${region}-dr-replica-lag`,
    thresholdSeconds: 900,
    topicArn: `arn:aws:sns:${region}:${accountId}:alerts`,
  };
}

/** Cache args as the environment's stack declares them, in `region`. */
export function cacheArgs(
  env: Environment,
  region: string,
  accountId: string,
  overrides: Partial<Omit<CacheArgs, "settings">> & { settings?: Partial<CacheSettings> } = {},
): CacheArgs {
  const { settings, ...rest } = overrides;
  return {
    ...dataTierPlacement(env, region, accountId, NETWORK.privateSubnetIds),
    settings: { ...cacheDefaults[env], ...settings },
    ...rest,
  };
}

/** One queue's settings: the config schema's defaults plus `fields` (validated as the config is). */
export function queue(name: string, fields: Partial<QueueSettings> = {}): QueueSettings {
  return queueSettings.parse({ name, ...fields });
}

/** The workload role the queues admit, in the offline account. */
export function workloadRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/platform-component-workload`;
}

/** Queues args: a standard and a FIFO queue unless `queues` says otherwise. */
export function queuesArgs(env: Environment, accountId: string, overrides: Partial<QueuesArgs> = {}): QueuesArgs {
  return {
    queues: [queue("orders"), queue("events", { fifo: true })],
    namePrefix: "platform-component-",
    workloadRoleArn: workloadRoleArn(accountId),
    protect: env === "prod",
    ...overrides,
  };
}
