import { z } from "zod";
import { PLATFORM_TAG_KEYS } from "../../../policies/lib/settings";
import { IssueReporter, describe } from "./common";

/**
 * AWS tag rules, as AWS enforces them on every taggable resource (Tagging best practices, "Tag
 * naming limits and requirements": https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html,
 * and each service's TagResource API): at most 50 user tags per resource; keys 1-128 and values
 * 0-256 Unicode characters; letters, digits, spaces and `+ - = . _ : / @`; no `aws:` prefix in
 * any case (reserved for AWS).
 */
export const AWS_MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
/** Letters, digits, space separators and `_ . : / = + - @`: the characters every tagging service accepts. */
const TAG_CHARACTERS = /^[\p{L}\p{Zs}\p{N}_.:/=+\-@]*$/u;

/**
 * Tags the program and the controllers it installs put on resources besides the provider's
 * default tags: `Name`, `role`, `queue`, `source-region`, subnet role tags, and the tags
 * Karpenter adds to its instances (node pool, node claim, node class, cluster). 10 keeps a margin;
 * test/config/tags.test.ts checks the program's own resources stay within it.
 */
export const RESERVED_FOR_PROGRAM = 10;

/** How many `platform:tags` a stack may set: AWS's 50, less the platform's own and the reserve. */
export const MAX_STACK_TAGS = AWS_MAX_TAGS_PER_RESOURCE - PLATFORM_TAG_KEYS.length - RESERVED_FOR_PROGRAM;

/** `platform:tags`: extra tags on every resource of the stack, through the providers' default tags. */
export const tagsSettings = z
  .record(z.string(), z.string({ error: (i) => `must be a string (quote numbers and booleans in YAML), got ${describe(i.input)}` }), {
    error: (i) => `must be a map of tag keys to values, got ${describe(i.input)}`,
  })
  .default({});

/** Where a character is not allowed: its position and code point, printable whatever it is. */
function badCharacter(text: string): string | undefined {
  if (TAG_CHARACTERS.test(text)) return undefined;
  const chars = [...text];
  const index = chars.findIndex((c) => !TAG_CHARACTERS.test(c));
  const code = chars[index].codePointAt(0) ?? 0;
  const name = code < 0x20 || code === 0x7f ? "a control character" : `"${chars[index]}"`;
  return `contains ${name} (U+${code.toString(16).toUpperCase().padStart(4, "0")}) at position ${index + 1}; AWS allows letters, digits, spaces and + - = . _ : / @`;
}

/**
 * Stack tags as AWS would take them, none overriding the platform's own (which the residency,
 * cost and governance rules trust), and every tag the pack requires present. Paths are relative
 * to `tags`.
 */
export function checkTags(tags: Readonly<Record<string, string>>, requiredTags: readonly string[], report: IssueReporter): void {
  const keys = Object.keys(tags);
  if (keys.length > MAX_STACK_TAGS) {
    report(
      [],
      `has ${keys.length} tags; at most ${MAX_STACK_TAGS}: AWS allows ${AWS_MAX_TAGS_PER_RESOURCE} per resource, the platform sets ${PLATFORM_TAG_KEYS.length} (${PLATFORM_TAG_KEYS.join(", ")}) and keeps ${RESERVED_FOR_PROGRAM} for per-resource tags`,
    );
    return;
  }
  for (const key of keys) {
    const value = tags[key];
    if ((PLATFORM_TAG_KEYS as readonly string[]).includes(key)) {
      report(
        [key],
        `is set by the platform on every resource (${PLATFORM_TAG_KEYS.join(", ")}) and the policies trust it (residency zone, environment); a stack may not override it: remove this tag`,
      );
      continue;
    }
    const keyLength = [...key].length;
    if (keyLength === 0 || keyLength > MAX_TAG_KEY_LENGTH) {
      report([key], `tag keys must be 1-${MAX_TAG_KEY_LENGTH} characters, got ${keyLength}`);
    } else if (/^aws:/i.test(key)) {
      report([key], 'tag keys may not start with "aws:" in any case: AWS reserves that prefix');
    } else {
      const bad = badCharacter(key);
      if (bad !== undefined) report([key], `the key ${bad}`);
    }
    const valueLength = [...value].length;
    if (valueLength > MAX_TAG_VALUE_LENGTH) {
      report([key], `tag values must be at most ${MAX_TAG_VALUE_LENGTH} characters, got ${valueLength}`);
    } else if (/^aws:/i.test(value)) {
      report([key], 'tag values may not start with "aws:" in any case: AWS reserves that prefix');
    } else {
      const bad = badCharacter(value);
      if (bad !== undefined) report([key], `the value ${bad}`);
    }
  }
  const missing = requiredTags.filter((key) => !(PLATFORM_TAG_KEYS as readonly string[]).includes(key) && !tags[key]);
  if (missing.length > 0) {
    report([], `must set ${missing.join(" and ")}: the required-tags policy requires them, non-empty, on every resource`);
  }
}
