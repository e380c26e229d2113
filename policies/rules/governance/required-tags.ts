import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { effectiveTags, isAwsResource } from "../../lib/resources";

interface Config {
  readonly requiredTags: readonly string[];
}

const taggable = new Map<string, boolean>();

/**
 * Whether an AWS resource type accepts tags: its generated class passes `args.tags` on as an
 * input (the same code generator writes every aws v7 class, so this is exact).
 */
export function isTaggableAwsType(type: string): boolean {
  let known = taggable.get(type);
  if (known === undefined) {
    const [, module, name] = /^aws:([^/]+)\/[^:]+:(.+)$/.exec(type) ?? [];
    const namespace: any = module === "index" ? aws : (aws as any)[module];
    const cls: unknown = namespace?.[name];
    known = typeof cls === "function" && /resourceInputs\["tags"\] = args/.test(cls.toString());
    taggable.set(type, known);
  }
  return known;
}

/**
 * Every taggable AWS resource carries the platform's tags. They normally come from the regional
 * provider's `defaultTags`, merged under the resource's own `tags` here exactly as AWS merges them
 * (offline there is no provider Check, so `tagsAll` does not exist: this reads what the program sets).
 */
export const requiredTags: ResourceValidationPolicy = {
  name: "required-tags",
  description: "Taggable AWS resources carry the required tags (from the provider's default tags or their own).",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: {
    properties: {
      requiredTags: {
        type: "array",
        items: { type: "string", minLength: 1 },
        uniqueItems: true,
        description: "Tag keys every taggable resource must carry, with a non-empty value.",
        default: ["environment", "region", "residency-zone", "stack", "managed-by", "team", "cost-center"],
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const { requiredTags: required } = args.getConfig<Config>();
    if (!isAwsResource(args.type) || !isTaggableAwsType(args.type)) return;
    const tags = effectiveTags(args);
    const missing = required.filter((key) => !tags[key]);
    if (missing.length > 0) {
      reportViolation(`${args.name} lacks tag(s) ${missing.join(", ")}; add them to the provider's defaultTags (or the resource's tags).`);
    }
  },
};
