/** Text and markdown forms of a PlanDiff. Values print in their JSON form: secrets stay "[secret]". */
import { diffWordsWithSpace } from "diff";
import { renderCostDeltaMarkdown, renderCostDeltaText } from "./cost-estimate";
import { PlanDiff, PropertyChange, ResourceChange } from "./diff";

const SYMBOL: Record<ResourceChange["op"], string> = { create: "+", delete: "-", update: "~", replace: "+-" };
const MAX_VALUE = 120;

function show(value: unknown): string {
  if (value === undefined) return "(unset)";
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Context kept around each changed run of a long string. */
const CONTEXT = 24;

/**
 * A long string changed in place, as jsdiff's word diff with the changed runs marked
 * (`[-old-]{+new+}`) and only some context around them, so the change is never cut off.
 */
export function inlineStringDiff(before: string, after: string): string {
  const parts = diffWordsWithSpace(before, after);
  return parts
    .map((part, i) => {
      if (part.removed) return `[-${part.value}-]`;
      if (part.added) return `{+${part.value}+}`;
      const text = part.value;
      const [head, tail] = [i === 0, i === parts.length - 1];
      if (text.length <= 2 * CONTEXT) return text;
      if (head) return `…${text.slice(-CONTEXT)}`;
      if (tail) return `${text.slice(0, CONTEXT)}…`;
      return `${text.slice(0, CONTEXT)}…${text.slice(-CONTEXT)}`;
    })
    .join("");
}

/** `+ path: value` (added), `- path: value` (removed) or `~ path: before => after`. */
function changeLine(c: PropertyChange): string {
  const mark = c.replaces ? "  [forces replacement]" : "";
  if (!("before" in c) || c.before === undefined) return `+ ${c.path}: ${show(c.after)}${mark}`;
  if (!("after" in c) || c.after === undefined) return `- ${c.path}: ${show(c.before)}${mark}`;
  if (
    typeof c.before === "string" &&
    typeof c.after === "string" &&
    JSON.stringify(c.before).length + JSON.stringify(c.after).length > MAX_VALUE
  )
    return `~ ${c.path}: ${inlineStringDiff(c.before, c.after)}${mark}`;
  return `~ ${c.path}: ${show(c.before)} => ${show(c.after)}${mark}`;
}

function blockedLine(c: ResourceChange): string {
  const what = c.op === "delete" ? "delete" : "replace";
  return `${c.type} ${c.name}${c.region ? ` in ${c.region}` : ""} is protected: \`pulumi up\` refuses to ${what} it. If losing it is intended, first run: ${c.unprotect}`;
}

function headline(diff: PlanDiff): string {
  const { create, update, replace, delete: del } = diff.counts;
  return `${create} to create, ${update} to update, ${replace} to replace, ${del} to delete`;
}

function warning(c: ResourceChange): string {
  const what = c.op === "delete" ? "DELETED" : "REPLACED (deleted and created anew)";
  return `${c.stateful} ${c.type} ${c.name}${c.region ? ` in ${c.region}` : ""} would be ${what}${c.reasons.length ? `: ${c.reasons.join("; ")}` : ""}`;
}

export function renderDiffText(diff: PlanDiff, baseLabel: string): string {
  const lines = [`Diff of stack ${diff.stack}: ${baseLabel} -> working tree`, ""];
  if (diff.blockedByProtect.length > 0) {
    lines.push(`BLOCKED: ${diff.blockedByProtect.length} protected resource(s) would be replaced or deleted:`);
    for (const c of diff.blockedByProtect) lines.push(`BLOCKED   ${blockedLine(c)}`);
    lines.push("");
  }
  if (diff.dangerous.length > 0) {
    lines.push(`!!! ${diff.dangerous.length} stateful resource(s) would lose their data:`);
    for (const c of diff.dangerous) lines.push(`!!!   ${warning(c)}`);
    lines.push("");
  }
  for (const c of diff.changes) {
    lines.push(
      ` ${SYMBOL[c.op].padEnd(2)} ${c.type}  ${c.name}${c.region ? `  (${c.region})` : ""}${c.stateful ? `  [stateful: ${c.stateful}]` : ""}${c.kind === "deployed" ? "" : `  [${c.kind}]`}`,
    );
    for (const reason of c.reasons) lines.push(`        ! ${reason}`);
    for (const change of c.changes) lines.push(`        ${changeLine(change)}`);
  }
  if (diff.changes.length === 0) lines.push("No changes.");
  lines.push("", `Resources: ${headline(diff)}`, "", renderCostDeltaText(diff.cost), "");
  lines.push(
    "Replacements are predicted from each type's replacement-triggering properties in the resource-type catalogue (tools/catalogue/); a type without catalogued triggers shows its changes as updates.",
  );
  return lines.join("\n");
}

export function renderDiffMarkdown(diff: PlanDiff, baseLabel: string): string {
  const lines = [`## Changes to stack \`${diff.stack}\` against \`${baseLabel}\``, "", `**${headline(diff)}**`, ""];
  if (diff.blockedByProtect.length > 0) {
    lines.push(
      "> [!CAUTION]",
      `> **BLOCKED**: ${diff.blockedByProtect.length} protected resource(s) would be replaced or deleted; \`pulumi up\` refuses them:`,
    );
    for (const c of diff.blockedByProtect) lines.push(`> - ${escapeCell(blockedLine(c).replace(c.unprotect ?? "", `\`${c.unprotect}\``))}`);
    lines.push("");
  }
  if (diff.dangerous.length > 0) {
    lines.push("> [!CAUTION]", `> ${diff.dangerous.length} stateful resource(s) would be deleted or replaced:`);
    for (const c of diff.dangerous) lines.push(`> - ${escapeCell(warning(c))}`);
    lines.push("");
  }
  if (diff.changes.length > 0) {
    lines.push("| Op | Type | Name | Region | Details |", "|---|---|---|---|---|");
    for (const c of diff.changes) {
      const details = [...c.reasons.map((r) => `**${r}**`), ...c.changes.map(changeLine)].map(escapeCell).join("<br>");
      lines.push(`| ${SYMBOL[c.op]} ${c.op} | \`${c.type}\` | ${c.name} | ${c.region ?? ""} | ${details} |`);
    }
  } else {
    lines.push("No changes.");
  }
  lines.push("", renderCostDeltaMarkdown(diff.cost));
  return lines.join("\n");
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * Why the diff exits 3, or undefined: a protected resource replaced or deleted (whatever the flags:
 * `pulumi up` refuses it), or a stateful one without `--allow-replace`.
 */
