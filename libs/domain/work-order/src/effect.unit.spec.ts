import { DEFAULT_EFFECT_THRESHOLDS, judgeEffect } from './effect';

describe('judgeEffect', () => {
  it.each([
    ['risk gone and fell a lot', { healthIndex: 0.4, failureProbability: 0.7 }, { healthIndex: 0.45, failureProbability: 0.1 }, 'verified'],
    ['risk low, health rose by the threshold', { healthIndex: 0.5, failureProbability: 0.15 }, { healthIndex: 0.6, failureProbability: 0.15 }, 'verified'],
    ['risk fell by exactly the threshold to exactly the ceiling', { healthIndex: 0.5, failureProbability: 0.45 }, { healthIndex: 0.5, failureProbability: 0.2 }, 'verified'],
    ['risk still above the ceiling', { healthIndex: 0.3, failureProbability: 0.9 }, { healthIndex: 0.8, failureProbability: 0.3 }, 'ineffective'],
    ['low risk before and after, nothing changed: not a fix', { healthIndex: 0.8, failureProbability: 0.05 }, { healthIndex: 0.82, failureProbability: 0.04 }, 'ineffective'],
  ] as const)('given %s, then %s', (_label, before, after, outcome) => {
    expect(judgeEffect(before, after, DEFAULT_EFFECT_THRESHOLDS)).toBe(outcome);
  });
});
