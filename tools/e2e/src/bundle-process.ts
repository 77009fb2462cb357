import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, serviceDatabaseUrl, waitFor, WORKSPACE_ROOT, type ServiceName } from '@fleettwin/testing';

/** Where `nx run <app>:build` (deploy/docker/build-app.sh) leaves an app's entry point. */
export function bundleEntry(app: ServiceName): string {
  return join(WORKSPACE_ROOT, 'dist', app, 'apps', app, 'src', 'main.js');
}

/** Builds every app with its Nx build target, as the image build does; returns the seconds it took. */
export function buildBundles(apps: readonly ServiceName[]): number {
  const started = Date.now();
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...apps, '--skip-nx-cache', '--outputStyle=static'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'pipe',
  });
  for (const app of apps) if (!existsSync(bundleEntry(app))) throw new Error(`nx build left no ${bundleEntry(app)}`);
  return (Date.now() - started) / 1000;
}

export interface BundleProcess {
  app: ServiceName;
  url: string;
  logFile: string;
  /** Every stdout line, parsed where it is JSON (the services log JSON lines). */
  lines: Record<string, unknown>[];
  /** SIGTERM, then the exit code (null when a signal ended it) within `timeoutMs`. */
  terminate(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

/**
 * Runs a built bundle as a pod would: plain `node main.js` from outside the source tree's loaders,
 * configured only by environment (each service its own database), and waits for `GET /health` 200.
 */
export async function startBundle(app: ServiceName, env: Record<string, string>): Promise<BundleProcess> {
  const port = await freePort();
  const logDir = join(WORKSPACE_ROOT, 'tmp', 'test-logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `bundle-${app}-${port}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [bundleEntry(app)], {
    cwd: join(WORKSPACE_ROOT, 'dist', app),
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      ...env,
      ...(env.DATABASE_URL ? { DATABASE_URL: serviceDatabaseUrl(env.DATABASE_URL, app) } : {}),
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) lines.push(parseLine(line));
  });
  child.stderr.pipe(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const running: BundleProcess = {
    app,
    url,
    logFile,
    lines,
    terminate: async (timeoutMs = 60000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${app} did not exit within ${timeoutMs} ms of SIGTERM (log: ${logFile})`)), timeoutMs).unref());
      return Promise.race([exited, timer]);
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`${app} exited with code ${child.exitCode}; see ${logFile}`);
      const res = await fetch(`${url}/health`).catch(() => undefined);
      return res?.status === 200;
    }, { timeoutMs: 90000, intervalMs: 250, what: `${app} bundle to report healthy (log: ${logFile})` });
  } catch (error) {
    running.kill();
    throw error;
  }
  return running;
}

function parseLine(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { raw: line };
  }
}
