/** Alerting and recovery: SNS topics and subscriptions, AWS Backup vaults, plans and selections, budgets. */
import { arn, hex, uuid } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { reveal } from "../../engine/values";
import { PRICING } from "../prices";
import { TAG_LIMITS, arnInOwnRegion, nameRule, roleArnRule } from "../rules";
import { PULUMI_AWS_AUTONAMING, api, registry, tf, tfDocs } from "../sources";
import { TypeEntry, none } from "../types";

export const SNS_TOPIC = "aws:sns/topic:Topic";
export const SNS_TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
export const SNS_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
export const BACKUP_VAULT = "aws:backup/vault:Vault";
export const BACKUP_PLAN = "aws:backup/plan:Plan";
export const BACKUP_SELECTION = "aws:backup/selection:Selection";
export const BUDGET = "aws:budgets/budget:Budget";

const NO_TRIGGERS = none("holds no data; its ForceNew properties are not catalogued, so the diff shows its changes as updates");
const NO_DATA = none("configuration: recreated from code");
const BACKUP_API = (action: string) => `https://docs.aws.amazon.com/aws-backup/latest/devguide/API_${action}.html`;
const BUDGETS_API = (action: string) => `https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_${action}.html`;

const inOwnRegion = arnInOwnRegion;

/** The total price of the region's backups: its primaries' storage as one full snapshot, plus copies. */
const backupPrice: TypeEntry["price"] = {
  tier: "recovery",
  sources: [PRICING.backup],
  monthly: ({ inputs, region, book, plan }) => {
    const gb = plan.resources
      .filter((r) => r.type === "aws:rds/instance:Instance" && r.region === region)
      .map((r) => reveal(r.inputs) as Record<string, any>)
      .filter((i) => i.replicateSourceDb === undefined)
      .reduce((sum, i) => sum + Number(i.allocatedStorage ?? 0), 0);
    const rules: any[] = inputs.rules ?? [];
    const copies = rules.reduce((n, rule) => n + (Array.isArray(rule.copyActions) ? rule.copyActions.length : 0), 0);
    const usd = gb * book.backupRdsGbMonth + copies * gb * (book.backupRdsGbMonth + book.backupCrossRegionGb);
    return { usd, item: `${gb} GB snapshots${copies > 0 ? ` (+ ${copies} cross-region copy)` : ""}` };
  },
};

