import { PRIORITY_NAMES, type PriorityLevel } from '@fleettwin/contracts';

export type PriorityName = keyof typeof PRIORITY_NAMES;

export function priorityLevel(priority: PriorityLevel | PriorityName): PriorityLevel {
  return typeof priority === 'number' ? priority : PRIORITY_NAMES[priority];
}

/** 1 is the most urgent, so "more urgent" is the smaller number. */
export function mostUrgent(a: PriorityLevel, b: PriorityLevel): PriorityLevel {
  return a < b ? a : b;
}

export interface RiskBands {
  /** [failure probability, RUL lower bound in cycles] at or past which each priority applies. */
  critical: { failureProbability: number; rulLower: number };
  high: { failureProbability: number; rulLower: number };
  medium: { failureProbability: number; rulLower: number };
}

export const DEFAULT_RISK_BANDS: RiskBands = {
  critical: { failureProbability: 0.9, rulLower: 10 },
  high: { failureProbability: 0.7, rulLower: 25 },
  medium: { failureProbability: 0.5, rulLower: 50 },
};

/** Either signal alone is enough: a confident short RUL is as urgent as a high probability. */
export function priorityFromRisk(failureProbability: number, rulLower: number, bands: RiskBands = DEFAULT_RISK_BANDS): PriorityLevel {
  const hits = (band: { failureProbability: number; rulLower: number }) => failureProbability >= band.failureProbability || rulLower <= band.rulLower;
  if (hits(bands.critical)) return 1;
  if (hits(bands.high)) return 2;
  if (hits(bands.medium)) return 3;
  return 4;
}
