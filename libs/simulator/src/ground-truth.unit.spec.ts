import { buildFleet } from './fleet';
import { FleetSimulation } from './simulation';
import { parseInjection } from './failure-modes';

const START = Date.parse('2025-01-01T00:00:00Z');

describe('ground truth', () => {
  const registry = buildFleet({ engines: 2000, tenants: 3, seed: 11, startMs: START });
  const target = registry.engines[0];

  it('given an injection by batch and environment, then exactly the engines sharing both carry the mode', () => {
    const injection = `HPC-DEG:batch=${target.buildBatch},env=${target.environment.climate}`;
    const sim = new FleetSimulation(registry, { seed: 11, startMs: START, cyclesPerSecond: 1, injections: [parseInjection(injection)] });
    const expected = registry.engines.filter((e) => e.buildBatch === target.buildBatch && e.environment.climate === target.environment.climate).map((e) => e.assetId);
    const truth = sim.groundTruth();
    expect(truth.injections[0].assetIds.sort()).toEqual(expected.sort());
    expect(truth.failures.every((f) => f.code === 'HPC-DEG' && f.failureCycle > f.onsetCycle)).toBe(true);
  });

  it('given an injected HPC-DEG, when the failure cycle is reached, then the EGT margin is used up', () => {
    const sim = new FleetSimulation(registry, { seed: 11, startMs: START, cyclesPerSecond: 1, injections: [parseInjection(`HPC-DEG:assets=${target.assetId},onset=10,life=150`)] });
    const failure = sim.groundTruth().failures[0];
    expect(failure.onsetCycle).toBe(target.cyclesSinceNew + 10);
    expect(failure.onsetAt).toBe(new Date(START + 10_000).toISOString());
    expect(sim.egtMarginAt(0, failure.onsetCycle)).toBeGreaterThan(10);
    expect(sim.egtMarginAt(0, failure.failureCycle)).toBeCloseTo(0, 0);
  });

  it('given a bearing-wear injection, when it progresses, then vibration rises far above healthy', () => {
    const sim = new FleetSimulation(registry, { seed: 11, startMs: START, cyclesPerSecond: 1, injections: [parseInjection(`BEARING-WEAR:assets=${target.assetId},onset=0,life=100`)] });
    const healthy = sim.frame(0, 0, START).readings.vibration as number;
    const failing = sim.frame(0, 1, START + 100_000).readings.vibration as number;
    expect(failing).toBeGreaterThan(healthy + 5);
  });

  it('given a sensor fault rate, then faults are recorded and a dropout reads null inside its window', () => {
    const sim = new FleetSimulation(registry, { seed: 11, startMs: START, cyclesPerSecond: 1, sensorFaultRate: 0.1, seqBase: 1000 });
    const faults = sim.groundTruth().sensorFaults;
    expect(faults.length).toBeGreaterThan(100);
    const dropout = faults.find((f) => f.kind === 'dropout');
    if (!dropout) throw new Error('expected a dropout among 200 faults');
    const index = sim.indexOf(dropout.assetId) as number;
    expect(sim.frame(index, dropout.fromSeq, START).readings[dropout.sensor]).toBeNull();
    expect(sim.frame(index, dropout.toSeq + 1, START).readings[dropout.sensor]).not.toBeNull();
    expect(sim.groundTruth().sensorFaults.find((f) => f.assetId === dropout.assetId)?.firstTs).toBe(new Date(START).toISOString());
  });

  it('given a stuck fault, then the sensor repeats one value throughout the window', () => {
    const sim = new FleetSimulation(registry, { seed: 11, startMs: START, cyclesPerSecond: 1, sensorFaultRate: 0.1 });
    const stuck = sim.groundTruth().sensorFaults.find((f) => f.kind === 'stuck');
    if (!stuck) throw new Error('expected a stuck fault');
    const index = sim.indexOf(stuck.assetId) as number;
    const values = [stuck.fromSeq, stuck.fromSeq + 3, stuck.toSeq].map((seq) => sim.frame(index, seq, START + seq * 1000).readings[stuck.sensor]);
    expect(new Set(values).size).toBe(1);
  });

  it('given a bad-frame rate, then bad frames are emitted and each is recorded with its seq and kind', () => {
    const sim = new FleetSimulation(registry, { seed: 11, startMs: START, cyclesPerSecond: 1, badFrameRate: 0.05 });
    const bad = [];
    for (let seq = 0; seq < 200; seq++) {
      const frame = sim.frame(3, seq, START + seq * 1000);
      if (frame.bad) bad.push({ seq, kind: frame.bad.kind });
    }
    const recorded = sim.groundTruth().badFrames;
    expect(bad.length).toBeGreaterThan(0);
    expect(recorded.count).toBe(bad.length);
    expect(recorded.recorded.map((r) => ({ seq: r.seq, kind: r.kind }))).toEqual(bad);
  });
});
