import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs, ParseArgsConfig } from "node:util";
import { ConfigError } from "../components/config/errors";
import { StackFileError, stackNameProblem } from "./engine/stack-files";

/** Exit codes shared by every tool: 0 done, 1 failed checks or program error, 2 bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** What every tool's exit codes mean; a tool adds its own (diff: 3). */
const EXIT_CODES: Readonly<Record<number, string>> = {
  [EXIT.ok]: "done",
  [EXIT.failed]: "failed checks (mandatory policy violations) or a program error",
  [EXIT.badInput]: "bad input: stack config, stack file or usage; one error names the file and key, nothing is written",
};

/** The repository root, whichever directory a tool is started from (tools run from build/tools). */
export const REPO_ROOT = path.resolve(__dirname, "../..");

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `--help` was asked for: the tool prints its help on stdout and exits 0. */
class HelpRequested extends Error {
  constructor(readonly text: string) {
    super("help requested");
    this.name = "HelpRequested";
  }
}

/** What `--help` prints for a tool. */
export interface ToolHelp {
  /** The command line, e.g. `npm run plan -- --stack <name> [--json <file>|-]`. */
  readonly usage: string;
  /** One sentence: what the tool does. */
  readonly summary?: string;
  /** Each flag (as written in usage) and what it does. */
  readonly flags?: Readonly<Record<string, string>>;
  /** Exit codes beyond 0, 1 and 2. */
  readonly exitCodes?: Readonly<Record<number, string>>;
}

export function helpText(help: ToolHelp): string {
  const flags = { ...(help.flags ?? {}), "-h, --help": "print this help and exit" };
  const width = Math.max(...Object.keys(flags).map((f) => f.length));
  const codes = { ...EXIT_CODES, ...(help.exitCodes ?? {}) };
  return [
    ...(help.summary ? [help.summary, ""] : []),
    `usage: ${help.usage}`,
    "",
    "options:",
    ...Object.entries(flags).map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    "",
    "exit codes:",
    ...Object.entries(codes).map(([code, text]) => `  ${code}  ${text}`),
    "",
  ].join("\n");
}

/**
 * Parses argv strictly: unknown flags, missing values and a flag given twice are UsageErrors
 * naming the flag; `-h`/`--help` anywhere prints the help instead (exit 0).
 */
export function parseToolArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  options: T,
  usage: string | ToolHelp,
  argv = process.argv.slice(2),
) {
  const help: ToolHelp = typeof usage === "string" ? { usage } : usage;
  if (argv.includes("--help") || argv.includes("-h")) throw new HelpRequested(helpText(help));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]}\nusage: ${help.usage}`);
  }
  const given = new Map<string, string[]>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    given.set(token.name, [...(given.get(token.name) ?? []), token.value ?? "true"]);
  }
  for (const [name, values] of given) {
    if (values.length > 1 && !options[name]?.multiple) {
      throw new UsageError(`--${name} given ${values.length} times (${values.join(", ")}); give it once\nusage: ${help.usage}`);
    }
  }
  return parsed.values;
}

/** A required `--stack`/`--from`/`--to` value, checked as the Pulumi CLI checks stack names. */
export function stackFlag(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined) throw new UsageError(`${flag} is required\nusage: ${usage}`);
  const problem = stackNameProblem(value);
  if (problem) throw new UsageError(`${flag} ${JSON.stringify(value)}: ${problem}`);
  return value;
}

/**
 * Checks, before any work, that an output file can be written: opened for appending (which
 * creates nothing that was not there: a file it created is removed again).
 */
export function checkOutputPath(flag: string, file: string): void {
  const existed = fs.existsSync(file);
  try {
    if (existed && fs.statSync(file).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    fs.closeSync(fs.openSync(file, "a"));
    if (!existed) fs.rmSync(file, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? `directory ${path.dirname(path.resolve(file))} does not exist`
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES" || code === "EPERM" || code === "EROFS"
            ? "permission denied"
            : ((error as Error).message ?? String(error));
    throw new UsageError(`${flag} ${file}: cannot be written (${reason}); name a file in an existing, writable directory`);
  }
}

const cleanups = new Set<() => void>();
let signalsHandled = false;

/**
 * Runs `cleanup` if the process is interrupted (SIGINT, SIGTERM) before the returned function
 * is called; the process then exits 130 or 143, as a shell reports a signal.
 */
export function cleanupOnInterrupt(cleanup: () => void): () => void {
  if (!signalsHandled) {
    signalsHandled = true;
    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
    ] as const) {
      process.on(signal, () => {
        for (const run of [...cleanups]) {
          try {
            run();
          } catch {
            // Best effort: the next run prunes what is left.
          }
        }
        process.stderr.write(`\ninterrupted (${signal}): cleaned up\n`);
        process.exit(code);
      });
    }
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/**
 * A reader that goes away (`npm run plan | head`) closes the pipe: stop writing to it, and keep
 * the exit code the work itself earns.
 */
function tolerateClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") return;
      process.exitCode = EXIT.failed;
    });
  }
}

/**
 * Runs a tool's main function and turns its errors into one clear message and an exit code, with
 * no stack trace for bad input (config, stack files, usage).
 */
export function runTool(main: () => Promise<number>): void {
  tolerateClosedPipes();
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof HelpRequested) {
        process.stdout.write(error.text);
        process.exitCode = EXIT.ok;
        return;
      }
      if (error instanceof ConfigError || error instanceof StackFileError || error instanceof UsageError) {
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = EXIT.badInput;
        return;
      }
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      process.stderr.write(`error: ${message}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
