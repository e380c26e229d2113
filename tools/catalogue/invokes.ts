/** The invokes (data sources) the program calls, with their offline answers. */
import { arn, hex } from "../engine/ids";
import { coreMocks } from "../engine/mocks/core";
import { MockInvokeHandler } from "../engine/mocks/types";
import { InvokeEntry } from "./types";

const PREFIX_LIST_NAME = "com.amazonaws.global.cloudfront.origin-facing";
/** The origin-facing list's id in us-east-1 (each region has its own id). */
const PREFIX_LIST_IDS: Readonly<Record<string, string>> = { "us-east-1": "pl-3b927c52" };

const managedPrefixList: MockInvokeHandler = (ctx) => {
  if (ctx.inputs.name !== PREFIX_LIST_NAME) throw new Error(`no managed prefix list named ${ctx.inputs.name} in ${ctx.region}`);
  const id = PREFIX_LIST_IDS[ctx.region] ?? `pl-${hex(ctx.region, 8)}`;
  return {
    id,
    name: PREFIX_LIST_NAME,
    arn: arn("ec2", ctx.region, `prefix-list/${id}`, "aws"),
    addressFamily: "IPv4",
    maxEntries: 55,
    ownerId: "AWS",
    version: 1,
    entries: [{ cidr: "120.52.22.96/27", description: "" }],
    tags: {},
  };
};

/** Core invokes keep their mocks in tools/engine/mocks/core.ts; the catalogue names them and their sources. */
const core = (token: string, page: string): InvokeEntry => {
  const mock = coreMocks.invokes?.[token];
  if (!mock) throw new Error(`catalogue: no core mock for invoke ${token}`);
  return { token, mock, mockSources: [page] };
};

export const INVOKE_ENTRIES: readonly InvokeEntry[] = [
  core("aws:index/getCallerIdentity:getCallerIdentity", "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html"),
  core("aws:index/getRegion:getRegion", "https://www.pulumi.com/registry/packages/aws/api-docs/getregion/"),
  core("aws:index/getPartition:getPartition", "https://www.pulumi.com/registry/packages/aws/api-docs/getpartition/"),
  core(
    "aws:index/getAvailabilityZones:getAvailabilityZones",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html",
  ),
  core(
    "aws:iam/getSessionContext:getSessionContext",
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_session_context",
  ),
  {
    token: "aws:ec2/getManagedPrefixList:getManagedPrefixList",
    mock: managedPrefixList,
    mockSources: ["https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html#managed-prefix-list"],
  },
];
