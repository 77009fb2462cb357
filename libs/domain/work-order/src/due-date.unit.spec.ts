import { dueDateFromRul, earlierOf } from './due-date';
import { priorityFromRisk } from './priority';

describe('dueDateFromRul', () => {
  it('given RUL lower 40, margin 10 and 5 cycles a day, then due in 6 days', () => {
    expect(dueDateFromRul({ now: '2026-03-01T00:00:00.000Z', rulLower: 40, safetyMarginCycles: 10, cyclesPerDay: 5 })).toBe('2026-03-07T00:00:00.000Z');
  });

  it('given a long-haul 1.2 cycles a day, then the same cycles last longer', () => {
    expect(dueDateFromRul({ now: '2026-03-01T00:00:00.000Z', rulLower: 22, safetyMarginCycles: 10, cyclesPerDay: 1.2 })).toBe('2026-03-11T00:00:00.000Z');
  });

  it('given RUL lower already inside the margin (or negative), then due now', () => {
    expect(dueDateFromRul({ now: '2026-03-01T12:00:00.000Z', rulLower: 4, safetyMarginCycles: 10, cyclesPerDay: 5 })).toBe('2026-03-01T12:00:00.000Z');
    expect(dueDateFromRul({ now: '2026-03-01T12:00:00.000Z', rulLower: -3, safetyMarginCycles: 10, cyclesPerDay: 5 })).toBe('2026-03-01T12:00:00.000Z');
  });

  it('given no utilisation or a bad clock, then it refuses', () => {
    expect(() => dueDateFromRul({ now: '2026-03-01T00:00:00Z', rulLower: 40, safetyMarginCycles: 10, cyclesPerDay: 0 })).toThrow(RangeError);
    expect(() => dueDateFromRul({ now: 'tomorrow', rulLower: 40, safetyMarginCycles: 10, cyclesPerDay: 1 })).toThrow(RangeError);
  });

  it('earlierOf picks the earlier instant whatever the offset notation', () => {
    expect(earlierOf('2026-03-02T00:00:00+02:00', '2026-03-01T23:00:00Z')).toBe('2026-03-02T00:00:00+02:00');
  });
});

describe('priorityFromRisk', () => {
  it.each([
    [0.95, 200, 1], [0.2, 8, 1], [0.75, 200, 2], [0.1, 20, 2], [0.5, 200, 3], [0.1, 50, 3], [0.2, 120, 4],
  ] as const)('given P=%s and RUL lower %s, then priority %s', (p, lower, expected) => {
    expect(priorityFromRisk(p, lower)).toBe(expected);
  });
});
