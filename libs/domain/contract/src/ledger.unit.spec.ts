import { amended, closed, created, TENANT, TERMS } from './contract.fixtures';
import { foldLedger, openUsageByPeriod, type LedgerInput } from './ledger';

const H = 3_600_000;
let v = 0;
const src = (streamId: string) => ({ streamId, version: ++v });
const cycle = (key: string, endedAt: string, runningMs: number): LedgerInput => ({ type: 'UsageMetered', data: { tenant: TENANT, assetId: 'ESN-1', cycleKey: key, endedAt, runningMs }, source: src('usage-ESN-1') });
const wo = (type: 'WorkOrderScheduled' | 'WorkStarted' | 'WorkOrderCompleted' | 'WorkOrderCancelled', id: string, at: string, scheduledFor = at): LedgerInput =>
  (type === 'WorkOrderScheduled' ? { type, data: { tenant: TENANT, workOrderId: id, at, scheduledFor }, source: src(`work-order-${id}`) } : { type, data: { tenant: TENANT, workOrderId: id, at }, source: src(`work-order-${id}`) }) as LedgerInput;
const effect = (id: string, outcome: 'verified' | 'ineffective', pBefore: number, pAfter: number, at = '2026-11-20T00:00:00.000Z'): LedgerInput => ({
  type: 'EffectVerified',
  data: { tenant: TENANT, workOrderId: id, at, outcome, before: { healthIndex: 0.3, failureProbability: pBefore }, after: { healthIndex: 0.6, failureProbability: pAfter } },
  source: src(`work-order-${id}`),
});
const contractInput = (e: typeof created): LedgerInput => ({ ...e, source: src('contract-PBH-ESN-1') });
const visit = (id: string, scheduledFor: string, at: string) => [wo('WorkOrderScheduled', id, '2026-10-20T00:00:00.000Z', scheduledFor), wo('WorkStarted', id, at), wo('WorkOrderCompleted', id, at)];

const doubleRate = { ...TERMS, usage: { basis: 'operating-hour' as const, rateMinor: 84_000 } };
const history: LedgerInput[] = [
  cycle('before-contract', '2026-09-30T12:00:00.000Z', 2 * H), // before the contract: never charged
  contractInput(created),
  cycle('c1', '2026-10-03T10:00:00.000Z', 2 * H + 1_234_567),
  cycle('c2', '2026-10-05T10:00:00.000Z', 1_800_000),
  contractInput(amended('2026-10-15T00:00:00.000Z', doubleRate)),
  cycle('c3', '2026-10-16T10:00:00.000Z', 3 * H),
  ...visit('wo-full', '2026-10-28T00:00:00.000Z', '2026-11-02T00:00:00.000Z'), // 4 days down in October
  ...visit('wo-partial', '2026-11-03T00:00:00.000Z', '2026-11-03T06:00:00.000Z'),
  ...visit('wo-refund', '2026-11-04T00:00:00.000Z', '2026-11-04T06:00:00.000Z'),
  wo('WorkOrderScheduled', 'wo-cancelled', '2026-10-10T00:00:00.000Z', '2026-10-12T00:00:00.000Z'),
  wo('WorkOrderCancelled', 'wo-cancelled', '2026-10-11T00:00:00.000Z'),
  effect('wo-full', 'verified', 0.8, 0.05),
  effect('wo-partial', 'ineffective', 0.9, 0.35),
  effect('wo-refund', 'ineffective', 0.9, 0.85),
  cycle('c4', '2026-11-01T10:00:00.000Z', H), // November: still open
  contractInput(closed('2026-10')),
  cycle('late', '2026-10-30T10:00:00.000Z', 1_000), // arrives after October was billed
];

describe('contract ledger: a fold over usage and maintenance events', () => {
  const { state, entries } = foldLedger(history);
  const byKind = (kind: string) => entries.filter((e) => e.kind === kind);

  it('charges each terms version of the period once, rounded half to even, and never the usage before the contract', () => {
    expect(byKind('usage-charge').map((e) => [e.entryId, e.amountMinor])).toEqual([
      ['PBH-ESN-1:usage:2026-10:v1', 119_403], // (2 h + 1 234 567 ms + 30 min) × 42 000 / h = 119 403.27
      ['PBH-ESN-1:usage:2026-10:v2', 252_000], // 3 h × 84 000
    ]);
  });

  it('settles completions full, partial and refund against their advances', () => {
    expect(byKind('completion-advance').map((e) => e.amountMinor)).toEqual([300_000, 300_000, 300_000]);
    expect(entries.filter((e) => e.entryId.includes(':settlement:')).map((e) => [e.kind, e.detail.settlement, e.amountMinor])).toEqual([
      ['completion-payment', 'full', 700_000],
      ['completion-payment', 'partial', 311_100],
      ['completion-refund', 'refund', -300_000],
    ]);
  });

  it('penalises October for the 4 days in the shop (87.10 % against 95 %) and ignores the cancelled visit', () => {
    expect(byKind('availability-penalty')).toEqual([expect.objectContaining({ amountMinor: -790_000, detail: expect.objectContaining({ downtimeMs: 4 * 24 * H, availabilityBps: 8710 }) })]);
  });

  it('charges a cycle that arrives after its period closed on a line of its own', () => {
    expect(byKind('usage-late-charge').map((e) => [e.entryId, e.amountMinor])).toEqual([['PBH-ESN-1:usage-late:late', 23]]); // 1 s × 84 000 / h = 23.33
  });

  it('reconciles: total = usage + completions − refunds − penalties, to the cent', () => {
    const total = entries.reduce((sum, e) => sum + e.amountMinor, 0);
    expect(total).toBe(119_403 + 252_000 + 23 + 3 * 300_000 + 700_000 + 311_100 - 300_000 - 790_000);
  });

  it('keeps November open, gives every entry a unique id, and folds the same log to the same entries', () => {
    expect(openUsageByPeriod(state)).toEqual({ '2026-11': { cycles: 1, runningMs: H } });
    expect(new Set(entries.map((e) => e.entryId)).size).toBe(entries.length);
    expect(JSON.stringify(foldLedger(history).entries)).toBe(JSON.stringify(entries));
  });

  it('ignores a repeated cycle and another tenant’s work', () => {
    const again = foldLedger([contractInput(created), cycle('x', '2026-10-03T00:00:00.000Z', H), cycle('x', '2026-10-03T00:00:00.000Z', H)]);
    expect(openUsageByPeriod(again.state)['2026-10']).toEqual({ cycles: 1, runningMs: H });
    const foreign = foldLedger([contractInput(created), { type: 'WorkOrderCompleted', data: { tenant: 'airline-b', workOrderId: 'w', at: '2026-10-03T00:00:00.000Z' }, source: src('work-order-w') }]);
    expect(foreign.entries).toEqual([]);
  });
});
