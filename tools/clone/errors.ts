/**
 * A refusal of a clone command: bad options, or a clone that cannot be made safely. The CLIs
 * print it as `error: …` lines, write nothing and exit 2.
 */
export class CloneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CloneError";
  }
}
