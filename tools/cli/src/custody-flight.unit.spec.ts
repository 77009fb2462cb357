import { foldPart } from '@fleettwin/domain-part';
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
