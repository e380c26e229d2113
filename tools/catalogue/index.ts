/**
 * The resource-type catalogue: one entry per resource type the program declares (and a few it
 * may, kept for the diff and the pack), one per invoke. The offline engine takes its mocks and
 * input rules from here, the reports their creation times, prices and replacement triggers.
 * Adding a type: add its entry to its service's file (or a new one listed below).
 */
import { MockResourceHandler, MockSet } from "../engine/mocks/types";
import { CLOUDWATCH_ENTRIES } from "./aws/cloudwatch";
import { EDGE_ENTRIES } from "./aws/cloudfront";
import { DNS_CERT_ENTRIES } from "./aws/dns-certs";
import { DYNAMODB_ENTRIES } from "./aws/dynamodb";
import { EC2_ENTRIES } from "./aws/ec2";
import { EKS_ENTRIES } from "./aws/eks";
import { ELASTICACHE_ENTRIES } from "./aws/elasticache";
import { IAM_ENTRIES } from "./aws/iam";
import { KMS_ENTRIES } from "./aws/kms";
import { LB_ENTRIES } from "./aws/lb";
import { LOG_ENTRIES } from "./aws/logs";
import { OBSERVABILITY_ENTRIES } from "./aws/observability";
import { RDS_ENTRIES } from "./aws/rds";
import { S3_ENTRIES } from "./aws/s3";
import { SECRETS_ENTRIES } from "./aws/secretsmanager";
import { SQS_ENTRIES } from "./aws/sqs";
import { INVOKE_ENTRIES } from "./invokes";
import { KEDA_ENTRIES } from "./other/keda";
import { KUBERNETES_ENTRIES } from "./other/kubernetes";
import { PROVIDER_ENTRIES } from "./other/providers";
import { RANDOM_ENTRIES } from "./other/random";
import { InvokeEntry, TypeEntry, isNone } from "./types";

export * from "./types";

const ENTRIES: readonly TypeEntry[] = [
  ...PROVIDER_ENTRIES,
  ...RANDOM_ENTRIES,
  ...IAM_ENTRIES,
  ...KMS_ENTRIES,
  ...LOG_ENTRIES,
  ...CLOUDWATCH_ENTRIES,
  ...EC2_ENTRIES,
  ...EKS_ENTRIES,
  ...KUBERNETES_ENTRIES,
  ...KEDA_ENTRIES,
  ...RDS_ENTRIES,
  ...ELASTICACHE_ENTRIES,
  ...DYNAMODB_ENTRIES,
  ...SQS_ENTRIES,
  ...SECRETS_ENTRIES,
  ...LB_ENTRIES,
  ...DNS_CERT_ENTRIES,
  ...S3_ENTRIES,
  ...EDGE_ENTRIES,
  ...OBSERVABILITY_ENTRIES,
];

function byKey<T>(items: readonly T[], key: (item: T) => string): Readonly<Record<string, T>> {
  const map: Record<string, T> = {};
  for (const item of items) {
    if (map[key(item)] !== undefined) throw new Error(`catalogue: ${key(item)} is listed twice`);
    map[key(item)] = item;
  }
  return map;
}

/** Every catalogued resource type, by type token. */
export const CATALOGUE: Readonly<Record<string, TypeEntry>> = byKey(ENTRIES, (e) => e.type);
/** Every catalogued invoke, by token. */
export const INVOKES: Readonly<Record<string, InvokeEntry>> = byKey(INVOKE_ENTRIES, (e) => e.token);

export function entryOf(type: string): TypeEntry | undefined {
  return CATALOGUE[type];
}

/** The catalogue's mocks in the engine's MockSet shape (types without a mock are left out). */
export const CATALOGUE_MOCKS: MockSet = {
  resources: Object.fromEntries(ENTRIES.filter((e) => !isNone(e.mock)).map((e) => [e.type, e.mock as MockResourceHandler])),
  invokes: Object.fromEntries(INVOKE_ENTRIES.map((e) => [e.token, e.mock])),
};
