import { availabilityZonesOf } from "../../../components/config/aws-regions";
import { alnum, arn, hex } from "../ids";
import { physicalName } from "./naming";
import { MockSet } from "./types";

/** Providers, IAM, CloudWatch Logs and KMS: used by every tier. */
export const coreMocks: MockSet = {
  resources: {
    "pulumi:providers:aws": (ctx) => ({ id: hex(ctx.urn, 36), outputs: {} }),
    "pulumi:providers:random": (ctx) => ({ id: hex(ctx.urn, 36), outputs: {} }),
    "aws:iam/role:Role": (ctx) => {
      const name = physicalName(ctx);
      return {
        id: name,
        outputs: {
          name,
          arn: `arn:aws:iam::${ctx.account}:role${ctx.inputs.path ?? "/"}${name}`,
          uniqueId: `AROA${alnum(ctx.urn, 17)}`,
          createDate: "2026-01-01T00:00:00Z",
        },
      };
    },
    "aws:iam/rolePolicy:RolePolicy": (ctx) => {
      const name = physicalName(ctx);
      return { id: `${ctx.inputs.role}:${name}`, outputs: { name } };
    },
    "aws:iam/policy:Policy": (ctx) => {
      const name = physicalName(ctx);
      const policyArn = `arn:aws:iam::${ctx.account}:policy${ctx.inputs.path ?? "/"}${name}`;
      return { id: policyArn, outputs: { name, arn: policyArn, policyId: `ANPA${alnum(ctx.urn, 17)}` } };
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (ctx) => ({ id: `${ctx.inputs.role}-${hex(ctx.urn, 20)}` }),
    "aws:iam/instanceProfile:InstanceProfile": (ctx) => {
      const name = physicalName(ctx);
      return {
        id: name,
        outputs: { name, arn: `arn:aws:iam::${ctx.account}:instance-profile/${name}`, uniqueId: `AIPA${alnum(ctx.urn, 17)}` },
      };
    },
    "aws:cloudwatch/logGroup:LogGroup": (ctx) => {
      const name = physicalName(ctx);
      return { id: name, outputs: { name, arn: arn("logs", ctx.region, `log-group:${name}`, ctx.account) } };
    },
    "aws:kms/key:Key": (ctx) => {
      const keyId = `${hex(ctx.urn, 8)}-${hex(ctx.urn + "1", 4)}-${hex(ctx.urn + "2", 4)}-${hex(ctx.urn + "3", 4)}-${hex(ctx.urn + "4", 12)}`;
      return { id: keyId, outputs: { keyId, arn: arn("kms", ctx.region, `key/${keyId}`, ctx.account) } };
    },
    "aws:kms/alias:Alias": (ctx) => {
      const name = physicalName(ctx);
      return {
        id: name,
        outputs: {
          name,
          arn: arn("kms", ctx.region, name, ctx.account),
          targetKeyArn: arn("kms", ctx.region, `key/${ctx.inputs.targetKeyId}`, ctx.account),
        },
      };
    },
  },
  invokes: {
    "aws:index/getCallerIdentity:getCallerIdentity": (ctx) => ({
      accountId: ctx.account,
      arn: `arn:aws:sts::${ctx.account}:assumed-role/platform-deployer/offline-plan`,
      userId: `AROA${alnum(ctx.account, 17)}:offline-plan`,
      id: ctx.account,
    }),
    "aws:index/getRegion:getRegion": (ctx) => ({
      name: ctx.region,
      region: ctx.region,
      id: ctx.region,
      endpoint: `ec2.${ctx.region}.amazonaws.com`,
      description: ctx.region,
    }),
    "aws:index/getPartition:getPartition": () => ({
      partition: "aws",
      dnsSuffix: "amazonaws.com",
      reverseDnsPrefix: "com.amazonaws",
      id: "aws",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (ctx) => {
      const names = availabilityZonesOf(ctx.region);
      return {
        names,
        zoneIds: names.map((_, i) => `${ctx.region.replace(/-/g, "").slice(0, 4)}${i + 1}-az${i + 1}`),
        id: ctx.region,
        groupNames: [ctx.region],
      };
    },
  },
};
