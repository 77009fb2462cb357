import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from '@fleettwin/testing';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export type BenchService = 'ingest' | 'twin-state' | 'maintenance';

export interface RunningProcess {
  name: string;
  pid: number;
  url: string;
  logFile: string;
  process: ChildProcess;
  /** Path prefix of the CPU profiles this process writes when profiling is toggled. */
  profileBase: string | undefined;
  /** Starts (first call) or stops and writes (second call) a CPU profile window; resolves with the file on stop. */
  toggleProfile(): Promise<string | undefined>;
  stop(): Promise<void>;
}

/**
 * Starts a service the way `startService` in libs/testing does (its own process, configured by
 * environment only, healthy when `GET /health` answers 200), optionally with the bench's
 * CPU-profile hook preloaded.
 */
export async function startBenchService(workspace: string, logDir: string, name: BenchService, env: Record<string, string>, label: string, profile: boolean, onSpawn?: (pid: number) => void): Promise<RunningProcess> {
  const port = await freePort();
  const logFile = join(logDir, `${label}.log`);
  const log = createWriteStream(logFile);
  const profileBase = profile ? join(logDir, `${label}-profile`) : undefined;
  const args = ['-r', '@swc-node/register'];
  if (profile) args.push('-r', join(workspace, 'tools/bench/src/cpu-profile.preload.ts'));
  args.push(join('apps', name, 'src', 'main.ts'));
  const child = spawn(process.execPath, args, {
    cwd: workspace,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      SERVICE_NAME: name,
      SWC_NODE_PROJECT: join(workspace, 'tsconfig.base.json'),
      ...(profileBase ? { BENCH_CPU_PROFILE: profileBase } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid) onSpawn?.(child.pid);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  let profileWindows = 0;
  let profiling = false;
  const running: RunningProcess = {
    name: label,
    pid: child.pid ?? 0,
    url,
    logFile,
    process: child,
    profileBase,
    toggleProfile: async () => {
      if (!profileBase || child.exitCode !== null) return undefined;
      if (!profiling) {
        profiling = true;
        writeFileSync(`${profileBase}.start-${profileWindows}`, '');
        await sleep(300); // the hook looks every 100 ms
        return undefined;
      }
      profiling = false;
      const n = profileWindows++;
      writeFileSync(`${profileBase}.stop-${n}`, '');
      const file = `${profileBase}.${n}.cpuprofile`;
      await waitFor(() => existsSync(file), { timeoutMs: 20000, intervalMs: 100, what: `CPU profile ${file}` }).catch(() => undefined);
      return existsSync(file) ? file : undefined;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${logFile}`);
      const res = await fetch(`${url}/health`).catch(() => undefined);
      return res?.status === 200;
    }, { timeoutMs: 90000, intervalMs: 250, what: `${name} to report healthy (log: ${logFile})` });
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return running;
}

/** Runs a command to completion with a hard time limit; resolves with its output and exit code. */
export function runBounded(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs: number; stdin?: string; onStdoutLine?: (line: string) => void; onSpawn?: (pid: number) => void }): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    if (child.pid) options.onSpawn?.(child.pid);
    let stdout = '';
    let stderr = '';
    let pending = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stdout += text;
      if (options.onStdoutLine) {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        lines.forEach((l) => options.onStdoutLine?.(l));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, options.timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    });
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}
