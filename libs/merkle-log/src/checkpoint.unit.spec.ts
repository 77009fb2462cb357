import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint';
import { verifyCheckpointConsistency } from './checkpoint-consistency';
import { MerkleLog } from './merkle-log';
import { generateNoteKeyPair, parseSignerKey, parseVerifierKey } from './note-keys';

const keys = generateNoteKeyPair('fleettwin.example/custody');
const signer = parseSignerKey(keys.signerKey);
const verifier = parseVerifierKey(keys.verifierKey);

async function logOf(entries: string[]): Promise<MerkleLog> {
  const log = new MerkleLog();
  for (const e of entries) await log.append(Buffer.from(e));
  return log;
}

async function signedHead(log: MerkleLog, size?: number): Promise<string> {
  const head = await log.treeHead(size);
  return signCheckpoint({ origin: signer.name, size: head.size, rootHash: head.rootHash, extensions: [] }, signer);
}

describe('C2SP checkpoint', () => {
  const rootHash = Buffer.alloc(32, 7);

  it('formats origin, size and base64 root, one per line', () => {
    expect(formatCheckpoint({ origin: 'o', size: 12, rootHash, extensions: ['x'] })).toBe(`o\n12\n${rootHash.toString('base64')}\nx\n`);
  });

  it.each([
    ['missing root', 'o\n1\n'],
    ['leading zero', `o\n01\n${rootHash.toString('base64')}\n`],
    ['short root', 'o\n1\nAAAA\n'],
    ['no final newline', `o\n1\n${rootHash.toString('base64')}`],
  ])('refuses %s', (_, text) => {
    expect(parseCheckpoint(text)).toMatchObject({ ok: false, code: 'MALFORMED_CHECKPOINT' });
  });

  it('opens a signed checkpoint with the log key and refuses other keys and origins', () => {
    const signed = signCheckpoint({ origin: signer.name, size: 3, rootHash, extensions: [] }, signer);
    expect(openCheckpoint(signed, verifier)).toMatchObject({ ok: true, checkpoint: { origin: signer.name, size: 3 } });
    expect(openCheckpoint(signed, parseVerifierKey(generateNoteKeyPair(signer.name).verifierKey))).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    expect(openCheckpoint(signed.replace('\n3\n', '\n4\n'), verifier)).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    const foreign = signCheckpoint({ origin: 'elsewhere', size: 3, rootHash, extensions: [] }, signer);
    expect(openCheckpoint(foreign, verifier)).toMatchObject({ ok: false, code: 'WRONG_ORIGIN' });
  });
});

describe('consistency between two signed checkpoints', () => {
  it('verifies when the newer log only appended', async () => {
    const log = await logOf(['a', 'b', 'c']);
    const older = await signedHead(log);
    for (const e of ['d', 'e', 'f', 'g']) await log.append(Buffer.from(e));
    const newer = await signedHead(log);
    const proof = (await log.consistencyProof(3, 7)).map((h) => h.toString('base64'));
    expect(verifyCheckpointConsistency(older, newer, proof, verifier)).toMatchObject({ ok: true, from: { size: 3 }, to: { size: 7 } });
  });

  it('fails when history before the older checkpoint was rewritten', async () => {
    const honest = await logOf(['a', 'b', 'c']);
    const older = await signedHead(honest);
    const rewritten = await logOf(['a', 'B', 'c', 'd', 'e', 'f', 'g']);
    const newer = await signedHead(rewritten);
    const proof = (await rewritten.consistencyProof(3, 7)).map((h) => h.toString('base64'));
    expect(verifyCheckpointConsistency(older, newer, proof, verifier)).toMatchObject({ ok: false });
  });

  it('fails when a checkpoint signature is forged', async () => {
    const log = await logOf(['a', 'b']);
    const older = await signedHead(log, 1);
    const forged = (await signedHead(log)).replace(/— \S+ (\S+)/, (line) => line.slice(0, -6) + 'AAAAA=');
    expect(verifyCheckpointConsistency(older, forged, [], verifier).ok).toBe(false);
  });
});
