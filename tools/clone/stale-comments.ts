/**
 * Comments a clone carries over that may no longer be true: those that count regions or zones
 * ("all four regions", "two residency zones") or name a region the stack no longer (or not only)
 * has. A clone changes the region list, never the comments, so the next steps name each for review.
 */
import { AWS_REGION_NAMES } from "../../components/config/aws-regions";

const COUNT =
  /(?<!Route )\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+|all|both)\s+(?:[a-z-]+\s+){0,2}?(regions?|zones?|clusters?|primar(?:y|ies)|replicas?)\b/i;

/** `review comment (line N): "…": counts regions` / `names eu-west-1, which …` for each suspect comment line. */
export function staleComments(text: string, regions: readonly string[]): string[] {
  const notes: string[] = [];
  text.split("\n").forEach((line, i) => {
    const at = commentStart(line);
    if (at < 0) return;
    const comment = line.slice(at + 1).trim();
    const reasons: string[] = [];
    const count = COUNT.exec(comment);
    if (count) reasons.push(`says "${count[0]}" (the stack has ${regions.length} region(s): ${regions.join(", ")})`);
    const foreign = AWS_REGION_NAMES.filter((r) => new RegExp(`\\b${r}\\b`).test(comment) && !regions.includes(r));
    if (foreign.length > 0) reasons.push(`names ${foreign.join(", ")}, not a region of this stack`);
    if (reasons.length > 0) notes.push(`review comment (line ${i + 1}): "${comment}" ${reasons.join("; ")}`);
  });
  return notes;
}

/** Where a YAML comment starts on a line (a `#` at the start or after a space, outside quotes), or -1. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) return i;
  }
  return -1;
}

/** The next step the flagged comments call for, or nothing: `update the 2 comment(s) flagged above (lines 16, 23), then `. */
export function reviewStep(notes: readonly string[]): string {
  const lines = notes.map((n) => /^review comment \(line (\d+)\)/.exec(n)?.[1]).filter((l): l is string => l !== undefined);
  return lines.length === 0 ? "" : `update the ${lines.length} comment(s) flagged above (line ${lines.join(", ")}), then `;
}
