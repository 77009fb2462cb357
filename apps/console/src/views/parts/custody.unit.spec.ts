import type { CustodyRecord, CustodyVerification } from '../../api/types';
import { chainBreaks, custodyBadge, describeRecord } from './custody';

const record = (sequence: number, type: string, data: Record<string, unknown> = {}): CustodyRecord => ({ streamId: 'PN-1/SN-1', sequence, prevHash: '0', hash: 'h', leafIndex: sequence, event: { type, data, metadata: { occurredAt: '2026-01-01T00:00:00Z' } } });
const valid: CustodyVerification = { valid: true, events: 2, checkpoint: { origin: 'fleettwin.dev/custody', size: 9, rootHash: 'r' } };

describe('custody badge', () => {
  it('given a verified dossier and no broken rule, then the chain is verified', () => {
    expect(custodyBadge({ events: [record(0, 'PartManufactured'), record(1, 'PartStored')], verification: valid })).toMatchObject({ kind: 'verified', label: 'Verified' });
  });

  it('given a recorded custody break, then the chain is broken and the rule is named', () => {
    const events = [record(0, 'PartManufactured'), record(1, 'CustodyChainBroken', { rule: 'gap-in-possession', detail: 'removed from E1, installed on E2' })];
    expect(chainBreaks(events)).toEqual([{ sequence: 1, rule: 'gap-in-possession', detail: 'removed from E1, installed on E2', at: '2026-01-01T00:00:00Z' }]);
    expect(custodyBadge({ events, verification: valid })).toMatchObject({ kind: 'broken', title: '#1 gap-in-possession' });
  });

  it('given a dossier that fails verification, then the chain is broken with the verifier’s reason', () => {
    const failed: CustodyVerification = { valid: false, failure: { reason: 'BROKEN_PREV_HASH', message: 'event #2 does not follow #1' } };
    expect(custodyBadge({ events: [], verification: failed })).toEqual({ kind: 'broken', label: 'Broken chain', title: 'BROKEN_PREV_HASH: event #2 does not follow #1' });
  });

  it('given records, when described, then in words', () => {
    expect(describeRecord(record(0, 'PartInstalled', { assetId: 'ESN-1', position: 'HPT stage 1' }))).toBe('Installed on ESN-1 at HPT stage 1');
    expect(describeRecord(record(0, 'TransferAcknowledged'))).toBe('Transfer Acknowledged');
  });
});
