import { availabilityZonesOf } from "../../../components/config/aws-regions";
import { alnum } from "../ids";
import { MockSet } from "./types";

/**
 * The account- and region-level invokes every tier uses. Resource mocks live in the resource-type
 * catalogue (tools/catalogue), which also names these invokes and their sources.
 */
export const coreMocks: MockSet = {
  resources: {},
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
    // The IAM principal behind credentials: an STS assumed-role session resolves to its role (the
    // offline caller above to role/platform-deployer); other principals are their own issuer.
    "aws:iam/getSessionContext:getSessionContext": (ctx) => {
      const given = String(ctx.inputs.arn);
      const assumed = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(given);
      if (assumed === null) return { arn: given, issuerArn: given, issuerId: "", issuerName: "", sessionName: "", id: given };
      const [, partition, account, role, session] = assumed;
      return {
        arn: given,
        issuerArn: `arn:${partition}:iam::${account}:role/${role}`,
        issuerId: `AROA${alnum(`${account}/${role}`, 17)}`,
        issuerName: role,
        sessionName: session,
        id: given,
      };
    },
  },
};
