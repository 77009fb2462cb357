import { buildFleet } from './fleet';
import { FleetSimulation } from './simulation';
import { wearRates } from './degradation';
import type { EngineRecord } from './engine.model';

const START = Date.parse('2025-01-01T00:00:00Z');

function fleet(engines: number, seed = 7): FleetSimulation {
  return new FleetSimulation(buildFleet({ engines, tenants: 2, seed, startMs: START }), { seed, startMs: START, cyclesPerSecond: 1 });
}

function meanEgtOverCycles(sim: FleetSimulation, afterCycles: number): number {
  let sum = 0;
  for (let i = 0; i < sim.size; i++) sum += sim.frame(i, afterCycles, START + afterCycles * 1000).readings.egt as number;
  return sum / sim.size;
}

describe('degradation', () => {
  it('given a fleet, when cycles pass, then the mean EGT margin loss grows monotonically', () => {
    const sim = fleet(400);
    const checkpoints = [0, 500, 1000, 2000, 4000];
    const meanMargin = checkpoints.map((c) => sim.registry.engines.reduce((s, _, i) => s + sim.egtMarginAt(i, sim.cycleAt(i, START) + c), 0) / sim.size);
    for (let k = 1; k < meanMargin.length; k++) expect(meanMargin[k]).toBeLessThan(meanMargin[k - 1]);
  });

  it('given noisy frames, when averaged over many engines, then measured EGT rises with cycles', () => {
    const sim = fleet(1000);
    expect(meanEgtOverCycles(sim, 3000)).toBeGreaterThan(meanEgtOverCycles(sim, 0) + 5);
  });

  it('given the same engine in hot-humid versus temperate air, then HPC wear is faster in hot-humid', () => {
    const engine = buildFleet({ engines: 1, tenants: 1, seed: 1, startMs: START }).engines[0];
    const inClimate = (climate: EngineRecord['environment']['climate']): EngineRecord => ({ ...engine, environment: { ...engine.environment, climate } });
    expect(wearRates(inClimate('hot-humid'), false, 1).hpcPerCycle).toBeGreaterThan(wearRates(inClimate('temperate'), false, 1).hpcPerCycle);
    expect(wearRates(inClimate('hot-humid'), false, 1).hpcPerCycle).toBeGreaterThan(wearRates(inClimate('cold'), false, 1).hpcPerCycle);
  });

  it('given a bad batch, then every component wears faster than in a good batch', () => {
    const engine = buildFleet({ engines: 1, tenants: 1, seed: 1, startMs: START }).engines[0];
    const good = wearRates(engine, false, 1);
    const bad = wearRates(engine, true, 1);
    expect(bad.hpcPerCycle).toBeGreaterThan(good.hpcPerCycle);
    expect(bad.fanPerCycle).toBeGreaterThan(good.fanPerCycle);
    expect(bad.bearingPerCycle).toBeGreaterThan(good.bearingPerCycle);
  });

  it('given a fleet, when grouped, then hot-humid and bad-batch engines lose margin faster on average', () => {
    const sim = fleet(2000);
    const truth = sim.groundTruth();
    const lossPerCycle = (i: number): number => truth.engines[i].wearRates.hpcPerCycle;
    const mean = (pick: (i: number) => boolean): number => {
      const ids = sim.registry.engines.map((_, i) => i).filter(pick);
      return ids.reduce((s, i) => s + lossPerCycle(i), 0) / ids.length;
    };
    expect(mean((i) => sim.engine(i).environment.climate === 'hot-humid')).toBeGreaterThan(mean((i) => sim.engine(i).environment.climate === 'temperate'));
    expect(mean((i) => truth.engines[i].badBatch)).toBeGreaterThan(mean((i) => !truth.engines[i].badBatch));
  });
});
