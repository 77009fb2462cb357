import { parseLedgerInput } from './ledger-inputs';

const event = (streamId: string, type: string, data: unknown) => ({ streamId, version: 3, type, data });

describe('ledger inputs: what the contract ledger reads from the event store', () => {
  it('given an effect check, then a ledger input citing its stream and version', () => {
    const data = { tenant: 'acme', workOrderId: 'w1', at: '2026-11-01T00:00:00.000Z', outcome: 'ineffective', before: { healthIndex: 0.2, failureProbability: 0.9 }, after: { healthIndex: 0.3, failureProbability: 0.4 } };
    expect(parseLedgerInput(event('work-order-w1', 'EffectVerified', data))).toEqual({ ok: true, input: { type: 'EffectVerified', data, source: { streamId: 'work-order-w1', version: 3 } } });
  });

  it('given events the ledger does not read, then nothing (evidence, custody, a type on the wrong stream)', () => {
    expect(parseLedgerInput(event('work-order-w1', 'EvidenceAdded', {}))).toBeUndefined();
    expect(parseLedgerInput(event('part-P1', 'PartInstalled', {}))).toBeUndefined();
    expect(parseLedgerInput(event('part-P1', 'WorkStarted', {}))).toBeUndefined();
  });

  it('given a metered cycle with fractional milliseconds or a contract with a fractional rate, then a refusal naming the field', () => {
    expect(parseLedgerInput(event('usage-E1', 'UsageMetered', { tenant: 'acme', assetId: 'E1', cycleKey: 'twin-E1:4', endedAt: '2026-10-01T00:00:00Z', runningMs: 1.5 }))).toMatchObject({ ok: false, reason: expect.stringContaining('runningMs') });
    const terms = { usage: { basis: 'cycle', rateMinor: 10.25 }, availability: null, completion: null };
    const created = { tenant: 'acme', contractId: 'C', by: 'x', idempotencyKey: 'k', at: '2026-10-01T00:00:00Z', assetId: 'E1', currency: 'EUR', terms, effectiveFrom: '2026-10-01T00:00:00Z' };
    expect(parseLedgerInput(event('contract-C', 'ContractCreated', created))).toMatchObject({ ok: false, reason: expect.stringContaining('terms.usage.rateMinor') });
  });
});
