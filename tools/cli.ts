import { parseArgs, ParseArgsConfig } from "node:util";
import * as path from "node:path";
import { ConfigError } from "../components/config/errors";
import { StackFileError } from "./engine/stack-files";

/** Exit codes shared by every tool: 0 done, 1 failed checks or program error, 2 bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** The repository root, whichever directory a tool is started from (tools run from build/tools). */
export const REPO_ROOT = path.resolve(__dirname, "../..");

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Parses argv strictly; unknown flags and missing values become a UsageError naming the flag. */
export function parseToolArgs<T extends NonNullable<ParseArgsConfig["options"]>>(options: T, usage: string, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]}\nusage: ${usage}`);
  }
}

/**
 * Runs a tool's main function and turns its errors into one clear message and an exit code, with
 * no stack trace for bad input (config, stack files, usage).
 */
export function runTool(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
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
