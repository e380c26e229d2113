/**
 * State that several processes on this machine share (the test plan cache, the diff's worktrees):
 * files written so no reader sees half of one, and owners that may have died.
 */
import * as fs from "node:fs";

/** Whether a process with this pid exists (EPERM: it does, owned by another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Writes through a temporary file beside `file`, so a reader never sees half of it. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
