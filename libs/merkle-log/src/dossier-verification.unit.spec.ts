import fc from 'fast-check';
import type { Dossier } from './dossier';
import { describeFailure, verifyDossier } from './dossier-verification';
import { recordHash } from './hash-chain';
import { MerkleLog } from './merkle-log';
import { generateNoteKeyPair, parseSignerKey, parseVerifierKey } from './note-keys';
import { InMemoryRecordStore } from './record-store';
import { StreamLedger } from './stream-ledger';

const keys = generateNoteKeyPair('fleettwin.example/custody');
const verifier = parseVerifierKey(keys.verifierKey);

/** Two interleaved streams, so leaf indices of one stream have gaps as they do in production. */
async function givenLedgerWithDossier(): Promise<Dossier> {
  const ledger = new StreamLedger({ log: new MerkleLog(), records: new InMemoryRecordStore(), signer: parseSignerKey(keys.signerKey) });
  for (let i = 0; i < 6; i++) {
    await ledger.append('part-A', { type: `Step${i}`, data: { n: i, note: `é ${i}` }, metadata: { eventId: `a-${i}` } });
    await ledger.append('part-B', { type: 'Other', data: { n: i } });
  }
  return ledger.exportDossier('part-A');
}

const clone = (d: Dossier): Dossier => JSON.parse(JSON.stringify(d)) as Dossier;

describe('verifyDossier', () => {
  let dossier: Dossier;
  beforeAll(async () => {
    dossier = await givenLedgerWithDossier();
  });

  it('accepts an untouched dossier with the verifier key, the raw public key, or the key object', () => {
    expect(verifyDossier(clone(dossier), keys.verifierKey)).toMatchObject({ valid: true, streamId: 'part-A', events: 6, checkpoint: { size: 12 } });
    expect(verifyDossier(clone(dossier), verifier.publicKey.toString('base64'))).toMatchObject({ valid: true });
    expect(verifyDossier(clone(dossier), verifier)).toMatchObject({ valid: true });
  });

  it('refuses a dossier signed by another key', () => {
    const other = generateNoteKeyPair('fleettwin.example/custody').verifierKey;
    expect(verifyDossier(clone(dossier), other)).toMatchObject({ valid: false, failure: { reason: 'BAD_SIGNATURE' } });
  });

  it('names the event whose data was edited', () => {
    const d = clone(dossier);
    (d.entries[3].record.event as { data: { n: number } }).data.n = 99;
    const verdict = verifyDossier(d, verifier);
    expect(verdict).toMatchObject({ valid: false, failure: { reason: 'BAD_HASH', event: { index: 3, sequence: 3, type: 'Step3', id: 'a-3' } } });
    if (!verdict.valid) expect(describeFailure(verdict.failure)).toContain('BAD_HASH at event #3');
  });

  it('names the event after one that was re-hashed to hide an edit', () => {
    const d = clone(dossier);
    const edited = d.entries[2].record;
    (edited.event as { data: { n: number } }).data.n = 42;
    edited.hash = recordHash(edited);
    expect(verifyDossier(d, verifier)).toMatchObject({ valid: false, failure: { event: { index: 2 } } });
  });

  it.each([0, 2, 5])('names the gap when event %i is deleted', (deleted) => {
    const d = clone(dossier);
    d.entries.splice(deleted, 1);
    const verdict = verifyDossier(d, verifier);
    expect(verdict.valid).toBe(false);
    if (verdict.valid) return;
    expect(verdict.failure.reason).toBe(deleted === 5 ? 'TRUNCATED' : 'MISSING_EVENT');
    expect(verdict.failure.event?.index).toBe(deleted === 5 ? 4 : deleted);
  });

  it.each([[0, 1], [2, 4], [4, 5]])('names the first misplaced event when events %i and %i are swapped', (i, j) => {
    const d = clone(dossier);
    [d.entries[i], d.entries[j]] = [d.entries[j], d.entries[i]];
    expect(verifyDossier(d, verifier)).toMatchObject({ valid: false, failure: { reason: 'WRONG_ORDER', event: { index: i, sequence: j } } });
  });

  it('names the event whose inclusion proof was altered', () => {
    const d = clone(dossier);
    d.entries[1].inclusionProof[0] = Buffer.alloc(32, 1).toString('base64');
    expect(verifyDossier(d, verifier)).toMatchObject({ valid: false, failure: { reason: 'BAD_INCLUSION_PROOF', event: { index: 1 } } });
  });

  it('refuses something that is not a dossier', () => {
    expect(verifyDossier({ hello: 'world' }, verifier)).toMatchObject({ valid: false, failure: { reason: 'MALFORMED_DOSSIER' } });
  });

  it('fails naming the event when any single byte of any stored entry changes', () => {
    const entryTexts = dossier.entries.map((e) => Buffer.from(JSON.stringify(e), 'utf8'));
    const mutation = fc
      .integer({ min: 0, max: entryTexts.length - 1 })
      .chain((entry) => fc.tuple(fc.constant(entry), fc.integer({ min: 0, max: entryTexts[entry].length - 1 }), fc.integer({ min: 1, max: 255 })));
    fc.assert(
      fc.property(mutation, ([entry, offset, delta]) => {
        const bytes = Buffer.from(entryTexts[entry]);
        bytes[offset] = (bytes[offset] + delta) % 256;
        const parsed = tryParse(bytes);
        // A byte that breaks the JSON makes the file unreadable, which the CLI reports on its own.
        fc.pre(parsed !== undefined);
        const d = clone(dossier);
        d.entries[entry] = parsed as Dossier['entries'][number];
        const verdict = verifyDossier(d, verifier);
        return !verdict.valid && verdict.failure.event?.index === entry;
      }),
      { numRuns: 500 },
    );
  });
});

function tryParse(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}
