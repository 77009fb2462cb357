import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { Manifest } from './manifest';

/**
 * Renders an overlay with the real kustomize that kubectl embeds (kubectl is on every machine
 * image of this project; no npm or Debian package ships kustomize). Returns the objects, or throws
 * with kustomize's own message.
 */
export function renderOverlay(dir: string): Manifest[] {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`kubectl not runnable (${run.error.message}); it renders the kustomize overlays`);
  if (run.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${run.stderr.trim()}`);
  return parseAllDocuments(run.stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null)
    .map(unwrapSecretData);
}

/** kustomize wraps long base64 values over lines; the API server ignores the breaks, the schema does not. */
function unwrapSecretData(m: Manifest): Manifest {
  if (m.kind !== 'Secret' || typeof m['data'] !== 'object' || m['data'] === null) return m;
  const data = Object.fromEntries(Object.entries(m['data'] as Record<string, string>).map(([k, v]) => [k, v.replace(/\s+/g, '')]));
  return { ...m, data };
}
