/**
 * The pull-request gate on `npm run diff`: when the diff would delete or replace a stateful
 * resource (exit 3), the change is blocked unless the pull request carries the named label, or a
 * code owner of the stack file approved the pull request's current head commit.
 *
 * Owners are matched by user handle. A team handle (`@org/team`) cannot be expanded with the
 * workflow's token (GitHub gives GITHUB_TOKEN no organization `members` permission), so a team
 * member's approval does not count here: the label is their way, and the gate says so.
 */
import { OwnerRule, ownersOf } from "./codeowners";

export const ALLOW_LABEL = "allow-stateful-change";

/** The parts of a GitHub pull-request review the gate reads (REST: GET /pulls/{n}/reviews). */
export interface Review {
  readonly user: { readonly login: string } | null;
  readonly state: string;
  readonly commit_id: string;
  readonly submitted_at?: string;
}

export interface GateInput {
  readonly stack: string;
  /** `npm run diff --json`: its `dangerous` changes (stateful deletes and replacements). */
  readonly dangerous: readonly { readonly type: string; readonly name: string; readonly op: string; readonly region?: string }[];
  readonly labels: readonly string[];
  readonly reviews: readonly Review[];
  readonly headSha: string;
  readonly codeowners: readonly OwnerRule[];
}

export interface GateDecision {
  readonly allowed: boolean;
  readonly reason: string;
}

/** Each reviewer's standing review: their latest one that approved, requested changes or was dismissed. */
export function standingReviews(reviews: readonly Review[]): Map<string, Review> {
  const standing = new Map<string, Review>();
  for (const review of reviews) {
    if (review.user === null || !["APPROVED", "CHANGES_REQUESTED", "DISMISSED"].includes(review.state)) continue;
    standing.set(review.user.login.toLowerCase(), review);
  }
  return standing;
}

export function decideGate(input: GateInput): GateDecision {
  const stackFile = `Pulumi.${input.stack}.yaml`;
  if (input.dangerous.length === 0) return { allowed: true, reason: "no stateful resource is deleted or replaced" };
  if (input.labels.includes(ALLOW_LABEL)) return { allowed: true, reason: `allowed by the label \`${ALLOW_LABEL}\`` };

  const owners = ownersOf(input.codeowners, stackFile);
  const users = owners.filter((o) => o.startsWith("@") && !o.includes("/")).map((o) => o.slice(1).toLowerCase());
  const approvers = [...standingReviews(input.reviews).entries()]
    .filter(([login, review]) => users.includes(login) && review.state === "APPROVED" && review.commit_id === input.headSha)
    .map(([login]) => login);
  if (approvers.length > 0) {
    return { allowed: true, reason: `allowed by the approval of ${approvers.map((a) => `@${a}`).join(", ")} (code owner of ${stackFile})` };
  }
  const teams = owners.filter((o) => o.includes("/"));
  const who =
    users.length > 0
      ? `an approval of the current commit by a code owner of ${stackFile} (${users.map((u) => `@${u}`).join(", ")})`
      : `an approval by a user listed for ${stackFile} in CODEOWNERS (none is listed)`;
  const teamNote =
    teams.length > 0 ? `; team owners (${teams.join(", ")}) cannot be checked with the workflow token, so they use the label` : "";
  return {
    allowed: false,
    reason: `${input.dangerous.length} stateful resource(s) would be deleted or replaced; this needs the label \`${ALLOW_LABEL}\` or ${who}${teamNote}`,
  };
}

export function renderGateMarkdown(input: GateInput, decision: GateDecision): string {
  const lines = [`### Stateful-change gate: stack \`${input.stack}\``, ""];
  lines.push(decision.allowed ? `**Passed**: ${decision.reason}.` : `> [!CAUTION]\n> **Blocked**: ${decision.reason}.`);
  if (input.dangerous.length > 0) {
    lines.push("", ...input.dangerous.map((c) => `- ${c.op} \`${c.type}\` ${c.name}${c.region ? ` (${c.region})` : ""}`));
  }
  return lines.join("\n");
}
