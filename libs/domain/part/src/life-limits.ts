import type { CustodyPolicy } from './custody-policy';
import type { Part } from './part.events';
import { LIFE_MEASURES, type LifeMeasure } from './part.values';

export interface LifeWarning {
  measure: LifeMeasure;
  consumed: number;
  limit: number;
  ratio: number;
  threshold: number;
}

/** Limits the part has crossed the warning ratio of and not yet warned about (one warning per limit). */
export function newLifeWarnings(part: Part, policy: CustodyPolicy): LifeWarning[] {
  return LIFE_MEASURES.flatMap((measure) => {
    const limit = part.lifeLimits[measure];
    if (limit === undefined || part.warned[measure]) return [];
    const ratio = part.consumed[measure] / limit;
    if (ratio < policy.lifeLimitWarningRatio) return [];
    return [{ measure, consumed: part.consumed[measure], limit, ratio, threshold: policy.lifeLimitWarningRatio }];
  });
}

/** The first limit the part has used up, if any: such a part may not go back on an asset. */
export function exhaustedLimit(part: Part): LifeMeasure | null {
  return LIFE_MEASURES.find((m) => part.lifeLimits[m] !== undefined && part.consumed[m] >= (part.lifeLimits[m] ?? Infinity)) ?? null;
}

export function remainingLife(part: Part): Partial<Record<LifeMeasure, number>> {
  const remaining: Partial<Record<LifeMeasure, number>> = {};
  for (const m of LIFE_MEASURES) {
    const limit = part.lifeLimits[m];
    if (limit !== undefined) remaining[m] = limit - part.consumed[m];
  }
  return remaining;
}
