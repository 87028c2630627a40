/**
 * CPU pinning for benches on a small machine: the server under test on one
 * core, the load generator (the bench process) on another, so neither steals
 * the other's time. Uses `taskset` (util-linux); `-a` pins every thread of a
 * process, and threads it starts later inherit the mask.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Whether `taskset` exists and there are two cores to split. */
export function canPin(): boolean {
  return cpus().length >= 2 && spawnSync('taskset', ['--version']).status === 0;
}

/** Pins every thread of `pid` to `cpu`; false if it could not (process gone, no permission). */
export function pin(pid: number, cpu: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-cp', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The CPUs a process may run on, as /proc says (`0-1`, `1`, …). */
export function allowedCpus(pid: number | 'self' = 'self'): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1] ?? '?';
}

/** Cumulative CPU time of this process (all threads), µs: user and kernel. */
export function selfCpuMicros(): { user: number; system: number } {
  return process.cpuUsage();
}

/**
 * CPU seconds a core has been busy with processes (user, nice, system) or
 * lost to the hypervisor (steal), from /proc/stat; interrupt and softirq time
 * is left out, as it is not charged to any process either.
 */
export function coreBusySeconds(cpu: number): number {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`cpu${cpu} `));
  const f = (line ?? '').trim().split(/\s+/).map(Number);
  // cpuN user nice system idle iowait irq softirq steal
  return ((f[1] ?? 0) + (f[2] ?? 0) + (f[3] ?? 0) + (f[8] ?? 0)) / 100;
}
