/** KMS: customer-managed keys and their aliases. */
import { arn, hex } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { PRICING } from "../prices";
import { TAG_LIMITS, rangeRule } from "../rules";
import { PULUMI_AWS_AUTONAMING, api, registry, tf, tfDocs } from "../sources";
import { TypeEntry, none } from "../types";

export const KMS_KEY = "aws:kms/key:Key";
export const KMS_ALIAS = "aws:kms/alias:Alias";

export const KMS_ENTRIES: readonly TypeEntry[] = [
  {
    type: KMS_KEY,
    mock: (ctx) => {
      const keyId = `${hex(ctx.urn, 8)}-${hex(ctx.urn + "1", 4)}-${hex(ctx.urn + "2", 4)}-${hex(ctx.urn + "3", 4)}-${hex(ctx.urn + "4", 12)}`;
      return { id: keyId, outputs: { keyId, arn: arn("kms", ctx.region, `key/${keyId}`, ctx.account) } };
    },
    mockSources: [registry(KMS_KEY), api("kms", "CreateKey")],
    validation: [
      rangeRule("deletionWindowInDays", 7, 30, "a pending-deletion window in days", [api("kms", "ScheduleKeyDeletion"), tf("kms/key.go")]),
      {
        property: "enableKeyRotation",
        rule: "automatic rotation exists only for symmetric encryption keys",
        sources: [api("kms", "EnableKeyRotation")],
        check: (ctx) => {
          const spec = ctx.inputs.customerMasterKeySpec ?? ctx.inputs.keySpec;
          return ctx.inputs.enableKeyRotation === true && spec !== undefined && spec !== "SYMMETRIC_DEFAULT"
            ? `set on a ${spec} key`
            : undefined;
        },
      },
      rangeRule("rotationPeriodInDays", 90, 2560, "a rotation period in days", [api("kms", "EnableKeyRotation")]),
      TAG_LIMITS,
    ],
    creation: { seconds: 10, source: `${tfDocs("kms_key")}#timeouts` },
    price: { tier: "security", sources: [PRICING.kms], monthly: ({ book }) => ({ usd: book.kmsKeyMonth, item: "KMS key(s)" }) },
    replacement: {
      replaceOn: ["customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId"],
      sources: [tf("kms/key.go"), registry(KMS_KEY)],
    },
    data: {
      kind: "key",
      protectedInProd: true,
      why: "a deleted key makes everything it encrypted unreadable",
      sources: ["policies/rules/resilience/deletion-protection.ts", api("kms", "ScheduleKeyDeletion")],
    },
  },
  {
    type: KMS_ALIAS,
    mock: (ctx) => {
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
    mockSources: [registry(KMS_ALIAS)],
    validation: [
      {
        property: "name",
        rule: "alias names are alias/ followed by 1-250 letters, digits or /_- characters, and never start with alias/aws/ (reserved for AWS managed keys)",
        sources: [api("kms", "CreateAlias"), tf("kms/validate.go"), PULUMI_AWS_AUTONAMING],
        check: (ctx) => {
          const name = ctx.outputs.name;
          if (typeof name !== "string") return undefined;
          if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name) || name.length > 256)
            return `"${name}" is not alias/ followed by letters, digits or /_-`;
          return /^alias\/aws\//.test(name) ? `"${name}" uses the reserved alias/aws/ prefix` : undefined;
        },
      },
    ],
    creation: { seconds: 2, source: tfDocs("kms_alias") },
    price: none(`aliases are free (${PRICING.kms})`),
    replacement: { replaceOn: ["name", "namePrefix"], sources: [tf("kms/alias.go"), registry(KMS_ALIAS)] },
    data: none("a name for a key: recreated from code; the key keeps the data"),
  },
];
