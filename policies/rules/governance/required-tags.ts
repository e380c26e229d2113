import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { effectiveTags, isAwsResource, isRecord, providerDefaultTags } from "../../lib/resources";
import { MIRRORED_POLICIES } from "../../lib/settings";
import { inStackFile } from "../../lib/stack-keys";

interface Config {
  readonly requiredTags: readonly string[];
  readonly trustedTags: readonly string[];
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
 * The tags other policies trust (`trustedTags`: the residency zone, the environment) keep the
 * provider's value: a resource's own tag may not change it. (AWS's tag limits are the mocks' and
 * the stack config's to enforce: AWS refuses such a resource whatever the policies say.)
 */
export const requiredTags: ResourceValidationPolicy = {
  name: "required-tags",
  description: "Taggable AWS resources carry the required tags and keep the provider's values of the trusted ones.",
  ...MIRRORED_POLICIES["required-tags"],
  severity: "medium",
  validateResource: (args, reportViolation) => {
    const { requiredTags: required, trustedTags } = args.getConfig<Config>();
    if (!isAwsResource(args.type) || !isTaggableAwsType(args.type)) return;
    const tags = effectiveTags(args);
    const missing = required.filter((key) => !tags[key]);
    if (missing.length > 0) {
      reportViolation(
        `${args.name} lacks tag(s) ${missing.join(", ")}; add them to the provider's defaultTags (or the resource's tags).${inStackFile("tags")}`,
      );
    }
    const fromProvider = providerDefaultTags(args.provider);
    const own = isRecord(args.props.tags) ? args.props.tags : {};
    for (const key of trustedTags) {
      if (fromProvider[key] !== undefined && Object.hasOwn(own, key) && own[key] !== fromProvider[key]) {
        reportViolation(
          `${args.name} sets its own tag ${key}=${JSON.stringify(own[key])} over its provider's ${JSON.stringify(fromProvider[key])}; the policies trust the provider's ${key}, so a resource may not change it.`,
        );
      }
    }
  },
};