export const OBSERVABILITY_ENTRIES: readonly TypeEntry[] = [
  {
    type: SNS_TOPIC,
    mock: (ctx) => {
      const name = physicalName(ctx);
      const topicArn = arn("sns", ctx.region, name, ctx.account);
      return { id: topicArn, outputs: { name, arn: topicArn, owner: ctx.account } };
    },
    mockSources: [registry(SNS_TOPIC)],
    validation: [
      {
        property: "name",
        rule: "topic names are 1-256 letters, digits, hyphens or underscores; a FIFO topic's name ends in .fifo and only a FIFO topic's does (auto-names are capped at 80)",
        sources: [api("sns", "CreateTopic"), PULUMI_AWS_AUTONAMING],
        check: (ctx) => {
          const name = String(ctx.outputs.name ?? ctx.inputs.name);
          const fifo = ctx.inputs.fifoTopic === true;
          const base = name.endsWith(".fifo") ? name.slice(0, -5) : name;
          const problems: string[] = [];
          if (name.length > 256 || base.length < 1 || !/^[A-Za-z0-9_-]+$/.test(base)) problems.push(`"${name}"`);
          if (fifo !== name.endsWith(".fifo")) problems.push(`"${name}" ${fifo ? "lacks" : "has"} the .fifo suffix`);
          return problems;
        },
      },
      inOwnRegion("kmsMasterKeyId", "the KMS key encrypting the topic", [api("sns", "CreateTopic")]),
      TAG_LIMITS,
    ],
    creation: { seconds: 3, source: tfDocs("sns_topic") },
    price: none(`usage-priced only (publishes, deliveries), not part of the fixed floor: ${PRICING.sns}`),
    replacement: { replaceOn: ["name", "namePrefix", "fifoTopic"], sources: [tf("sns/topic.go"), registry(SNS_TOPIC)] },
    data: none("a fan-out point: messages are delivered, not stored"),
  },
  {
    type: SNS_TOPIC_POLICY,
    mock: (ctx) => ({ id: String(ctx.inputs.arn), outputs: { owner: ctx.account } }),
    mockSources: [registry(SNS_TOPIC_POLICY)],
    validation: [inOwnRegion("arn", "the topic", [api("sns", "SetTopicAttributes")])],
    creation: { seconds: 3, source: tfDocs("sns_topic_policy") },
    price: none(`no charge of its own (${PRICING.sns})`),
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: SNS_SUBSCRIPTION,
    mock: (ctx) => {
      // Email subscriptions stay "pending confirmation" until the recipient clicks the link.
      const subscriptionArn = `${ctx.inputs.topic}:${uuid(ctx.urn)}`;
      return { id: subscriptionArn, outputs: { arn: subscriptionArn, ownerId: ctx.account, pendingConfirmation: true } };
    },
    mockSources: [registry(SNS_SUBSCRIPTION)],
    validation: [
      {
        property: "protocol",
        rule: "one of http, https, email, email-json, sms, sqs, application, lambda, firehose; an email endpoint is an email address",
        sources: [api("sns", "Subscribe")],
        check: (ctx) => {
          const { protocol, endpoint } = ctx.inputs;
          if (!["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"].includes(protocol))
            return `"${protocol}"`;
          return protocol.startsWith("email") && typeof endpoint === "string" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(endpoint)
            ? `endpoint "${endpoint}"`
            : undefined;
        },
      },
      inOwnRegion("topic", "the topic subscribed to", [api("sns", "Subscribe")]),
    ],
    creation: { seconds: 3, source: tfDocs("sns_topic_subscription") },
    price: none(`usage-priced only (deliveries): ${PRICING.sns}`),
    replacement: { replaceOn: ["protocol", "topic", "endpoint"], sources: [tf("sns/topic_subscription.go"), registry(SNS_SUBSCRIPTION)] },
    data: none("a delivery target; an email subscription must be confirmed again when re-created"),
  },
  {
    type: BACKUP_VAULT,
    mock: (ctx) => {
      const name = physicalName(ctx);
      return { id: name, outputs: { name, arn: arn("backup", ctx.region, `backup-vault:${name}`, ctx.account), recoveryPoints: 0 } };
    },
    mockSources: [registry(BACKUP_VAULT)],
    validation: [
      nameRule({
        property: "name",
        min: 2,
        max: 50,
        pattern: /^[a-zA-Z0-9_-]+$/,
        rule: "backup vault names are 2-50 letters, digits, hyphens or underscores",
        sources: [BACKUP_API("CreateBackupVault"), tf("backup/vault.go")],
      }),
      inOwnRegion("kmsKeyArn", "the KMS key encrypting the vault", [BACKUP_API("CreateBackupVault")]),
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("backup_vault") },
    price: none(`priced by the recovery points it holds (see the backup plan's price): ${PRICING.backup}`),
    replacement: { replaceOn: ["name", "kmsKeyArn"], sources: [tf("backup/vault.go"), registry(BACKUP_VAULT)] },
    data: {
      kind: "storage",
      protectedInProd: false,
      why: "AWS refuses to delete a vault that still holds recovery points, so the snapshots in it outlive a deletion attempt",
      sources: [BACKUP_API("DeleteBackupVault")],
    },
  },
  {
    type: BACKUP_PLAN,
    mock: (ctx) => {
      const id = uuid(ctx.urn);
      return { id, outputs: { arn: arn("backup", ctx.region, `backup-plan:${id}`, ctx.account), version: hex(ctx.urn + "/v", 32) } };
    },
    mockSources: [registry(BACKUP_PLAN)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 50,
        pattern: /^[a-zA-Z0-9_.-]+$/,
        rule: "backup plan names are 1-50 letters, digits or -_. characters",
        sources: [BACKUP_API("BackupPlanInput")],
      }),
      {
        property: "rules",
        rule: "rule names are 1-50 letters, digits or -_. characters; schedules are cron(...) or rate(...); a start window is at least 60 minutes; retention after a cold-storage move is at least 90 days more; copy targets are vault ARNs",
        sources: [BACKUP_API("BackupRuleInput"), BACKUP_API("Lifecycle"), BACKUP_API("CopyAction")],
        check: (ctx) =>
          (ctx.inputs.rules ?? []).flatMap((r: any) => {
            const problems: string[] = [];
            if (typeof r.ruleName !== "string" || !/^[a-zA-Z0-9_.-]{1,50}$/.test(r.ruleName)) problems.push(`rule name "${r.ruleName}"`);
            if (r.schedule !== undefined && !/^(cron\((\S+ ){5}\S+\)|rate\(.+\))$/.test(r.schedule))
              problems.push(`schedule "${r.schedule}"`);
            if (typeof r.startWindow === "number" && r.startWindow < 60) problems.push(`start window of ${r.startWindow} minutes`);
            for (const lifecycle of [r.lifecycle, ...(r.copyActions ?? []).map((c: any) => c.lifecycle)]) {
              const { coldStorageAfter, deleteAfter } = lifecycle ?? {};
              if (typeof coldStorageAfter === "number" && typeof deleteAfter === "number" && deleteAfter < coldStorageAfter + 90)
                problems.push(`deleteAfter ${deleteAfter} is less than 90 days after coldStorageAfter ${coldStorageAfter}`);
            }
            for (const copy of r.copyActions ?? [])
              if (
                typeof copy.destinationVaultArn !== "string" ||
                !/^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:/.test(copy.destinationVaultArn)
              )
                problems.push(`copy target "${copy.destinationVaultArn}"`);
            return problems;
          }),
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("backup_plan") },
    price: backupPrice,
    replacement: NO_TRIGGERS,
    data: none("a schedule: the recovery points it made stay in their vaults"),
  },
  {
    type: BACKUP_SELECTION,
    mock: (ctx) => ({ id: uuid(ctx.urn) }),
    mockSources: [registry(BACKUP_SELECTION)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 50,
        pattern: /^[a-zA-Z0-9_.-]+$/,
        rule: "backup selection names are 1-50 letters, digits or -_. characters",
        sources: [BACKUP_API("BackupSelection")],
      }),
      roleArnRule("iamRoleArn", [BACKUP_API("BackupSelection")]),
    ],
    creation: { seconds: 5, source: tfDocs("backup_selection") },
    price: none(`no charge of its own (${PRICING.backup})`),
    replacement: none("a selection is immutable: the provider replaces it on any change; it holds no data"),
    data: NO_DATA,
  },
  {
    type: BUDGET,
    mock: (ctx) => {
      const name = physicalName(ctx);
      // Budgets are global: `arn:aws:budgets::<account>:budget/<name>`, id `<account>:<name>`.
      return {
        id: `${ctx.account}:${name}`,
        outputs: { name, accountId: ctx.account, arn: `arn:aws:budgets::${ctx.account}:budget/${name}` },
      };
    },
    mockSources: [registry(BUDGET)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 100,
        pattern: /^[^:\\]+$/,
        rule: "budget names are 1-100 characters without : or \\",
        sources: [BUDGETS_API("CreateBudget"), BUDGETS_API("Budget")],
      }),
      {
        property: "notifications",
        rule: "at most 5 notifications per budget and 10 subscribers per notification",
        sources: ["https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-controls.html", BUDGETS_API("CreateBudget")],
        check: (ctx) => {
          const notifications: any[] = ctx.inputs.notifications ?? [];
          const problems: string[] = [];
          if (notifications.length > 5) problems.push(`${notifications.length} notifications`);
          for (const n of notifications) {
            const subscribers = (n.subscriberEmailAddresses ?? []).length + (n.subscriberSnsTopicArns ?? []).length;
            if (subscribers > 10) problems.push(`a notification with ${subscribers} subscribers`);
          }
          return problems;
        },
      },
      {
        property: "timeUnit",
        rule: "DAILY, MONTHLY, QUARTERLY or ANNUALLY",
        sources: [BUDGETS_API("Budget")],
        check: (ctx) =>
          ctx.inputs.timeUnit !== undefined && !["DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY"].includes(ctx.inputs.timeUnit)
            ? `"${ctx.inputs.timeUnit}"`
            : undefined,
      },
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("budgets_budget") },
    price: none(`the first two action-free budgets are free: ${PRICING.budgets}`),
    replacement: { replaceOn: ["name", "namePrefix", "accountId"], sources: [tf("budgets/budget.go"), registry(BUDGET)] },
    data: NO_DATA,
  },
];
