import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Readings from /proc: resident memory, CPU time of processes and of the whole machine. */

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function statusField(pid: number, field: string): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    const kb = line ? Number(line.split(/\s+/)[1]) : NaN;
    return Number.isFinite(kb) ? kb * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** VmRSS in bytes. */
export function rssBytes(pid: number): number | undefined {
  return statusField(pid, 'VmRSS');
}

/** VmHWM (peak resident set) in bytes. */
export function peakRssBytes(pid: number): number | undefined {
  return statusField(pid, 'VmHWM');
}

/** utime + stime of one process, in seconds (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return 0;
  }
}

function processes(): { pid: number; comm: string; cmdline: string }[] {
  const found: { pid: number; comm: string; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      found.push({ pid: Number(entry), comm, cmdline });
    } catch {
      // gone between listing and reading
    }
  }
  return found;
}

/** The local Kafka broker's JVM (command line names kafka.Kafka), if one runs on this machine. */
export function kafkaBrokerPid(): number | undefined {
  return processes().find((p) => p.comm === 'java' && p.cmdline.includes('kafka.Kafka '))?.pid;
}

/** CPU seconds used so far by every process whose command is `comm` (e.g. all postgres backends). */
export function cpuSecondsOf(comm: string): number {
  return processes().filter((p) => p.comm === comm).reduce((sum, p) => sum + cpuSeconds(p.pid), 0);
}

/** Busy and total CPU seconds of the whole machine since boot (all cores). */
export function machineCpu(): { busy: number; total: number } {
  const first = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = first.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / clockTicks(), total: total / clockTicks() };
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

/** Who used the CPU during a window, in cores (CPU-seconds per wall second). */
export interface CpuShare {
  seconds: number;
  machineBusyCores: number;
  cores: Record<string, number>;
}

export class CpuMeter {
  private readonly startedAt = process.hrtime.bigint();
  private readonly startMachine = machineCpu();
  private readonly startByName: Record<string, number>;

  constructor(private readonly sources: Record<string, () => number>) {
    this.startByName = Object.fromEntries(Object.entries(sources).map(([name, read]) => [name, read()]));
  }

  /** Standard sources: named pids, every postgres process, the Kafka broker, this bench process. */
  static forPids(pids: Record<string, number | undefined>): CpuMeter {
    return new CpuMeter(CpuMeter.standardSources(pids));
  }

  static standardSources(pids: Record<string, number | undefined>): Record<string, () => number> {
    const sources: Record<string, () => number> = {};
    for (const [name, pid] of Object.entries(pids)) if (pid) sources[name] = () => cpuSeconds(pid);
    const kafka = kafkaBrokerPid();
    if (kafka) sources['Kafka broker'] = () => cpuSeconds(kafka);
    sources['PostgreSQL (all backends)'] = () => cpuSecondsOf('postgres');
    sources['Mosquitto'] = () => cpuSecondsOf('mosquitto');
    sources['bench driver'] = () => cpuSeconds(process.pid);
    return sources;
  }

  stop(): CpuShare {
    const seconds = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    const machine = machineCpu();
    const cores: Record<string, number> = {};
    for (const [name, read] of Object.entries(this.sources)) cores[name] = (read() - (this.startByName[name] ?? 0)) / seconds;
    return { seconds, machineBusyCores: (machine.busy - this.startMachine.busy) / seconds, cores };
  }
}

/**
 * Waits (bounded) until the named processes are quiet — each under `maxCores` over a 1 s window —
 * so a measurement does not start while they still work off an earlier phase. Returns the seconds waited.
 */
export async function quiesce(pids: Record<string, number>, maxCores: number, maxSeconds: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < maxSeconds * 1000) {
    const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
    await new Promise((r) => setTimeout(r, 1000));
    const busy = Object.entries(pids).some(([name, pid]) => cpuSeconds(pid) - (before[name] ?? 0) > maxCores);
    if (!busy) break;
  }
  return (Date.now() - started) / 1000;
}
