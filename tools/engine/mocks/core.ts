import { AWS_REGIONS } from "../../../components/config/aws-regions";
import { alnum, hex } from "../ids";
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
    // Names are the region plus the letters accounts see; which zone ID each name maps to differs
    // per account (EC2 User Guide, "Availability Zone IDs"), so the pairing is shuffled by account.
    "aws:index/getAvailabilityZones:getAvailabilityZones": (ctx) => {
      const region = AWS_REGIONS.find((r) => r.name === ctx.region);
      const letters = [...(region?.letters ?? "")];
      const ids = [...(region?.zoneIds ?? [])];
      const shift = parseInt(hex(`${ctx.account}/${ctx.region}`, 4), 16) % Math.max(1, ids.length);
      return {
        names: letters.map((letter) => `${ctx.region}${letter}`),
        zoneIds: letters.map((_, i) => ids[(i + shift) % ids.length]),
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
