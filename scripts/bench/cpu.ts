import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second, the unit of /proc/<pid>/stat's times. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  ppid: number;
  /** utime + stime, plus cutime + cstime (children it has reaped), in seconds. */
  seconds: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: fields are counted after its last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 4 (ppid) and 14–17 (utime, stime, cutime, cstime), numbered from 1 as proc(5) does; fields[0] is field 3.
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
  return { ppid: Number(fields[1]), seconds: (utime + stime + cutime + cstime) / TICKS };
}

/** CPU seconds a process has used so far (every thread), or undefined once it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  return readStat(pid)?.seconds;
}

/** CPU seconds of a process and every live descendant (tsx's esbuild, a shell…), read from /proc. */
function treeCpuSeconds(root: number): number {
  const children = new Map<number, number[]>();
  const stats = new Map<number, Stat>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    stats.set(Number(entry), stat);
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  let total = 0;
  const visit = (pid: number) => {
    total += stats.get(pid)?.seconds ?? 0;
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return total;
}

/** A process the bench measures, and whose side its CPU is counted for. */
export interface MeasuredPart {
  name: string;
  pid: number;
  side: 'laurel' | 'bare' | 'shared';
}

export type CpuReading = Record<string, number>;

export function readCpu(parts: readonly MeasuredPart[]): CpuReading {
  return Object.fromEntries(parts.map((p) => [p.name, treeCpuSeconds(p.pid)]));
}

export function cpuSince(before: CpuReading, after: CpuReading): CpuReading {
  return Object.fromEntries(Object.keys(after).map((name) => [name, Math.max(0, after[name] - (before[name] ?? 0))]));
}
