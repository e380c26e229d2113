import { alnum, arn, hex } from "../ids";
import { physicalName } from "./naming";
import { MockResourceContext, MockSet } from "./types";

/**
 * The data tier: RDS, ElastiCache, SQS, Secrets Manager and generated passwords. Endpoints and
 * ARNs follow AWS's formats; the per-account-and-region hash RDS and ElastiCache put in their
 * host names is derived from account and region, as AWS does.
 */
export const dataMocks: MockSet = {
  resources: {
    "aws:rds/instance:Instance": (ctx) => {
      const identifier = physicalName(ctx, "identifier").toLowerCase();
      const address = `${identifier}.${alnum(`rds/${ctx.account}/${ctx.region}`, 12, false)}.${ctx.region}.rds.amazonaws.com`;
      const port = ctx.inputs.port ?? 5432;
      const kmsKeyId: string | undefined = ctx.inputs.masterUserSecretKmsKeyId ?? ctx.inputs.kmsKeyId;
      const masterUserSecrets = ctx.inputs.manageMasterUserPassword
        ? [
            {
              // RDS names its managed secrets `rds!db-<uuid>`; Secrets Manager adds a 6-character suffix.
              secretArn: arn(
                "secretsmanager",
                ctx.region,
                `secret:rds!db-${uuid(ctx.urn)}-${alnum(ctx.urn + "/secret", 6, false)}`,
                ctx.account,
              ),
              kmsKeyId: kmsKeyId ?? arn("kms", ctx.region, `alias/aws/secretsmanager`, ctx.account),
              secretStatus: "active",
            },
          ]
        : [];
      // A replica keeps replicateSourceDb as given (identifier in-region, ARN cross-region).
      const source: string | undefined = ctx.inputs.replicateSourceDb;
      return {
        id: identifier,
        outputs: {
          identifier,
          arn: arn("rds", ctx.region, `db:${identifier}`, ctx.account),
          address,
          endpoint: `${address}:${port}`,
          port,
          resourceId: `db-${alnum(ctx.urn, 26)}`,
          hostedZoneId: "Z2R2ITUGPM61AM",
          status: "available",
          engine: ctx.inputs.engine ?? "postgres",
          // RDS reports the running minor version; a major-only request runs its latest minor.
          engineVersionActual: /^\d+$/.test(ctx.inputs.engineVersion ?? "")
            ? `${ctx.inputs.engineVersion}.4`
            : (ctx.inputs.engineVersion ?? "16.4"),
          availabilityZone: ctx.inputs.availabilityZone ?? `${ctx.region}a`,
          masterUserSecrets,
          replicas: [],
          ...(source === undefined ? { latestRestorableTime: "2026-11-24T00:00:00Z" } : {}),
          // The provider reports unset string attributes as "" in state, which stack policies read.
          replicateSourceDb: source ?? "",
          listenerEndpoints: [],
          tagsAll: ctx.inputs.tags ?? {},
        },
      };
    },
    "aws:rds/subnetGroup:SubnetGroup": (ctx) => {
      const name = physicalName(ctx).toLowerCase();
      return {
        id: name,
        outputs: {
          name,
          arn: arn("rds", ctx.region, `subgrp:${name}`, ctx.account),
          vpcId: `vpc-${hex(ctx.urn + "/vpc", 17)}`,
          supportedNetworkTypes: ["IPV4"],
        },
      };
    },
    "aws:rds/parameterGroup:ParameterGroup": (ctx) => {
      const name = physicalName(ctx).toLowerCase();
      return { id: name, outputs: { name, arn: arn("rds", ctx.region, `pg:${name}`, ctx.account) } };
    },
    "aws:elasticache/subnetGroup:SubnetGroup": (ctx) => {
      const name = physicalName(ctx).toLowerCase();
      return {
        id: name,
        outputs: {
          name,
          arn: arn("elasticache", ctx.region, `subnetgroup:${name}`, ctx.account),
          vpcId: `vpc-${hex(ctx.urn + "/vpc", 17)}`,
        },
      };
    },
    "aws:elasticache/parameterGroup:ParameterGroup": (ctx) => {
      const name = physicalName(ctx).toLowerCase();
      return { id: name, outputs: { name, arn: arn("elasticache", ctx.region, `parametergroup:${name}`, ctx.account) } };
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": (ctx) => {
      const id = physicalName(ctx, "replicationGroupId").toLowerCase();
      const host = `${id}.${alnum(`cache/${ctx.account}/${ctx.region}`, 6, false)}.${shortRegion(ctx.region)}.cache.amazonaws.com`;
      const nodes = Number(ctx.inputs.numCacheClusters ?? 1);
      return {
        id,
        outputs: {
          replicationGroupId: id,
          arn: arn("elasticache", ctx.region, `replicationgroup:${id}`, ctx.account),
          primaryEndpointAddress: `master.${host}`,
          readerEndpointAddress: `replica.${host}`,
          configurationEndpointAddress: "",
          globalReplicationGroupId: ctx.inputs.globalReplicationGroupId ?? "",
          port: ctx.inputs.port ?? 6379,
          memberClusters: Array.from({ length: nodes }, (_, i) => `${id}-${String(i + 1).padStart(3, "0")}`),
          clusterEnabled: false,
          engineVersionActual: `${ctx.inputs.engineVersion ?? "8.0"}.1`,
          tagsAll: ctx.inputs.tags ?? {},
        },
      };
    },
    "aws:secretsmanager/secret:Secret": (ctx) => {
      const name = physicalName(ctx);
      const secretArn = arn("secretsmanager", ctx.region, `secret:${name}-${alnum(ctx.urn, 6, false)}`, ctx.account);
      return { id: secretArn, outputs: { name, arn: secretArn, tagsAll: ctx.inputs.tags ?? {} } };
    },
    // Never echoes the value: only its identifiers.
    "aws:secretsmanager/secretVersion:SecretVersion": (ctx) => {
      const versionId = uuid(ctx.urn);
      return { id: `${ctx.inputs.secretId}|${versionId}`, outputs: { arn: ctx.inputs.secretId, versionId, versionStages: ["AWSCURRENT"] } };
    },
    "aws:sqs/queue:Queue": (ctx) => {
      const name = physicalName(ctx);
      const url = `https://sqs.${ctx.region}.amazonaws.com/${ctx.account}/${name}`;
      return { id: url, outputs: { name, url, arn: arn("sqs", ctx.region, name, ctx.account), tagsAll: ctx.inputs.tags ?? {} } };
    },
    "aws:sqs/queuePolicy:QueuePolicy": (ctx) => ({ id: String(ctx.inputs.queueUrl) }),
    "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": (ctx) => ({ id: String(ctx.inputs.queueUrl) }),
    // Random bytes derived from the URN, in every encoding the provider reports; the id is b64Url.
    "random:index/randomId:RandomId": (ctx) => {
      const bytes = Buffer.from(hex(ctx.urn + "/random-id", Number(ctx.inputs.byteLength ?? 8) * 2), "hex");
      const b64Url = bytes.toString("base64url");
      return {
        id: b64Url,
        outputs: {
          hex: `${ctx.inputs.prefix ?? ""}${bytes.toString("hex")}`,
          b64Std: `${ctx.inputs.prefix ?? ""}${bytes.toString("base64")}`,
          b64Url: `${ctx.inputs.prefix ?? ""}${b64Url}`,
          dec: `${ctx.inputs.prefix ?? ""}${BigInt(`0x${bytes.toString("hex") || "0"}`).toString()}`,
        },
      };
    },
    "random:index/randomPassword:RandomPassword": (ctx) => {
      const result = password(ctx);
      // A stand-in for the bcrypt hash: the same shape, derived from the seed, not the password.
      return { id: "none", outputs: { result, bcryptHash: `$2a$10$${alnum(ctx.urn + "/bcrypt", 53, false)}` } };
    },
  },
};

/** AWS's short region code in ElastiCache host names: us-east-1 -> use1, ap-southeast-2 -> apse2. */
export function shortRegion(region: string): string {
  const [area, direction, number] = region.split("-");
  const codes: Record<string, string> = {
    north: "n",
    south: "s",
    east: "e",
    west: "w",
    central: "c",
    northeast: "ne",
    northwest: "nw",
    southeast: "se",
    southwest: "sw",
  };
  return `${area}${codes[direction] ?? direction}${number}`;
}

function uuid(seed: string): string {
  const h = hex(seed + "/uuid", 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A password honouring the requested length and character classes, derived from the URN. */
function password(ctx: MockResourceContext): string {
  const length = Number(ctx.inputs.length ?? 16);
  const specials = ctx.inputs.special === false ? "" : String(ctx.inputs.overrideSpecial ?? "!@#$%&*()-_=+[]{}<>:?");
  const classes = ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789", specials].filter((c) => c !== "");
  const bytes = Buffer.from(hex(ctx.urn + "/password", length * 2), "hex");
  return Array.from(bytes.subarray(0, length), (b, i) => {
    const set = classes[i % classes.length];
    return set[b % set.length];
  }).join("");
}
