/** IAM: roles, inline and managed policies, attachments, instance profiles (global, free). */
import { alnum, hex } from "../../engine/ids";
import { physicalName } from "../../engine/mocks/naming";
import { PRICING } from "../prices";
import { TAG_LIMITS, nameRule, rangeRule } from "../rules";
import { PULUMI_AWS_AUTONAMING, api, registry, tf, tfDocs } from "../sources";
import { InputRule, TypeEntry, none } from "../types";
import { SERVICE_LINKED_ROLES } from "../../../components/shared/service-linked-roles";

export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const IAM_INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
export const IAM_SERVICE_LINKED_ROLE = "aws:iam/serviceLinkedRole:ServiceLinkedRole";

const FREE = none(`IAM is offered at no additional charge (${PRICING.iam})`);
const NO_TRIGGERS = none("holds no data; its ForceNew properties are not catalogued, so the diff shows its changes as updates");
const NO_DATA = none("an access definition: recreated from code");
/** IAM entity names: `[\w+=,.@-]`. */
const IAM_NAME = /^[\w+=,.@-]+$/;
const CREATED = "2026-01-01T00:00:00Z";

/** A JSON policy document within IAM's size limit. */
const documentSize = (property: string, max: number, sources: readonly string[]): InputRule => ({
  property,
  rule: `a policy document of at most ${max} characters (whitespace excluded)`,
  sources,
  check: (ctx) => {
    const doc = ctx.inputs[property];
    const text = typeof doc === "string" ? doc : doc === undefined ? undefined : JSON.stringify(doc);
    const size = text?.replace(/\s/g, "").length ?? 0;
    return size > max ? `${size} characters` : undefined;
  },
});

const IAM_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";

export const IAM_ENTRIES: readonly TypeEntry[] = [
  {
    type: IAM_ROLE,
    mock: (ctx) => {
      const name = physicalName(ctx);
      return {
        id: name,
        outputs: {
          name,
          arn: `arn:aws:iam::${ctx.account}:role${ctx.inputs.path ?? "/"}${name}`,
          uniqueId: `AROA${alnum(ctx.urn, 17)}`,
          createDate: CREATED,
        },
      };
    },
    mockSources: [registry(IAM_ROLE)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 64,
        pattern: IAM_NAME,
        rule: "role names are 1-64 letters, digits or +=,.@_- characters (auto-names are capped at 64)",
        sources: [api("IAM", "CreateRole"), tf("iam/role.go"), PULUMI_AWS_AUTONAMING],
      }),
      documentSize("assumeRolePolicy", 2048, [IAM_QUOTAS]),
      rangeRule("maxSessionDuration", 3600, 43200, "a maximum session of seconds", [api("IAM", "CreateRole")]),
      TAG_LIMITS,
    ],
    // IAM is eventually consistent; the provider retries on propagation for a few seconds.
    creation: {
      seconds: 10,
      source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency",
    },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: IAM_ROLE_POLICY,
    mock: (ctx) => {
      const name = physicalName(ctx);
      return { id: `${ctx.inputs.role}:${name}`, outputs: { name } };
    },
    mockSources: [registry(IAM_ROLE_POLICY)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 128,
        pattern: IAM_NAME,
        rule: "inline policy names are 1-128 letters, digits or +=,.@_- characters",
        sources: [api("IAM", "PutRolePolicy")],
      }),
      documentSize("policy", 10240, [IAM_QUOTAS]),
    ],
    creation: { seconds: 5, source: tfDocs("iam_role_policy") },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: IAM_POLICY,
    mock: (ctx) => {
      const name = physicalName(ctx);
      const policyArn = `arn:aws:iam::${ctx.account}:policy${ctx.inputs.path ?? "/"}${name}`;
      return { id: policyArn, outputs: { name, arn: policyArn, policyId: `ANPA${alnum(ctx.urn, 17)}` } };
    },
    mockSources: [registry(IAM_POLICY)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 128,
        pattern: IAM_NAME,
        rule: "managed policy names are 1-128 letters, digits or +=,.@_- characters",
        sources: [api("IAM", "CreatePolicy")],
      }),
      documentSize("policy", 6144, [IAM_QUOTAS]),
      TAG_LIMITS,
    ],
    creation: { seconds: 5, source: tfDocs("iam_policy") },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: IAM_ROLE_POLICY_ATTACHMENT,
    mock: (ctx) => ({ id: `${ctx.inputs.role}-${hex(ctx.urn, 20)}` }),
    mockSources: [registry(IAM_ROLE_POLICY_ATTACHMENT)],
    validation: [
      {
        property: "policyArn",
        rule: "a managed policy ARN (arn:aws:iam::<account or aws>:policy/...)",
        sources: [api("IAM", "AttachRolePolicy")],
        check: (ctx) => {
          const value = ctx.inputs.policyArn;
          return typeof value === "string" && !/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\//.test(value) ? `"${value}"` : undefined;
        },
      },
    ],
    creation: { seconds: 5, source: tfDocs("iam_role_policy_attachment") },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    type: IAM_INSTANCE_PROFILE,
    mock: (ctx) => {
      const name = physicalName(ctx);
      return {
        id: name,
        outputs: { name, arn: `arn:aws:iam::${ctx.account}:instance-profile/${name}`, uniqueId: `AIPA${alnum(ctx.urn, 17)}` },
      };
    },
    mockSources: [registry(IAM_INSTANCE_PROFILE)],
    validation: [
      nameRule({
        property: "name",
        min: 1,
        max: 128,
        pattern: IAM_NAME,
        rule: "instance profile names are 1-128 letters, digits or +=,.@_- characters",
        sources: [api("IAM", "CreateInstanceProfile")],
      }),
      TAG_LIMITS,
    ],
    creation: { seconds: 10, source: tfDocs("iam_instance_profile") },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
  {
    // IAM names a service-linked role for its service and keeps it under /aws-service-role/<service>/.
    type: IAM_SERVICE_LINKED_ROLE,
    mock: (ctx) => {
      const service = String(ctx.inputs.awsServiceName);
      const name = SERVICE_LINKED_ROLES.find((r) => r.service === service)?.roleName ?? `AWSServiceRoleFor${service.split(".")[0]}`;
      const path = `/aws-service-role/${service}/`;
      const roleArn = `arn:aws:iam::${ctx.account}:role${path}${name}`;
      return { id: roleArn, outputs: { name, path, arn: roleArn, uniqueId: `AROA${alnum(ctx.urn, 17)}`, createDate: CREATED } };
    },
    mockSources: [registry(IAM_SERVICE_LINKED_ROLE), api("IAM", "CreateServiceLinkedRole")],
    validation: [
      {
        property: "awsServiceName",
        rule: "the service principal the role is linked to (e.g. spot.amazonaws.com)",
        sources: [api("IAM", "CreateServiceLinkedRole")],
        check: (ctx) => {
          const value = ctx.inputs.awsServiceName;
          return typeof value === "string" && /^[a-z0-9.-]+\.amazonaws\.com$/.test(value) ? undefined : `"${String(value)}"`;
        },
      },
    ],
    creation: { seconds: 10, source: tfDocs("iam_service_linked_role") },
    price: FREE,
    replacement: NO_TRIGGERS,
    data: NO_DATA,
  },
];
