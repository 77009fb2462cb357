import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from './app-config';
import { Finding } from './manifest';

/**
 * hadolint is in neither Debian bookworm nor npm, and no Docker engine runs here, so the rules the
 * manifests rely on are checked from the text: the base image, a numeric non-root USER (what
 * runAsNonRoot can verify), the exposed port and the entry point the build produces.
 */
export function checkDockerfile(root: string, config: AppConfig): Finding[] {
  const where = `apps/${config.app}/Dockerfile`;
  const path = join(root, where);
  if (!existsSync(path)) return [{ where, message: 'missing' }];
  const text = readFileSync(path, 'utf8');
  const findings: Finding[] = [];
  const need = (ok: boolean, message: string): void => { if (!ok) findings.push({ where, message }); };
  need(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m.test(text) || /^FROM node:22-bookworm-slim\b/m.test(text), 'base image is not node:22-bookworm-slim');
  const users = [...text.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1] ?? '');
  const last = users.at(-1) ?? '';
  need(/^[1-9][0-9]*(:[0-9]+)?$/.test(last), `final USER ${last || '(none)'} is not a numeric non-root uid`);
  need(new RegExp(`^EXPOSE ${config.port}$`, 'm').test(text), `does not EXPOSE ${config.port}`);
  need(text.includes(`"apps/${config.app}/src/main.js"`), `CMD does not run apps/${config.app}/src/main.js`);
  need(text.includes('--omit=dev'), 'final stage does not install production dependencies only');
  return findings;
}
