/**
 * GitHub's CODEOWNERS rules (docs.github.com, "About code owners"): one `pattern owner...` per
 * line, `#` comments, gitignore-style patterns, and the LAST matching line wins. A line with a
 * pattern and no owners makes the path unowned.
 */
export interface OwnerRule {
  readonly pattern: string;
  readonly owners: readonly string[];
  readonly line: number;
}

export function parseCodeowners(text: string): OwnerRule[] {
  return text.split("\n").flatMap((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") return [];
    const [pattern, ...owners] = line.split(/\s+/);
    return [{ pattern, owners, line: i + 1 }];
  });
}

/** A gitignore-style pattern as a regular expression over repository paths (no leading slash). */
export function patternRegex(pattern: string): RegExp {
  const anchored = pattern.startsWith("/") || pattern.slice(0, -1).includes("/");
  const body = pattern.replace(/^\//, "");
  const directory = body.endsWith("/");
  let source = "";
  const text = directory ? body.slice(0, -1) : body;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "*" && text[i + 1] === "*") {
      source += ".*";
      i++;
      if (text[i + 1] === "/") i++;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  const prefix = anchored ? "^" : "^(?:.*/)?";
  // A pattern matches the path itself or, as a directory, everything below it.
  return new RegExp(`${prefix}${source}${directory ? "/.*" : "(?:/.*)?"}$`);
}

/** Owners of a path: the last matching rule's owners, or none. */
export function ownersOf(rules: readonly OwnerRule[], path: string): readonly string[] {
  let owners: readonly string[] = [];
  for (const rule of rules) if (patternRegex(rule.pattern).test(path)) owners = rule.owners;
  return owners;
}
