import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { expect } from "@playwright/test";

/**
 * The processes of this machine as the kernel lists them (Linux /proc), for the supervision specs: who is
 * whose child, what each runs, and whether it is gone (a zombie nobody reaped counts as gone: it runs
 * nothing and holds no port).
 */
interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
    const [state = "", ppid = "0"] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { pid, ppid: Number(ppid), state, command };
  } catch {
    return null;
  }
}

function allProcesses(): ProcessInfo[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((info): info is ProcessInfo => info !== null);
}

/** The process and every descendant of it, now. */
export function processTree(rootPid: number): ProcessInfo[] {
  const all = allProcesses();
  const tree: ProcessInfo[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const info = all.find((candidate) => candidate.pid === pid);
    if (info) tree.push(info);
    for (const child of all.filter((candidate) => candidate.ppid === pid)) queue.push(child.pid);
  }
  return tree;
}

export function isRunning(pid: number): boolean {
  const info = readProcess(pid);
  return info !== null && info.state !== "Z" && info.state !== "X";
}

/** Waits until none of `pids` runs any more (longer than the 60 s a stop gives Neo4j before SIGKILL); fails naming the ones left. */
export async function expectAllGone(pids: number[], timeout = 90_000): Promise<void> {
  await expect
    .poll(() => pids.filter(isRunning).map((pid) => `${pid}: ${readProcess(pid)?.command ?? "?"}`), { timeout, intervals: [250], message: "every process of the run should have stopped" })
    .toEqual([]);
}

/** A command with its output kept (and shown on failure), like a person running it in a terminal. */
export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}
