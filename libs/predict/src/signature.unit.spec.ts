import { windowFromCycles } from './asset-window';
import { DEFAULT_BOOSTING } from './gradient-boosting';
import { scoreAsset } from './score';
import { signatureSimilarity } from './signature';
import { syntheticFleet } from './testing/synthetic-fleet';
import { trainModel } from './training';

describe('failure-mode signatures', () => {
  const fleet = syntheticFleet({ units: 30, seed: 11 });
  const model = trainModel(fleet, { folds: 3, boosting: { ...DEFAULT_BOOSTING, rounds: 30 } });
  const lateInLife = (fault: Record<string, number>, seed: number, fraction: number) => {
    const [unit] = syntheticFleet({ units: 1, seed, fault, minLife: 200, maxLife: 200 });
    const cycles = (unit?.cycles ?? []).slice(0, Math.round(200 * fraction));
    return scoreAsset(model, windowFromCycles(`asset-${seed}`, model.features, cycles)).signature;
  };

  it('given two assets with the same fault at different severities, when compared, then their signatures are nearly parallel', () => {
    // given
    const hpc = { s3: 1, s4: 1, s7: -1, s11: 1, s12: -1 };
    // when
    const early = lateInLife(hpc, 21, 0.85);
    const late = lateInLife(hpc, 22, 0.99);
    // then
    expect(signatureSimilarity(early, late)).toBeGreaterThan(0.8);
    expect(late.magnitude).toBeGreaterThan(early.magnitude);
  });

  it('given assets with different faults, when compared, then their signatures are far apart', () => {
    const a = lateInLife({ s3: 1, s4: 1, s7: -1, s11: 1, s12: -1 }, 23, 0.99);
    const b = lateInLife({ s9: 1, s14: 1, s20: -1, s21: -1 }, 24, 0.99);
    expect(signatureSimilarity(a, b)).toBeLessThan(0.3);
  });

  it('given a degraded asset, when its signature is read, then the faulted sensors carry the large deviations with the fault\'s sign', () => {
    const signature = lateInLife({ s4: 1, s7: -1 }, 25, 0.99);
    const of = (sensor: string): number => signature.deviation[signature.sensors.indexOf(sensor as never)] as number;
    expect(of('s4')).toBeGreaterThan(5);
    expect(of('s7')).toBeLessThan(-5);
    expect(Math.abs(of('s2'))).toBeLessThan(3);
  });
});
