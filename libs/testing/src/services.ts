import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { waitFor } from './wait';

export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

export type ServiceName = 'ingest' | 'twin-state' | 'predictor' | 'maintenance' | 'gateway';

export interface RunningService {
  name: ServiceName;
  url: string;
  port: number;
  process: ChildProcess;
  logFile: string;
  /** SIGKILL: no shutdown hooks, no flush — a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait: a graceful stop. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Each service owns its database (as in production): `<base>_<service>`, created by the service itself. */
export function serviceDatabaseUrl(baseUrl: string, service: ServiceName): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname}_${service.replace(/-/g, '_')}`;
  return url.toString();
}

/**
 * Starts a service the way a pod would: its own process, configured only by environment
 * variables, and waits until `GET /health` answers 200.
 */
export async function startService(name: ServiceName, env: Record<string, string>, options: { port?: number; label?: string } = {}): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  const logDir = join(WORKSPACE_ROOT, 'tmp', 'test-logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${options.label ?? name}-${port}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', name, 'src', 'main.ts')], {
    cwd: WORKSPACE_ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      ...env,
      ...(env.DATABASE_URL ? { DATABASE_URL: serviceDatabaseUrl(env.DATABASE_URL, name) } : {}),
      PORT: String(port),
      SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Two sources, one file: end it only when both are closed, or a late stderr line is a 'write after end' error.
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('close', () => log.end());
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const service: RunningService = {
    name,
    url,
    port,
    process: child,
    logFile,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
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
    }, { timeoutMs: 60000, intervalMs: 250, what: `${name} to report healthy (log: ${logFile})` });
  } catch (error) {
    await service.kill();
    throw error;
  }
  return service;
}
