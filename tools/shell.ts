/**
 * Commands the tools print for a user to paste into a POSIX shell. Every argument that comes from
 * input (config keys, stack names, git refs) is quoted, so it reaches the command as one word
 * whatever it holds: no expansion, no second command.
 */

/** Characters that mean nothing to a POSIX shell in an unquoted word (Python's shlex.quote keeps the same set). */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument, quoted for a POSIX shell: as is when safe, else in single quotes (a ' becomes '\''). */
export function shellQuote(arg: string): string {
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line from its words; a word given as `{ raw }` is printed as written (a placeholder such as <value>). */
export function shellCommand(words: readonly (string | { readonly raw: string })[]): string {
  return words.map((w) => (typeof w === "string" ? shellQuote(w) : w.raw)).join(" ");
}

/** True when text holds characters a terminal would act on (escape sequences, carriage returns). */
export function hasControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(text);
}
