import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordFaultResult, WORKSPACE_ROOT } from '@fleettwin/testing';

// `npm run secrets:scan` is the CI step that keeps secrets out of the repository: it must pass on
// this repository and fail on a planted secret. The planted ones are generated here, never committed.

const scan = (tree?: string) => spawnSync('bash', [join(WORKSPACE_ROOT, 'tools/secret-scan/scan.sh'), ...(tree ? [tree] : [])], { encoding: 'utf8', timeout: 120000 });
const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=spec', '-c', 'user.email=spec@example.invalid', ...args], { cwd, encoding: 'utf8' });
const figures: Record<string, number | string> = {};
let testsPassed = 0;

function plantedRepo(files: Record<string, string>, tracked: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleettwin-secret-scan-'));
  expect(git(dir, 'init', '-q').status).toBe(0);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  expect(git(dir, 'add', ...tracked).status).toBe(0);
  return dir;
}

afterAll(() => {
  recordFaultResult({ scenario: 'secret-scan', group: 'security', passed: testsPassed === 3, figures });
});

describe('secret scan (secretlint over tracked files)', () => {
  it('passes on this repository', () => {
    const started = Date.now();
    const result = scan();
    expect(result.stderr + result.stdout).toMatch(/no secrets found/);
    expect(result.status).toBe(0);
    figures.repoTrackedFiles = Number(/(\d+) tracked files/.exec(result.stdout)?.[1] ?? 0);
    figures.repoScanMs = Date.now() - started;
    testsPassed += 1;
  });

  it('fails on a committed private key, GitHub token and database password, naming each file', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    // Alphanumeric only, as GitHub's token format (and secretlint's rule) has it: base64url's '-' and '_' would not match.
    const token = `ghp_${randomBytes(18).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const dir = plantedRepo({
      'deploy.key': privateKey,
      'ci.env': `GITHUB_TOKEN=${token}\n`,
      'config.yaml': `databaseUrl: postgres://fleettwin:${password}@db.internal:5432/fleettwin\n`,
      'README.md': 'nothing secret here\n',
    }, ['deploy.key', 'ci.env', 'config.yaml', 'README.md']);
    const result = scan(dir);
    expect(result.status).toBe(1);
    const report = result.stdout + result.stderr;
    for (const file of ['deploy.key', 'ci.env', 'config.yaml']) expect(report).toContain(join(dir, file));
    expect(report).not.toContain('README.md');
    // The report masks what it found.
    expect(report).not.toContain(token);
    expect(report).not.toContain(password);
    figures.plantedSecretsFound = (report.match(/ error /g) ?? []).length;
    testsPassed += 1;
  });

  it('reads tracked files only: a key generated into an untracked file (tmp/, test fixtures) does not fail it', () => {
    const { privateKey } = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const dir = plantedRepo({ 'generated.key': privateKey, 'notes.md': 'tracked\n' }, ['notes.md']);
    const result = scan(dir);
    expect(result.stdout).toContain('1 tracked files');
    expect(result.status).toBe(0);
    testsPassed += 1;
  });
});
