import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { Finding, Manifest } from './manifest';

/** Kinds whose operators publish no npm model: validated with the schemas vendored in deploy/schemas. */
function vendoredSchemaPath(schemasDir: string, m: Manifest): string {
  const [group, version] = m.apiVersion.split('/');
  return join(schemasDir, group ?? '', `${m.kind.toLowerCase()}-${version ?? ''}.json`);
}

function isVendored(m: Manifest): boolean {
  return /^(kafka\.strimzi\.io|postgresql\.cnpg\.io)\//.test(m.apiVersion);
}

function checkVendored(schemasDir: string, docs: Manifest[], where: (m: Manifest) => string): Finding[] {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const compiled = new Map<string, ValidateFunction>();
  const findings: Finding[] = [];
  for (const m of docs) {
    const path = vendoredSchemaPath(schemasDir, m);
    if (!existsSync(path)) {
      findings.push({ where: where(m), message: `no vendored schema ${path}` });
      continue;
    }
    const validate = compiled.get(path) ?? ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
    compiled.set(path, validate);
    if (validate(m)) continue;
    for (const e of validate.errors ?? []) findings.push({ where: where(m), message: `schema: ${e.instancePath || '/'} ${e.message ?? ''}` });
  }
  return findings;
}

function checkWithModels(docs: Manifest[], where: (m: Manifest) => string): Finding[] {
  const input = docs.map((object, id) => ({ id, apiVersion: object.apiVersion, kind: object.kind, object }));
  const run = spawnSync(process.execPath, [join(__dirname, 'model-validate.mjs')], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`model-validate.mjs failed: ${run.stderr.trim()}`);
  const results = JSON.parse(run.stdout) as { id: number; message: string }[];
  return results.map((r) => ({ where: where(docs[r.id] as Manifest), message: r.message }));
}

export function checkSchemas(schemasDir: string, docs: Manifest[], where: (m: Manifest) => string): Finding[] {
  return [
    ...checkVendored(schemasDir, docs.filter(isVendored), where),
    ...checkWithModels(docs.filter((m) => !isVendored(m)), where),
  ];
}
