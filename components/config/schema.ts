import { z } from "zod";
import { RESIDENCY_ZONES } from "../../policies/residency-zones";
import { accountDefaults, accountSettings } from "./tiers/account";
import { cacheDefaults, cacheSettings } from "./tiers/cache";
import { clusterDefaults, clusterSettings } from "./tiers/cluster";
import { ENVIRONMENTS, Environment, describe, intBetween, oneOf } from "./tiers/common";
import { databaseDefaults, databaseSettings } from "./tiers/database";
import { deployerSettings } from "./tiers/deployer";
import { edgeDefaults, edgeSettings } from "./tiers/edge";
import { networkDefaults, networkSettings, regionPrefixLength } from "./tiers/network";
import { alarmDefaults, alarmSettings, observabilityDefaults, observabilitySettings } from "./tiers/observability";
import { queuesDefaults, queuesSettings } from "./tiers/queues";
import { recoveryDefaults, recoverySettings } from "./tiers/recovery";
import { tagsSettings } from "./tiers/tags";

/** The stack config schema: what each key of the `platform:` namespace may hold. */

export const regionTiers = {
  azCount: intBetween(2, 6),
  network: networkSettings,
  cluster: clusterSettings,
  database: databaseSettings,
  cache: cacheSettings,
  queues: queuesSettings,
  alarms: alarmSettings,
};

export const regionEntry = z.strictObject({
  region: z.string({ error: (i) => `must be an AWS region name, got ${describe(i.input)}` }),
  zone: z.string({ error: (i) => `must be a residency zone (${Object.keys(RESIDENCY_ZONES).join(", ")}), got ${describe(i.input)}` }),
  cidr: z.string({ error: (i) => `must be an IPv4 CIDR block such as 10.1.0.0/16, got ${describe(i.input)}` }).optional(),
  ...regionTiers,
});

/** Top-level keys of the `platform:` namespace, each with its schema. */
export const topLevel = {
  environment: oneOf(ENVIRONMENTS),
  network: z.strictObject({
    supernet: z.string({ error: (i) => `must be an IPv4 CIDR block such as 10.0.0.0/9, got ${describe(i.input)}` }),
    regionPrefixLength: regionPrefixLength.default(16),
  }),
  regions: z
    .array(regionEntry, { error: (i) => `must be a list of regions, got ${describe(i.input)}` })
    .min(1, { error: "must list at least one region" }),
  regionDefaults: z
    .record(z.string(), z.unknown(), { error: (i) => `must be a map of region keys applied to every region, got ${describe(i.input)}` })
    .optional(),
  deployer: deployerSettings,
  edge: edgeSettings,
  observability: observabilitySettings,
  recovery: recoverySettings,
  account: accountSettings,
  tags: tagsSettings,
} as const;

export const resolvedShape = z.strictObject({
  network: topLevel.network,
  deployer: topLevel.deployer,
  regions: topLevel.regions,
  edge: topLevel.edge,
  observability: topLevel.observability,
  recovery: topLevel.recovery,
  account: topLevel.account,
  tags: topLevel.tags,
});

/** Keys a stack may set in the `platform:` namespace. */
export const KNOWN_KEYS: readonly string[] = Object.keys(topLevel);
export const REQUIRED_KEYS = ["environment", "network", "regions", "deployer"] as const;

export const requiredHint: Record<(typeof REQUIRED_KEYS)[number], string> = {
  environment: `one of ${ENVIRONMENTS.join(", ")}`,
  network: "an object with the stack's supernet, e.g. { supernet: 10.0.0.0/9 }",
  regions: "a list of { region, zone } entries",
  deployer: "where `pulumi up` runs, e.g. { via: public-endpoint, cidrs: [<the CI runners' public egress address>/32] }",
};

/** Tier settings every region starts from in an environment, before regionDefaults and its own values. */
export function regionDefaultsOf(environment: Environment) {
  return {
    azCount: environment === "prod" ? 3 : 2,
    network: networkDefaults[environment],
    cluster: clusterDefaults[environment],
    database: databaseDefaults[environment],
    cache: cacheDefaults[environment],
    queues: queuesDefaults,
    alarms: alarmDefaults[environment],
  };
}

/** Stack-level settings of an environment, before the stack file's values. */
export function stackDefaultsOf(environment: Environment) {
  return {
    edge: edgeDefaults[environment],
    observability: observabilityDefaults[environment],
    recovery: recoveryDefaults[environment],
    account: accountDefaults[environment],
  };
}
