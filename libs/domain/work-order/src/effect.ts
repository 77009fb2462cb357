import type { HealthSnapshot } from '@fleettwin/contracts';
import type { EffectOutcome, EffectThresholds } from './work-order.events';

/**
 * The work fixed the asset when the risk left is low AND the twin shows a change: either the
 * failure probability dropped or the health index rose. The second clause keeps an order that
 * happened to close on a healthy-looking asset from counting as a fix it did not make.
 */
export const DEFAULT_EFFECT_THRESHOLDS: EffectThresholds = {
  maxResidualFailureProbability: 0.2,
  minFailureProbabilityDrop: 0.25,
  minHealthIndexGain: 0.1,
};

// Scores are rounded to 3 decimals upstream; the tolerance keeps 0.45 − 0.2 from missing 0.25.
const EPSILON = 1e-9;

export function judgeEffect(before: HealthSnapshot, after: HealthSnapshot, thresholds: EffectThresholds = DEFAULT_EFFECT_THRESHOLDS): EffectOutcome {
  const lowRisk = after.failureProbability <= thresholds.maxResidualFailureProbability + EPSILON;
  const riskDropped = before.failureProbability - after.failureProbability >= thresholds.minFailureProbabilityDrop - EPSILON;
  const healthRose = after.healthIndex - before.healthIndex >= thresholds.minHealthIndexGain - EPSILON;
  return lowRisk && (riskDropped || healthRose) ? 'verified' : 'ineffective';
}
