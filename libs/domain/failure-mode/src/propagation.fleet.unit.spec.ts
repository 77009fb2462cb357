// The simulator and the predictor's signature functions are test inputs here, never production
// dependencies of this domain: the boundary rule is right for src, this spec only needs ground truth.
 
import { buildFleet, CMAPSS_SENSOR_NAMES, FleetSimulation, type EngineRecord } from '@fleettwin/simulator';
 
import { failureSignature, INFORMATIVE_SENSORS, sensorIndex, type FailureSignature } from '@fleettwin/predict';
import type { AssetFacts } from './asset-similarity';
import { propagate } from './propagation';
import { classifySignature } from './classify';
import { TURBOFAN_FAILURE_MODES } from './turbofan.catalog';

const START = Date.parse('2025-01-01T00:00:00Z');
const SEED = 20260301;
/** Frames averaged per window; cycles advance one per second of frame time. */
const WINDOW = 12;
const RECENT_CYCLE = 200;

/** The batch + climate pair with the most engines: the fault's true population. */
function largestCohort(engines: readonly EngineRecord[]): { batch: string; climate: string } {
  const counts = new Map<string, number>();
  for (const e of engines) counts.set(`${e.buildBatch}|${e.environment.climate}`, (counts.get(`${e.buildBatch}|${e.environment.climate}`) ?? 0) + 1);
  const [key] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] as [string, number];
  const [batch, climate] = key.split('|') as [string, string];
  return { batch, climate };
}

/**
 * The signature the predictor would see, the cheap way: mean of the informative channels over a
 * recent window minus the same over the first cycles, in standard errors of that difference.
 */
function recentSignature(sim: FleetSimulation, index: number): FailureSignature {
  const window = (fromCycle: number) => Array.from({ length: WINDOW }, (_, k) => sim.frame(index, fromCycle + k, START + (fromCycle + k) * 1000).readings);
  const baseline = window(0);
  const recent = window(RECENT_CYCLE);
  const channels = INFORMATIVE_SENSORS.map((s) => CMAPSS_SENSOR_NAMES[sensorIndex(s)] as string);
  const mean = (frames: typeof baseline, ch: string) => frames.reduce((sum, f) => sum + (f[ch] ?? 0), 0) / frames.length;
  const std = (frames: typeof baseline, ch: string) => Math.sqrt(frames.reduce((sum, f) => sum + ((f[ch] ?? 0) - mean(frames, ch)) ** 2, 0) / (frames.length - 1));
  const drifts = channels.map((ch) => mean(recent, ch) - mean(baseline, ch));
  const stdErr = channels.map((ch) => Math.max(1e-6, std(baseline, ch) * Math.sqrt(2 / WINDOW)));
  return failureSignature(drifts, stdErr);
}

function factsOf(engine: EngineRecord, signature: FailureSignature | null): AssetFacts {
  return {
    tenant: engine.tenant,
    assetId: engine.assetId,
    model: engine.model,
    variant: engine.variant,
    buildBatch: engine.buildBatch,
    tolerances: { ...engine.tolerances },
    climate: engine.environment.climate,
    route: engine.environment.route,
    inServiceDate: engine.inServiceDate,
    usage: { cycles: engine.cyclesSinceNew, hours: Math.round(engine.cyclesSinceNew * engine.dutyCycle.hoursPerCycle) },
    signature,
  };
}

function precisionRecall(predicted: ReadonlySet<string>, truth: ReadonlySet<string>): { precision: number; recall: number } {
  const hits = [...predicted].filter((id) => truth.has(id)).length;
  return { precision: predicted.size ? hits / predicted.size : 0, recall: truth.size ? hits / truth.size : 1 };
}

describe('propagation over a simulated fleet of 500 engines', () => {
  it('given HPC-DEG injected into one build batch + climate and confirmed on one engine, when propagated over the other 499, then precision and recall >= 0.9', () => {
    const started = performance.now();
    // given
    const registry = buildFleet({ engines: 500, tenants: 3, seed: SEED, startMs: START });
    const cohort = largestCohort(registry.engines);
    const sim = new FleetSimulation(registry, {
      seed: SEED, startMs: START, cyclesPerSecond: 1, badBatches: [],
      injections: [{ code: 'HPC-DEG', selector: { batch: cohort.batch, env: cohort.climate }, onsetAfter: { min: 20, max: 40 }, lifeCycles: { min: 150, max: 250 } }],
    });
    const affected = sim.groundTruth().injections[0]?.assetIds ?? [];
    const sourceId = affected[0] as string;
    const facts = registry.engines.map((engine, index) => factsOf(engine, recentSignature(sim, index)));
    const source = facts.find((f) => f.assetId === sourceId) as AssetFacts;
    const candidates = facts.filter((f) => f.assetId !== sourceId);
    const confirmed = classifySignature(source.signature as FailureSignature, TURBOFAN_FAILURE_MODES);

    // when
    const decided = propagate({ failureModeCode: 'HPC-DEG', source, workOrderId: 'WO-1', confirmedAt: '2025-01-03T00:00:00Z', confirmedBy: 'tech-17' }, candidates);

    // then
    const elapsedMs = performance.now() - started;
    const predicted = new Set([...decided.data.inspections.map((i) => i.assetId), ...decided.data.advisories.flatMap((a) => a.assets.map((x) => x.assetId))]);
    const truth = new Set(affected.filter((id) => id !== sourceId));
    const { precision, recall } = precisionRecall(predicted, truth);
    console.log(JSON.stringify({ cohort, truth: truth.size, predicted: predicted.size, precision, recall, classifiedAs: confirmed, elapsedMs: Math.round(elapsedMs) }));
    expect(confirmed?.code).toBe('HPC-DEG');
    expect(truth.size).toBeGreaterThanOrEqual(10);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(elapsedMs).toBeLessThan(2000);
    const advisories = JSON.stringify(decided.data.advisories);
    expect(decided.data.advisories.length).toBeGreaterThan(0);
    expect(advisories).not.toContain(sourceId);
    expect(advisories).not.toContain(`"${source.tenant}"`);
  });
});
