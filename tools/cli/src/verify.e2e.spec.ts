import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { flyPartThroughTwoEnginesAndThreeOwners } from './custody-flight.fixture';

/** The `fleettwin` command as an auditor runs it: a separate process, files on disk, no servers. */
const root = resolve(__dirname, '../../..');
const fleettwin = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/cli/src/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('fleettwin CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fleettwin-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies the dossier of a part flown through two engines and three owners: exit 0', async () => {
    const { dossier, verifierKey } = await flyPartThroughTwoEnginesAndThreeOwners();
    writeFileSync(join(dir, 'dossier.json'), JSON.stringify(dossier, null, 2));
    writeFileSync(join(dir, 'log.pub'), `${verifierKey}\n`);
    const run = fleettwin('verify', join(dir, 'dossier.json'), '--key', join(dir, 'log.pub'));
    expect(run.stdout).toMatch(/^valid: \d+ events of PN-2045M11\/SN-X7731/);
    expect(run.status).toBe(0);
  });

  it('rejects a dossier with a deleted event: exit 1 naming the event and reason', async () => {
    const { dossier, publicKeyBase64 } = await flyPartThroughTwoEnginesAndThreeOwners();
    dossier.entries.splice(4, 1);
    writeFileSync(join(dir, 'cut.json'), JSON.stringify(dossier));
    const run = fleettwin('verify', join(dir, 'cut.json'), '--key', publicKeyBase64);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/invalid: MISSING_EVENT at event #4, sequence 5/);
  });

  it('keygen writes an owner-only signer key and its verifier key in note-key formats', () => {
    const prefix = join(dir, 'auditor');
    const run = fleettwin('keygen', '--name', 'fleettwin.example/custody', '--out', prefix);
    expect(run.status).toBe(0);
    expect(readFileSync(`${prefix}.key`, 'utf8')).toMatch(/^PRIVATE\+KEY\+fleettwin\.example\/custody\+[0-9a-f]{8}\+/);
    expect(readFileSync(`${prefix}.pub`, 'utf8')).toMatch(/^fleettwin\.example\/custody\+[0-9a-f]{8}\+/);
    expect(statSync(`${prefix}.key`).mode & 0o077).toBe(0);
  });

  it('exits 2, not 1, on a usage error', () => {
    expect(fleettwin('verify').status).toBe(2);
  });
});
