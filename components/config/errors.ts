import { RunError } from "@pulumi/pulumi/errors";

export interface ConfigIssue {
  /** Full key path as a user reads it in the stack file, e.g. `platform:regions[1].cidr`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Bad stack configuration. A `RunError`, so the real Pulumi CLI prints the message without a
 * stack trace; the offline tools print it and exit 2.
 */
export class ConfigError extends RunError {
  public readonly issues: readonly ConfigIssue[];
  public readonly stackFile: string;

  constructor(stackFile: string, issues: readonly ConfigIssue[]) {
    super(formatIssues(stackFile, issues));
    this.name = "ConfigError";
    this.issues = issues;
    this.stackFile = stackFile;
  }
}

export function formatIssues(stackFile: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => `${stackFile}: ${issue.path}: ${issue.message}`);
  const header = issues.length === 1 ? "invalid stack configuration" : `invalid stack configuration (${issues.length} problems)`;
  return `${header}\n${lines.map((l) => `  ${l}`).join("\n")}`;
}

/** A key written bare in a path; any other (a tag key with ":" or spaces) is quoted, escaped: `tags["aws:x"]`. */
const BARE_KEY = /^[A-Za-z_][\w-]*$/;

/** Renders a zod-style path as `regions[1].database.replicas`. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let text = prefix;
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else if (!BARE_KEY.test(String(part))) text += `[${JSON.stringify(String(part))}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text;
}
