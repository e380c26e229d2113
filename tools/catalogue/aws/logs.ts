/** CloudWatch Logs: log groups. */
import { arn } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { PRICING } from "../prices";
import { TAG_LIMITS, arnInOwnRegion, nameRule } from "../rules";
import { api, registry, tf, tfDocs } from "../sources";
import { TypeEntry, none } from "../types";

export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** Retention values CloudWatch Logs accepts (0 = never expire). */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export const LOG_ENTRIES: readonly TypeEntry[] = [
  {
    type: LOG_GROUP,
    mock: (ctx) => {
      const name = physicalName(ctx);
      return { id: name, outputs: { name, arn: arn("logs", ctx.region, `log-group:${name}`, ctx.account) } };
    },
    mockSources: [registry(LOG_GROUP)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 512,
        pattern: /^[.\-_/#A-Za-z0-9]+$/,
        forbidden: [[/^aws\//, "starts with aws/, a prefix reserved for AWS services"]],
        rule: "log group names are 1-512 letters, digits or ._-/# characters and never start with aws/",
        sources: [api("AmazonCloudWatchLogs", "CreateLogGroup"), tf("logs/group.go")],
      }),
      {
        property: "retentionInDays",
        rule: `one of ${LOG_RETENTION_DAYS.join(", ")} days`,
        sources: [api("AmazonCloudWatchLogs", "PutRetentionPolicy")],
        check: (ctx) => {
          const days = ctx.inputs.retentionInDays;
          return days !== undefined && !LOG_RETENTION_DAYS.includes(days) ? `${days} days` : undefined;
        },
      },
      arnInOwnRegion("kmsKeyId", "the KMS key encrypting the log group", [api("AmazonCloudWatchLogs", "CreateLogGroup")]),
      TAG_LIMITS,
    ],
    creation: { seconds: 3, source: tfDocs("cloudwatch_log_group") },
    price: none(`usage-priced only (ingestion, storage), not part of the fixed floor: ${PRICING.logs}`),
    replacement: { replaceOn: ["name", "namePrefix"], sources: [tf("logs/group.go"), registry(LOG_GROUP)] },
    data: none("logs expire with their retention; the audit copies that matter are kept elsewhere (S3 with lifecycle)"),
  },
];
