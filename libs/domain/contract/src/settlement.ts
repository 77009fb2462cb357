import { periodEndMs, periodStartMs, type BillingPeriod } from './billing-period';
import type { CompletionTerms, ContractTerms } from './contract.terms';
import { BPS, divideHalfEven, mulDivHalfEven, toMicros, type Minor } from './money';

const MS_PER_HOUR = 3_600_000;

/** The twin's health before and after the work, as the effect check recorded it. */
export interface HealthPoint {
  healthIndex: number;
  failureProbability: number;
}

export interface UsageTotals {
  runningMs: number;
  cycles: number;
}

/** Power by the hour: Σ running time × hourly rate, or cycles × cycle rate; one rounding per charge. */
export function usageCharge(terms: ContractTerms, usage: UsageTotals): Minor {
  if (terms.usage.basis === 'cycle') return usage.cycles * terms.usage.rateMinor;
  return mulDivHalfEven(usage.runningMs, terms.usage.rateMinor, MS_PER_HOUR);
}

/** Share of the failure risk the work removed, in basis points: (P_before − P_after) / P_before, clamped to [0, 1]. */
export function recoveryBps(before: HealthPoint, after: HealthPoint): number {
  const pb = toMicros(before.failureProbability);
  const pa = toMicros(after.failureProbability);
  if (pb <= 0n) return 0;
  const bps = Number(divideHalfEven((pb - pa) * BigInt(BPS), pb));
  return Math.min(BPS, Math.max(0, bps));
}

export type Settlement = 'full' | 'partial' | 'refund';

export interface CompletionSettlement {
  settlement: Settlement;
  recoveryBps: number;
  /** What the work earned in all. */
  earnedMinor: Minor;
  /** What the effect check releases now: earned − advance (negative: the provider pays back). */
  dueMinor: Minor;
}

export function advanceOf(terms: CompletionTerms): Minor {
  return mulDivHalfEven(terms.amountMinor, terms.advanceBps, BPS);
}

/**
 * Payment on the twin's verdict:
 * - `verified` → full: the whole amount is earned;
 * - `ineffective` with recovery ≥ `partialMinRecoveryBps` → partial: amount × recovery;
 * - otherwise → refund: nothing is earned and the advance is paid back.
 * The entry carries earned − advance, so advance + entry = earned, always.
 */
export function settleCompletion(terms: CompletionTerms, outcome: 'verified' | 'ineffective', before: HealthPoint, after: HealthPoint, advanceMinor: Minor): CompletionSettlement {
  const recovery = recoveryBps(before, after);
  const settlement: Settlement = outcome === 'verified' ? 'full' : recovery >= terms.partialMinRecoveryBps && recovery > 0 ? 'partial' : 'refund';
  const earnedMinor = settlement === 'full' ? terms.amountMinor : settlement === 'partial' ? mulDivHalfEven(terms.amountMinor, recovery, BPS) : 0;
  return { settlement, recoveryBps: recovery, earnedMinor, dueMinor: earnedMinor - advanceMinor };
}

export interface Interval {
  fromMs: number;
  toMs: number;
}

/** Time within the period covered by at least one interval (overlapping shop visits count once). */
export function downtimeMs(intervals: readonly Interval[], period: BillingPeriod): number {
  const start = periodStartMs(period);
  const end = periodEndMs(period);
  const clipped = intervals
    .map((i) => ({ fromMs: Math.max(i.fromMs, start), toMs: Math.min(i.toMs, end) }))
    .filter((i) => i.toMs > i.fromMs)
    .sort((a, b) => a.fromMs - b.fromMs);
  let total = 0;
  let cursor = start;
  for (const i of clipped) {
    const from = Math.max(i.fromMs, cursor);
    if (i.toMs > from) total += i.toMs - from;
    cursor = Math.max(cursor, i.toMs);
  }
  return total;
}

export interface AvailabilityResult {
  availabilityBps: number;
  shortfallBps: number;
  penaltyMinor: Minor;
}

/** Availability = 1 − downtime / period length (bps, half-even); penalty = shortfall points × rate, pro rata. */
export function availabilityPenalty(terms: NonNullable<ContractTerms['availability']>, period: BillingPeriod, downMs: number): AvailabilityResult {
  const length = periodEndMs(period) - periodStartMs(period);
  const availabilityBps = mulDivHalfEven(length - downMs, BPS, length);
  const shortfallBps = Math.max(0, terms.guaranteedBps - availabilityBps);
  return { availabilityBps, shortfallBps, penaltyMinor: mulDivHalfEven(shortfallBps, terms.penaltyPerPointMinor, 100) };
}
