import { arn, hex } from "../ids";
import { physicalName } from "./naming";
import { MockSet } from "./types";

/** `8-4-4-4-12` hex, AWS Backup's plan and selection ids. */
function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Alerting, dashboards, backups, budgets. (`aws:cloudwatch/metricAlarm:MetricAlarm` is in the
 * edge set, whose origin health alarm came first.)
 */
export const observabilityMocks: MockSet = {
  resources: {
    "aws:sns/topic:Topic": (ctx) => {
      const name = physicalName(ctx);
      const topicArn = arn("sns", ctx.region, name, ctx.account);
      return { id: topicArn, outputs: { name, arn: topicArn, owner: ctx.account } };
    },
    "aws:sns/topicPolicy:TopicPolicy": (ctx) => ({ id: String(ctx.inputs.arn), outputs: { owner: ctx.account } }),
    "aws:sns/topicSubscription:TopicSubscription": (ctx) => {
      // Email subscriptions stay "pending confirmation" until the recipient clicks the link.
      const subscriptionArn = `${ctx.inputs.topic}:${uuid(ctx.urn)}`;
      return { id: subscriptionArn, outputs: { arn: subscriptionArn, ownerId: ctx.account, pendingConfirmation: true } };
    },
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": (ctx) => {
      const name = physicalName(ctx, "alarmName");
      return { id: name, outputs: { alarmName: name, arn: arn("cloudwatch", ctx.region, `alarm:${name}`, ctx.account) } };
    },
    "aws:cloudwatch/dashboard:Dashboard": (ctx) => {
      const name = physicalName(ctx, "dashboardName");
      // Dashboards are global resources: their ARN has no region.
      return { id: name, outputs: { dashboardName: name, dashboardArn: `arn:aws:cloudwatch::${ctx.account}:dashboard/${name}` } };
    },
    "aws:backup/vault:Vault": (ctx) => {
      const name = physicalName(ctx);
      return { id: name, outputs: { name, arn: arn("backup", ctx.region, `backup-vault:${name}`, ctx.account), recoveryPoints: 0 } };
    },
    "aws:backup/plan:Plan": (ctx) => {
      const id = uuid(ctx.urn);
      return { id, outputs: { arn: arn("backup", ctx.region, `backup-plan:${id}`, ctx.account), version: hex(ctx.urn + "/v", 32) } };
    },
    "aws:backup/selection:Selection": (ctx) => ({ id: uuid(ctx.urn) }),
    "aws:budgets/budget:Budget": (ctx) => {
      const name = physicalName(ctx);
      // Budgets are global: `arn:aws:budgets::<account>:budget/<name>`, id `<account>:<name>`.
      return {
        id: `${ctx.account}:${name}`,
        outputs: { name, accountId: ctx.account, arn: `arn:aws:budgets::${ctx.account}:budget/${name}` },
      };
    },
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": (ctx) => {
      // The replicated backups' ARN lives in the destination region, named after the source's resource id.
      const id = arn("rds", ctx.region, `auto-backup:ab-${hex(ctx.urn, 26)}`, ctx.account);
      return { id, outputs: { retentionPeriod: ctx.inputs.retentionPeriod ?? 7 } };
    },
  },
};
