// What the load benchmarks read about the server process from /proc: CPU time (its own and that
// of the children it waited for: the sandboxes), resident memory, and the sandbox processes
// still alive below it.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": field 3 (state) is index 0.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds of `pid`: user + system, its own and its reaped children's (sandbox runs). */
export function cpuSeconds(pid: number): { own: number; children: number } {
  const fields = statFields(pid);
  if (!fields) return { own: Number.NaN, children: Number.NaN };
  const ticks = (index: number) => Number(fields[index]);
  // utime 14, stime 15, cutime 16, cstime 17 (1-based), i.e. 11..14 after the state field.
  return { own: (ticks(11) + ticks(12)) / TICKS_PER_SECOND, children: (ticks(13) + ticks(14)) / TICKS_PER_SECOND };
}

/** Resident set size of `pid` in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) * 1024;
}

export interface LiveProcess {
  pid: number;
  command: string;
  /** User + system CPU seconds so far. */
  cpuSeconds: number;
}

/**
 * Live (non-zombie) descendants of `pid` that are sandbox processes (prlimit, bwrap, python3).
 * Inner bwrap and Python run in their own session but still descend from the server.
 */
export function sandboxProcessesUnder(pid: number): LiveProcess[] {
  const children = new Map<number, number[]>();
  const commands = new Map<number, { command: string; zombie: boolean; cpuSeconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (!fields) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    const parent = Number(fields[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    commands.set(Number(entry), { command, zombie: fields[0] === 'Z', cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
  }
  const found: LiveProcess[] = [];
  const pending = [...(children.get(pid) ?? [])];
  while (pending.length > 0) {
    const next = pending.pop()!;
    pending.push(...(children.get(next) ?? []));
    const info = commands.get(next);
    if (info && !info.zombie && /^(prlimit|bwrap|python3?)/.test(info.command)) found.push({ pid: next, command: info.command, cpuSeconds: info.cpuSeconds });
  }
  return found;
}

/**
 * CPU seconds of the sandboxes under `pid`, sampled every `intervalMs`: bwrap does not wait for
 * the processes of its PID namespace, so their time never reaches the server's `cutime`. Each
 * process counts with the last value seen (up to one interval short per process).
 */
export function sampleSandboxCpu(pid: number, intervalMs = 100): { stop(): number } {
  const seen = new Map<number, number>();
  const sample = () => {
    for (const entry of sandboxProcessesUnder(pid)) seen.set(entry.pid, Math.max(seen.get(entry.pid) ?? 0, entry.cpuSeconds));
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...seen.values()].reduce((sum, seconds) => sum + seconds, 0);
    },
  };
}
