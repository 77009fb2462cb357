import { createAssetWindow, windowFromCycles } from './asset-window';
import { DEFAULT_BOOSTING } from './gradient-boosting';
import { loadModel, ModelFormatError } from './rul-model';
import { scoreAsset } from './score';
import { syntheticFleet } from './testing/synthetic-fleet';
import { trainModel } from './training';

describe('scoring an asset', () => {
  const fleet = syntheticFleet({ units: 30, seed: 5 });
  const model = trainModel(fleet, { folds: 3, boosting: { ...DEFAULT_BOOSTING, rounds: 60 }, dataset: 'synthetic' });
  const [probe] = syntheticFleet({ units: 1, seed: 99, minLife: 200, maxLife: 200 });
  const cycles = probe?.cycles ?? [];
  const score = (upTo: number) => scoreAsset(model, windowFromCycles('engine-7', model.features, cycles.slice(0, upTo)));
  // A fault the fleet never showed: RUL cannot know it, but the anomaly must point at it.
  const [novel] = syntheticFleet({ units: 1, seed: 98, fault: { s4: 1, s11: 1 }, minLife: 200, maxLife: 200 });

  it('given a healthy young asset and the same asset near failure, when scored, then health, RUL and failure probability move the right way', () => {
    // when
    const young = score(40);
    const worn = score(195);
    // then
    expect(young.healthIndex).toBeGreaterThan(worn.healthIndex);
    expect(young.rul.mean).toBeGreaterThan(worn.rul.mean);
    expect(worn.failureProbability).toBeGreaterThan(young.failureProbability);
    expect(worn.rul.lower).toBeLessThanOrEqual(worn.rul.mean);
    expect(worn.rul.upper).toBeGreaterThanOrEqual(worn.rul.mean);
    expect(worn.anomaly.self).toBeGreaterThan(young.anomaly.self);
    expect(worn.modelVersion).toBe(model.modelVersion);
  });

  it('given an asset whose s4 and s11 drift, when its anomaly is explained, then those sensors lead the explanation', () => {
    const worn = scoreAsset(model, windowFromCycles('engine-8', model.features, novel?.cycles ?? []));
    const selfDrivers = worn.explanation.anomalySelf.slice(0, 2).map((c) => c.sensor).sort();
    expect(selfDrivers).toEqual(['s11', 's4']);
    expect(worn.explanation.anomalyFleet.slice(0, 2).map((c) => c.sensor).sort()).toEqual(['s11', 's4']);
    expect(worn.explanation.rul.length).toBeGreaterThan(0);
    expect(worn.explanation.healthIndex.length).toBe(5);
  });

  it('given a model serialised to JSON, when loaded back, then it scores identically', () => {
    const reloaded = loadModel(JSON.parse(JSON.stringify(model)));
    const window = windowFromCycles('engine-7', model.features, cycles.slice(0, 150));
    expect(scoreAsset(reloaded, window)).toEqual(scoreAsset(model, window));
  });

  it('given malformed JSON, when loaded, then a typed format error names the field', () => {
    const broken = { ...JSON.parse(JSON.stringify(model)), rulCap: 'lots' };
    expect(() => loadModel(broken)).toThrow(ModelFormatError);
    expect(() => loadModel(broken)).toThrow(/rulCap/);
  });

  it('given an empty window, when scored, then it is refused', () => {
    expect(() => scoreAsset(model, createAssetWindow('new', model.features))).toThrow(RangeError);
  });
});
