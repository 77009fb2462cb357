import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCheck } from './k8s-check';

// Reads files only (renders with kubectl kustomize); in the integration tier because it spawns
// processes and takes a few seconds, not because it needs Kafka or PostgreSQL.
const root = resolve(__dirname, '../../..');

describe('k8s-check', () => {
  let copy: string;
  beforeEach(() => {
    copy = mkdtempSync(join(tmpdir(), 'k8s-check-'));
    cpSync(join(root, 'deploy/k8s'), copy, { recursive: true });
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  const edit = (file: string, from: string | RegExp, to: string): void => {
    const path = join(copy, file);
    const text = readFileSync(path, 'utf8');
    const changed = text.replace(from, to);
    expect(changed).not.toBe(text);
    writeFileSync(path, changed);
  };

  it('given the committed manifests, when checked, then every overlay renders and nothing is found', () => {
    const result = runCheck({ root });
    expect(result.findings).toEqual([]);
    expect(result.overlays.map((o) => o.name)).toEqual(['dev', 'prod']);
  });

  it('given a wrong port, probe path and unknown env var, when checked, then each is named', () => {
    edit('base/ingest/deployment.yaml', 'containerPort: 3001', 'containerPort: 8080');
    edit('base/twin-state/deployment.yaml', 'path: /health', 'path: /healthz');
    edit('base/gateway/kustomization.yaml', '- LOG_LEVEL=info', '- LOG_LEVEL=info\n      - LOGLEVEL=debug');
    const messages = runCheck({ root, k8sDir: copy }).findings.map((f) => `${f.where}: ${f.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/dev: Deployment\/ingest: containerPort http 8080 differs from config.ts default 3001/));
    expect(messages).toContainEqual(expect.stringMatching(/Deployment\/twin-state: startupProbe path is \/healthz, expected \/health/));
    expect(messages).toContainEqual(expect.stringMatching(/Deployment\/gateway: env LOGLEVEL is not read by apps\/gateway\/src\/config.ts/));
  });

  it('given a schema violation and a missing required variable, when checked, then both fail', () => {
    edit('overlays/prod/kafka/topics.yaml', /partitions: 12/, 'partitions: "twelve"');
    edit('base/predictor/deployment.yaml', /^ {10}env:\n[\s\S]*?key: DATABASE_URL\n/m, '');
    const messages = runCheck({ root, k8sDir: copy }).findings.map((f) => `${f.where}: ${f.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/prod: KafkaTopic\/fleet.telemetry.v1: schema: \/spec\/partitions must be integer/));
    expect(messages).toContainEqual(expect.stringMatching(/Deployment\/predictor: required env DATABASE_URL is not set/));
  });
});
