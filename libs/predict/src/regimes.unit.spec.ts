import { INFORMATIVE_SENSORS } from './cycle';
import { fitNormalisation, normaliseCycle } from './normalisation';
import { assignRegime, fitRegimes } from './regimes';
import { mean, standardDeviation } from './statistics';
import { SIX_REGIMES, syntheticFleet } from './testing/synthetic-fleet';

describe('operating regimes and per-regime normalisation', () => {
  it('given six FD002-style operating conditions, when regimes are fitted, then six are found and each condition maps to its own', () => {
    // given
    const cycles = syntheticFleet({ units: 6, seed: 1, regimes: SIX_REGIMES }).flatMap((u) => u.cycles);
    // when
    const regimes = fitRegimes(cycles.map((c) => c.settings));
    // then
    expect(regimes.centroids).toHaveLength(6);
    const assigned = new Set(SIX_REGIMES.map((s) => assignRegime(regimes, s)));
    expect(assigned.size).toBe(6);
  });

  it('given settings that are only noise (FD001), when regimes are fitted, then there is a single regime', () => {
    const settings = Array.from({ length: 500 }, (_, i) => [Math.sin(i) * 0.002, Math.cos(i * 7) * 0.0003, 100]);
    expect(fitRegimes(settings).centroids).toHaveLength(1);
  });

  it('given multi-regime sensors whose levels differ by regime, when normalised, then the regime offset is gone', () => {
    // given: raw s2 jumps by 50 between regimes, dwarfing its noise (0.5)
    const cycles = syntheticFleet({ units: 10, seed: 2, regimes: SIX_REGIMES }).flatMap((u) => u.cycles);
    const raw = cycles.map((c) => c.sensors[1] as number);
    // when
    const normalisation = fitNormalisation(cycles);
    const z = cycles.map((c) => normaliseCycle(normalisation, c));
    // then
    expect(standardDeviation(raw)).toBeGreaterThan(50);
    const s2 = z.map((row) => row[INFORMATIVE_SENSORS.indexOf('s2')] as number);
    expect(Math.abs(mean(s2))).toBeLessThan(0.05);
    expect(standardDeviation(s2)).toBeCloseTo(1, 1);
  });
});
