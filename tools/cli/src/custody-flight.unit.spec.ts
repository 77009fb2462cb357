import { foldPart } from '@fleettwin/domain-part';
import fc from 'fast-check';
import { verifyDossier } from '@fleettwin/merkle-log';
import { flyPartThroughTwoEnginesAndThreeOwners } from './custody-flight.fixture';
import { verifyDossierText } from './verify.command';

describe('a part flown through two engines and three owners with a repair between', () => {
  it('keeps a clean chain: never quarantined, owned by the last buyer, life summed over both engines', async () => {
    const { events } = await flyPartThroughTwoEnginesAndThreeOwners();
    expect(events.map((e) => e.type)).not.toContain('CustodyChainBroken');
    expect(foldPart(events)).toMatchObject({ owner: { id: 'airline-b' }, quarantine: null, consumed: { hours: 5_000, cycles: 2_400 } });
    expect(new Set(events.map((e) => e.metadata.organisation.id))).toEqual(new Set(['oem', 'airline-a', 'mro', 'airline-b']));
  });

  it('exports a dossier that verifies end to end, with either form of the public key', async () => {
    const { dossier, verifierKey, publicKeyBase64, events } = await flyPartThroughTwoEnginesAndThreeOwners();
    expect(verifyDossier(dossier, verifierKey)).toMatchObject({ valid: true, events: events.length, checkpoint: { size: events.length * 2 } });
    expect(verifyDossierText(JSON.stringify(dossier, null, 2), publicKeyBase64)).toMatchObject({ exitCode: 0, output: expect.stringMatching(/^valid: /) });
  });

  it('names the event when an owner is rewritten after the fact', async () => {
    const { dossier, verifierKey } = await flyPartThroughTwoEnginesAndThreeOwners();
    const tampered = JSON.stringify(dossier).replace('"transferId":"sale-2","from":{"id":"airline-a"', '"transferId":"sale-2","from":{"id":"airline-x"');
    expect(tampered).not.toBe(JSON.stringify(dossier));
    const result = verifyDossierText(tampered, verifierKey);
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/BAD_HASH at event #\d+, sequence \d+, PartTransferred/);
  });

  it('reports unreadable input as invalid rather than crashing', () => {
    expect(verifyDossierText('{not json', 'x')).toMatchObject({ exitCode: 1, output: expect.stringContaining('MALFORMED_DOSSIER') });
  });
});

describe('tampering with the flown part\'s dossier', () => {
  it('fails naming the event for any single changed byte of any stored event that still parses', async () => {
    const { dossier, verifierKey } = await flyPartThroughTwoEnginesAndThreeOwners();
    const records = dossier.entries.map((e) => Buffer.from(JSON.stringify(e.record), 'utf8'));
    const mutation = fc
      .integer({ min: 0, max: records.length - 1 })
      .chain((i) => fc.tuple(fc.constant(i), fc.integer({ min: 0, max: records[i].length - 1 }), fc.integer({ min: 1, max: 255 })));
    fc.assert(
      fc.property(mutation, ([i, offset, delta]) => {
        const bytes = Buffer.from(records[i]);
        bytes[offset] = (bytes[offset] + delta) % 256;
        const record = parseOrUndefined(bytes);
        fc.pre(record !== undefined);
        const tampered = JSON.parse(JSON.stringify(dossier)) as typeof dossier;
        tampered.entries[i].record = record as (typeof dossier.entries)[number]['record'];
        const verdict = verifyDossier(tampered, verifierKey);
        return !verdict.valid && verdict.failure.event?.index === i;
      }),
      { numRuns: 300 },
    );
  });

  it('fails on deleting or swapping events, naming where', async () => {
    const { dossier, verifierKey } = await flyPartThroughTwoEnginesAndThreeOwners();
    const cut = JSON.parse(JSON.stringify(dossier)) as typeof dossier;
    cut.entries.splice(7, 1);
    expect(verifyDossier(cut, verifierKey)).toMatchObject({ valid: false, failure: { reason: 'MISSING_EVENT', event: { index: 7, sequence: 8 } } });
    const swapped = JSON.parse(JSON.stringify(dossier)) as typeof dossier;
    [swapped.entries[3], swapped.entries[9]] = [swapped.entries[9], swapped.entries[3]];
    expect(verifyDossier(swapped, verifierKey)).toMatchObject({ valid: false, failure: { reason: 'WRONG_ORDER', event: { index: 3, sequence: 9 } } });
  });
});

function parseOrUndefined(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}
