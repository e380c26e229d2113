/**
 * Whole-process measurements, as a user waits for a command: wall time from spawn to exit, the
 * CPU time of the whole process tree (steadier than wall time on a shared machine), and the peak
 * resident memory of the tree (npm, node, mocha's workers, the plans they spawn), sampled from
 * /proc every 50 ms. Where /proc is missing (not Linux) CPU and memory are NaN.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";

export interface ProcessRun {
  readonly wallMs: number;
  /** User + system time of the command and every descendant it waited for. */
  readonly cpuMs: number;
  readonly code: number | null;
  /** Peak of the whole tree's summed resident memory. */
  readonly peakTreeMiB: number;
  /** Peak resident memory of the largest single process of the tree. */
  readonly peakProcessMiB: number;
  readonly stderr: string;
}

const SAMPLE_MS = 50;
const HAS_PROC = fs.existsSync("/proc/self/status");

function residentKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pid and all its descendants (children of every thread: libuv may fork from any). */
function tree(root: number): number[] {
  const pids = [root];
  for (let i = 0; i < pids.length; i++) {
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${pids[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = fs.readFileSync(`/proc/${pids[i]}/task/${task}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      } catch {
        // The thread ended between the two reads.
      }
    }
  }
  return pids;
}

/**
 * A shell runs the command and waits for it, then prints its own /proc stat, whose cutime and
 * cstime hold the CPU time of everything it waited for (in clock ticks, 100 a second on Linux).
 */
const WITH_CPU = 'set +e; "$@" > /dev/null; code=$?; cat /proc/$$/stat; exit $code';
const TICKS_PER_SECOND = 100;

function cpuMsOf(stat: string): number {
  // After "pid (comm) ": state, ppid, ..., utime (11), stime (12), cutime (13), cstime (14).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ([11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / TICKS_PER_SECOND) * 1000;
}

/** Runs `command args` to completion (stdout discarded, stderr kept for errors). */
export function runProcess(command: string, args: readonly string[], options: { cwd: string }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const [file, argv] = HAS_PROC ? ["/bin/sh", ["-c", WITH_CPU, "sh", command, ...args]] : [command, [...args]];
    const child = spawn(file, argv, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    let peakTree = 0;
    let peakProcess = 0;
    const sample = () => {
      if (!HAS_PROC || child.pid === undefined) return;
      const sizes = tree(child.pid).map(residentKiB);
      peakTree = Math.max(
        peakTree,
        sizes.reduce((a, b) => a + b, 0),
      );
      peakProcess = Math.max(peakProcess, ...sizes);
    };
    const timer = setInterval(sample, SAMPLE_MS);
    child.on("spawn", sample);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      const stat = Buffer.concat(stdout).toString("utf8").trim();
      resolve({
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
        cpuMs: HAS_PROC && stat.includes(")") ? cpuMsOf(stat) : NaN,
        code,
        peakTreeMiB: HAS_PROC ? peakTree / 1024 : NaN,
        peakProcessMiB: HAS_PROC ? peakProcess / 1024 : NaN,
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

/** The median run by wall time. */
export function medianRun(runs: readonly ProcessRun[]): ProcessRun {
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)];
}
