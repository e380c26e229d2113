import { z } from "zod";
import { Environment, intBetween, oneOf } from "./common";

/** Per-region network settings (the VPC's CIDR and AZ count sit on the region itself). */
export const networkSettings = z.strictObject({
  /** `single`: one NAT gateway for the VPC (cheap, one AZ's failure cuts egress); `perAz`: one per AZ. */
  natGateways: oneOf(["single", "perAz"]),
  /** VPC flow logs to CloudWatch Logs: which traffic and how long to keep it. */
  flowLogs: z.strictObject({
    trafficType: oneOf(["ALL", "ACCEPT", "REJECT"]),
    retentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90), z.literal(180), z.literal(365)], {
      error: (issue) => `must be one of 7, 14, 30, 90, 180, 365 (CloudWatch retention periods), got ${String(issue.input)}`,
    }),
  }),
});
export type NetworkSettings = z.infer<typeof networkSettings>;

export const networkDefaults: Record<Environment, NetworkSettings> = {
  dev: { natGateways: "single", flowLogs: { trafficType: "REJECT", retentionDays: 14 } },
  prod: { natGateways: "perAz", flowLogs: { trafficType: "ALL", retentionDays: 90 } },
};

/** VPC prefix length a region gets when its CIDR is allocated from the supernet. */
export const regionPrefixLength = intBetween(16, 24);