export function diffRefusal(diff: PlanDiff, allowReplace: boolean): string | undefined {
  if (diff.blockedByProtect.length > 0)
    return `${diff.blockedByProtect.length} protected resource(s) would be replaced or deleted, which \`pulumi up\` refuses; the diff names the \`pulumi state unprotect\` step for each`;
  if (diff.dangerous.length > 0 && !allowReplace)
    return `${diff.dangerous.length} stateful resource(s) would be deleted or replaced; review them, then rerun with --allow-replace if intended`;
  return undefined;
}

/** The `--json` form: the diff itself (already JSON-safe; secrets are "[secret]"). */
export function diffJson(diff: PlanDiff, base: string, allowReplace: boolean): string {
  // `blocked`: the diff exits 3.
  const blocked = diffRefusal(diff, allowReplace) !== undefined;
  // Each property change says what happened at its path, as the text's +, - and ~ do.
  const changes = diff.changes.map((c) => ({ ...c, changes: c.changes.map((p) => ({ change: changeKind(p), ...p })) }));
  return JSON.stringify({ base, allowReplace, blocked, ...diff, changes }, null, 2);
}

function changeKind(c: PropertyChange): "added" | "removed" | "changed" {
  if (c.before === undefined) return "added";
  return c.after === undefined ? "removed" : "changed";
}
