import { availabilityPenalty, downtimeMs, recoveryBps, settleCompletion, usageCharge } from './settlement';
import type { ContractTerms } from './contract.terms';

const completion = { amountMinor: 1_000_000, advanceBps: 3000, partialMinRecoveryBps: 5000 };
const hp = (failureProbability: number, healthIndex = 0.5) => ({ failureProbability, healthIndex });

describe('settlement: completion payment on the twin verdict', () => {
  it('given a verified effect, then the full amount is earned and the rest after the advance is due', () => {
    expect(settleCompletion(completion, 'verified', hp(0.8), hp(0.05), 300_000)).toEqual({ settlement: 'full', recoveryBps: 9375, earnedMinor: 1_000_000, dueMinor: 700_000 });
  });

  it('given an ineffective effect that removed ≥ 50 % of the risk, then partial pro rata: P 0.9 → 0.35 is 6 111 bps', () => {
    // (0.9 − 0.35) / 0.9 = 0.61111… → 6111 bps; 1 000 000 × 0.6111 = 611 100
    expect(settleCompletion(completion, 'ineffective', hp(0.9), hp(0.35), 300_000)).toEqual({ settlement: 'partial', recoveryBps: 6111, earnedMinor: 611_100, dueMinor: 311_100 });
  });

  it('given an ineffective effect below the threshold, then a refund of the advance', () => {
    expect(settleCompletion(completion, 'ineffective', hp(0.9), hp(0.85), 300_000)).toEqual({ settlement: 'refund', recoveryBps: 556, earnedMinor: 0, dueMinor: -300_000 });
  });

  it('given risk that rose, then recovery is 0; given no risk before, then 0', () => {
    expect(recoveryBps(hp(0.3), hp(0.6))).toBe(0);
    expect(recoveryBps(hp(0), hp(0))).toBe(0);
  });

  it('rounds the recovery share half to even in basis points: 0.5 bps → 0, 1.5 bps → 2', () => {
    expect(recoveryBps(hp(0.8), hp(0.79996))).toBe(0); // 40 / 800 000 × 10 000 = 0.5
    expect(recoveryBps(hp(0.8), hp(0.79988))).toBe(2); // 120 / 800 000 × 10 000 = 1.5
  });
});

describe('settlement: usage and availability', () => {
  const terms: ContractTerms = { usage: { basis: 'operating-hour', rateMinor: 42_000 }, availability: { guaranteedBps: 9500, penaltyPerPointMinor: 100_000 }, completion: null };

  it('charges operating hours once per charge, half to even', () => {
    expect(usageCharge(terms, { runningMs: 3_600_000 * 2 + 1_234_567, cycles: 3 })).toBe(98_403); // 2.342935… h × 42 000 = 98 403.27
    expect(usageCharge({ ...terms, usage: { basis: 'cycle', rateMinor: 55_555 } }, { runningMs: 1, cycles: 3 })).toBe(166_665);
  });

  it('counts overlapping shop visits once and clips them to the period', () => {
    const h = 3_600_000;
    const start = Date.UTC(2026, 9, 1);
    const visits = [{ fromMs: start - 10 * h, toMs: start + 2 * h }, { fromMs: start + h, toMs: start + 3 * h }, { fromMs: Date.UTC(2026, 10, 1) - h, toMs: Date.UTC(2026, 10, 2) }];
    expect(downtimeMs(visits, '2026-10')).toBe(4 * h);
  });

  it('penalises each point below the guarantee pro rata: 4 days down in a 31-day month is 87.10 %, 7.90 points short', () => {
    const result = availabilityPenalty({ guaranteedBps: 9500, penaltyPerPointMinor: 100_000 }, '2026-10', 4 * 86_400_000);
    expect(result).toEqual({ availabilityBps: 8710, shortfallBps: 790, penaltyMinor: 790_000 });
    expect(availabilityPenalty({ guaranteedBps: 9500, penaltyPerPointMinor: 100_000 }, '2026-10', 0).penaltyMinor).toBe(0);
  });
});
