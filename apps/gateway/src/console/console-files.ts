import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';

/** Paths the console never answers, whatever it holds: the API, its description, probes and metrics. */
const RESERVED = /^\/(v1|docs|openapi\.json|health|metrics)(\/|$)/;

/** What the console's static handler should do with one request path. */
export type ConsoleAnswer = { kind: 'pass' } | { kind: 'file'; file: string; immutable: boolean } | { kind: 'index' };

/**
 * A built single-page app: files with an extension are served as they are (hashed `assets/` for a year),
 * any other path is a client-side route and gets `index.html`.
 */
export function consoleAnswer(method: string, path: string): ConsoleAnswer {
  if ((method !== 'GET' && method !== 'HEAD') || RESERVED.test(path)) return { kind: 'pass' };
  if (path === '/' || extname(path) === '') return { kind: 'index' };
  const file = path.slice(1);
  return { kind: 'file', file, immutable: file.startsWith('assets/') };
}

/** The console's build directory (resolved from the working directory), or undefined when it was not built. */
export function consoleDirectory(configured: string): string | undefined {
  const dir = resolve(configured);
  return existsSync(resolve(dir, 'index.html')) ? dir : undefined;
}
