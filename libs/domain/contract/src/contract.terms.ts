import { BPS, isMinor, type Minor } from './money';

/**
 * What the operator pays the service provider for one asset:
 * - usage (power by the hour): a rate in minor units per operating hour or per completed cycle;
 * - availability: a guaranteed monthly availability (basis points, 9 500 = 95.00 %) and a penalty
 *   per percentage point below it, pro rata for fractions of a point;
 * - completion: a price per completed work order, part of it released as an advance on completion,
 *   the rest on the twin's verdict (see settlement.ts).
 */
export interface ContractTerms {
  usage: { basis: UsageBasis; rateMinor: Minor };
  availability: { guaranteedBps: number; penaltyPerPointMinor: Minor } | null;
  completion: CompletionTerms | null;
}

export type UsageBasis = 'operating-hour' | 'cycle';

export interface CompletionTerms {
  amountMinor: Minor;
  /** Share of the amount released when the order is completed, before the effect check. */
  advanceBps: number;
  /** An ineffective order that still removed at least this share of the failure risk is paid pro rata. */
  partialMinRecoveryBps: number;
}

export interface TermsVersion {
  version: number;
  effectiveFrom: string;
  terms: ContractTerms;
}

/** Problems with terms, as field paths and messages; empty when they are valid. */
export function termsIssues(terms: ContractTerms): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const amount = (value: unknown, path: string) => {
    if (!isMinor(value) || value < 0) issues.push({ path, message: 'must be a non-negative integer amount in minor units' });
  };
  const bps = (value: unknown, path: string) => {
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > BPS) issues.push({ path, message: 'must be basis points from 0 to 10000' });
  };
  if (terms.usage.basis !== 'operating-hour' && terms.usage.basis !== 'cycle') issues.push({ path: 'usage.basis', message: 'must be operating-hour or cycle' });
  amount(terms.usage.rateMinor, 'usage.rateMinor');
  if (terms.availability) {
    bps(terms.availability.guaranteedBps, 'availability.guaranteedBps');
    amount(terms.availability.penaltyPerPointMinor, 'availability.penaltyPerPointMinor');
  }
  if (terms.completion) {
    amount(terms.completion.amountMinor, 'completion.amountMinor');
    bps(terms.completion.advanceBps, 'completion.advanceBps');
    bps(terms.completion.partialMinRecoveryBps, 'completion.partialMinRecoveryBps');
  }
  return issues;
}

/** The terms in force at an instant: the latest version effective at or before it; null before the first. */
export function termsAt(versions: readonly TermsVersion[], instant: string): TermsVersion | null {
  const t = Date.parse(instant);
  let found: TermsVersion | null = null;
  for (const v of versions) if (Date.parse(v.effectiveFrom) <= t && (!found || v.version > found.version)) found = v;
  return found;
}
