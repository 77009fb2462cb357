import { formatNumber, formatPercent, formatRul, formatTimestamp, relativeTime } from './format';
import { healthStatus } from './health-status';

describe('formats', () => {
  it('given numbers, when formatted, then fixed decimals, thousands separators and a dash for the unknown', () => {
    expect(formatNumber(1589.714, 2)).toBe('1,589.71');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatPercent(0.9)).toBe('90 %');
    expect(formatPercent(0.034)).toBe('3.4 %');
    expect(formatRul({ mean: 87.4, lower: 61.6, upper: 110.2 })).toBe('87 [62–110]');
  });

  it('given times, when formatted, then UTC and relative to now', () => {
    expect(formatTimestamp('2026-11-23T12:58:04.123Z')).toBe('2026-11-23 12:58:04Z');
    const now = Date.parse('2026-11-23T13:00:00Z');
    expect(relativeTime('2026-11-23T12:59:48Z', now)).toBe('12 s ago');
    expect(relativeTime('2026-11-23T09:00:00Z', now)).toBe('4 h ago');
    expect(relativeTime('2026-11-25T13:00:00Z', now)).toBe('in 2 d');
  });
});

describe('health status', () => {
  it('given scores, then alert at maintenance’s thresholds, watch when rising or flagged, unknown unscored', () => {
    expect(healthStatus({ failureProbability: 0.5, rulLower: 200, dataQualityWarnings: 0 })).toBe('alert');
    expect(healthStatus({ failureProbability: 0.1, rulLower: 40, dataQualityWarnings: 0 })).toBe('alert');
    expect(healthStatus({ failureProbability: 0.3, rulLower: 90, dataQualityWarnings: 0 })).toBe('watch');
    expect(healthStatus({ failureProbability: 0.01, rulLower: 90, dataQualityWarnings: 2 })).toBe('watch');
    expect(healthStatus({ failureProbability: 0.01, rulLower: 90, dataQualityWarnings: 0 })).toBe('ok');
    expect(healthStatus({ dataQualityWarnings: 0 })).toBe('unknown');
  });
});
