/** The process-tree memory `npm run bench -- --tests` prints for jest (bench/processTree.ts). */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { peakOf, treeMemory } from "../../bench/processTree";
import { formatMemory } from "../../bench/tests";

const MB = 1024 ** 2;

/** A /proc of our own: pid -> [parent, command, VmRSS in kB or none, Pss in kB or no smaps_rollup]. */
function fakeProc(processes: Record<number, [number, string, number | undefined, number?]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-fake-proc-"));
  fs.mkdirSync(path.join(dir, "self"));
  for (const [pid, [ppid, command, rssKb, pssKb]] of Object.entries(processes)) {
    fs.mkdirSync(path.join(dir, pid));
    fs.writeFileSync(path.join(dir, pid, "stat"), `${pid} (${command}) S ${ppid} ${pid} ${pid} 0 -1 4194560 100 0 0 0\n`);
    fs.writeFileSync(path.join(dir, pid, "status"), `Name:\t${command}\n${rssKb === undefined ? "" : `VmRSS:\t ${rssKb} kB\n`}Threads:\t1\n`);
    if (pssKb !== undefined) fs.writeFileSync(path.join(dir, pid, "smaps_rollup"), `00400000-7ffd0000 ---p 00000000 00:00 0 [rollup]\nRss:  ${rssKb} kB\nPss:  ${pssKb} kB\nPss_Anon:  ${pssKb} kB\n`);
  }
  return dir;
}

test("sums the root and its descendants only, and names the largest", () => {
  const proc = fakeProc({
    10: [1, "npm exec jest", 64 * 1024],
    11: [10, "node jest", 70 * 1024],
    12: [11, "jest worker", 600 * 1024],
    13: [11, "jest worker", 450 * 1024],
    14: [12, "node (run-policy-pack) x", 200 * 1024],
    20: [1, "another tenant", 5000 * 1024],
    15: [13, "zombie", undefined],
  });
  expect(treeMemory(10, proc)).toEqual({ largest: 600 * MB, total: (64 + 70 + 600 + 450 + 200) * MB, processes: 6 });
  expect(treeMemory(13, proc)).toEqual({ largest: 450 * MB, total: 450 * MB, processes: 2 });
  // A process gone by the time it is read is no error.
  expect(treeMemory(99, proc)).toEqual({ largest: 0, total: 0, processes: 0 });
  fs.rmSync(proc, { recursive: true, force: true });
});

test("the tree's sum counts shared pages once (Pss); the largest process is its RSS", () => {
  const proc = fakeProc({
    10: [1, "node jest", 68 * 1024, 35 * 1024],
    11: [10, "jest worker", 600 * 1024, 550 * 1024],
    // A kernel without smaps_rollup, or one unreadable: its RSS counts.
    12: [10, "jest worker", 450 * 1024],
  });
  expect(treeMemory(10, proc)).toEqual({ largest: 600 * MB, total: (35 + 550 + 450) * MB, processes: 3 });
  fs.rmSync(proc, { recursive: true, force: true });
});

test("reads this machine's /proc: a child counts with its parent", async () => {
  const child = spawn("sleep", ["30"]);
  await new Promise((resolve) => child.once("spawn", resolve));
  try {
    const alone = treeMemory(child.pid!);
    const withChild = treeMemory(process.pid);
    expect(alone.processes).toBe(1);
    expect(alone.largest).toBeGreaterThan(0);
    expect(withChild.processes).toBeGreaterThanOrEqual(2);
    expect(withChild.total).toBeGreaterThan(withChild.largest * 0.5);
    // Proportional: the two processes share their libraries, so the sum is under the sum of their RSS.
    const rssOf = (pid: number) => Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;
    expect(alone.total).toBeLessThan(rssOf(child.pid!));
  } finally {
    child.kill();
  }
});

test("keeps the highest of each figure across samples, and prints them against the budget", () => {
  const peak = peakOf({ largest: 700 * MB, total: 900 * MB, processes: 4 }, { largest: 500 * MB, total: 1300 * MB, processes: 6 });
  expect(peak).toEqual({ largest: 700 * MB, total: 1300 * MB, processes: 6 });
  expect(formatMemory(peak)).toBe("jest peak memory             largest process 700 MB, whole tree 1300 MB (shared pages once; 6 processes at most; budget 1024 MB)");
});
