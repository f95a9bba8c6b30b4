/**
 * Memory of a process and everything it started, read from Linux's /proc: what `npm test`'s
 * memory budget is about. A jest run is several processes at once (the workers, the policy packs
 * and CLI children they start), so the bench reports both the largest one (its RSS, what
 * `/usr/bin/time` reports) and their sum. The sum is of proportional set sizes: every node process
 * maps the same binary and libraries (~35-55 MB of shared pages each, read on this machine), which
 * a sum of RSS would count once per process.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface TreeMemory {
  /** RSS of the largest single process, in bytes. */
  largest: number;
  /** The whole tree's proportional set sizes summed (shared pages counted once), in bytes. */
  total: number;
  processes: number;
}

/** The parent of a /proc/<pid>/stat line: the 2nd field after the command, which sits in parentheses and may hold spaces. */
function parentPid(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** VmRSS of a /proc/<pid>/status, in bytes (the kernel writes it in kB). */
function residentBytes(status: string): number {
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  return kb === undefined ? 0 : Number(kb) * 1024;
}

/** Pss of a /proc/<pid>/smaps_rollup (Linux 4.14+), in bytes; undefined when the kernel has no such file. */
function proportionalBytes(smapsRollup: string): number | undefined {
  const kb = /^Pss:\s+(\d+)\s+kB$/m.exec(smapsRollup)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

/** A process's share of the tree: its Pss, or its RSS where Pss cannot be read. */
function shareBytes(procDir: string, pid: number, rss: number): number {
  try {
    return proportionalBytes(fs.readFileSync(path.join(procDir, String(pid), "smaps_rollup"), "utf8")) ?? rss;
  } catch {
    return rss;
  }
}

/** The memory of `root` and its descendants now; processes that end while being read are skipped. */
export function treeMemory(root: number, procDir = "/proc"): TreeMemory {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync(procDir)) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(path.join(procDir, name, "stat"), "utf8");
    } catch {
      continue;
    }
    const ppid = parentPid(stat);
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const memory: TreeMemory = { largest: 0, total: 0, processes: 0 };
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    let status: string;
    try {
      status = fs.readFileSync(path.join(procDir, String(pid), "status"), "utf8");
    } catch {
      continue;
    }
    const rss = residentBytes(status);
    memory.largest = Math.max(memory.largest, rss);
    memory.total += shareBytes(procDir, pid, rss);
    memory.processes += 1;
    pending.push(...(children.get(pid) ?? []));
  }
  return memory;
}

/** The highest figures of each kind seen so far: fold samples taken while a run goes on. */
export function peakOf(peak: TreeMemory, sample: TreeMemory): TreeMemory {
  return { largest: Math.max(peak.largest, sample.largest), total: Math.max(peak.total, sample.total), processes: Math.max(peak.processes, sample.processes) };
}
