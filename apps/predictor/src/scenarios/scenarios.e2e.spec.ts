import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFleet, FleetSimulation, parseInjection, toTelemetryFrame, wearRates, type EngineRecord } from '@fleettwin/simulator';
import { calibrationFrom, calibrationReport, DEFAULT_CALIBRATION, type CalibrationReport, type OperatingProfile } from '@fleettwin/predict';
import { isolatedEnvironment, jsonBody, startService, waitFor, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';
import type { TelemetryFrame } from '@fleettwin/contracts';
import type { RerunAnswer, ScenarioView } from './scenario.service';

// Simulated engines with a known fault (HPC degradation from cycle 10, failing 200 cycles later), one
// frame per flight cycle, driven through ingest → twin-state → predictor → calibration.
const START = Date.UTC(2026, 8, 1);
const CYCLES = 140;
const registry = buildFleet({ engines: 4, tenants: 2, seed: 2, startMs: START });
const sim = new FleetSimulation(registry, { seed: 2, startMs: START, cyclesPerSecond: 1, injections: [parseInjection('HPC-DEG:onset=10,life=200')] });
const engines = registry.engines;
// The last engine "departs from its model" after cycle 100: its readings become those of another,
// healthier engine early in its life (as a swapped sensor harness or a mixed-up serial would).
const DEPARTING = engines[3] as EngineRecord;
const DEPART_AT = 100;

let env: TestEnvironment;
let services: RunningService[] = [];
const predictor = () => services[2] as RunningService;

function framesOf(index: number, from: number, to: number): TelemetryFrame[] {
  const engine = engines[index] as EngineRecord;
  const out: TelemetryFrame[] = [];
  for (let k = from; k < to; k++) {
    const [sourceEngine, source] = engine === DEPARTING && k >= DEPART_AT ? [0, k - 90] : [index, k];
    const frame = toTelemetryFrame(sim.frame(sourceEngine, source, START + source * 1000));
    out.push({ ...frame, tenant: engine.tenant, assetId: engine.assetId, ts: new Date(START + k * 1000).toISOString(), seq: k + 1 });
  }
  return out;
}

async function send(frames: TelemetryFrame[]): Promise<void> {
  for (let i = 0; i < frames.length; i += 1000) {
    const res = await fetch(`${services[0]?.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames: frames.slice(i, i + 1000) }) });
    expect(res.status).toBe(202);
  }
}

async function calibration(assetId: string): Promise<CalibrationReport | undefined> {
  const res = await fetch(`${predictor().url}/v1/assets/${assetId}/calibration`);
  return res.status === 200 ? jsonBody<CalibrationReport>(res) : undefined;
}

async function calibratedAt(assetIds: string[], cycle: number): Promise<void> {
  await waitFor(async () => (await Promise.all(assetIds.map(calibration))).every((c) => c?.lastCycle === cycle && c.fittedAtCycle === cycle), {
    timeoutMs: 120000, intervalMs: 500, what: `calibrations at cycle ${cycle}`,
  });
}

function profileOf(engine: EngineRecord): OperatingProfile {
  const { climate, route } = engine.environment;
  const { takeoffDerate, cyclesPerDay, hoursPerCycle } = engine.dutyCycle;
  return { deratePercent: takeoffDerate * 100, climate, ambientDeltaC: 0, route, cyclesPerDay, hoursPerCycle };
}

async function scenario(body: Record<string, unknown>): Promise<ScenarioView> {
  const res = await fetch(`${predictor().url}/v1/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`scenario answered ${res.status}: ${await res.text()}`);
  return jsonBody<ScenarioView>(res);
}

/** A scenario on one engine, with its registry profile as today's. */
const onEngine = (engine: EngineRecord, change: Record<string, unknown>) =>
  scenario({ tenant: engine.tenant, assets: { ids: [engine.assetId] }, current: profileOf(engine), change, seed: 42, draws: 1000 });

const meanRul = (v: ScenarioView, arm: 'baseline' | 'scenario') => v.result.assets[0]?.[arm].rulCycles.mean as number;

beforeAll(async () => {
  env = await isolatedEnvironment('scenarios');
  const groups = { TWIN_STATE_GROUP: `${env.namespace}twin-state`, PREDICTOR_GROUP: `${env.namespace}predictor` };
  services = await Promise.all([startService('ingest', env.env), startService('twin-state', { ...env.env, ...groups }), startService('predictor', { ...env.env, ...groups })]);
  await send(engines.flatMap((_, i) => framesOf(i, 0, DEPART_AT)));
  await calibratedAt(engines.map((e) => e.assetId), DEPART_AT);
});

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
});

describe('calibration and what-if scenarios on simulated engines (ingest → twin-state → predictor)', () => {
  let before: CalibrationReport;
  let stored: ScenarioView | undefined;

  it('reports each asset’s fit: curve, RMSE over its history and recent drift', async () => {
    before = (await calibration(DEPARTING.assetId)) as CalibrationReport;
    for (const engine of engines) {
      const report = (await calibration(engine.assetId)) as CalibrationReport;
      expect(report.version).toMatch(/^cal-1\.[0-9a-f]{12}$/);
      expect(report.observations).toBe(DEPART_AT);
      expect(report.fitRmse).toBeGreaterThan(0);
      expect(report.fitRmse).toBeLessThan(0.15);
      expect(report.curve?.b).toBeGreaterThan(0);
    }
    await send(engines.flatMap((_, i) => framesOf(i, DEPART_AT, CYCLES)));
    await calibratedAt(engines.map((e) => e.assetId), CYCLES);
  });

  it('lets the fit error and drift grow when an asset departs from its model, and flags it', async () => {
    const after = (await calibration(DEPARTING.assetId)) as CalibrationReport;
    expect(after.fitRmse).toBeGreaterThan((before.fitRmse as number) * 2);
    expect(after.recent.rmse).toBeGreaterThan(before.recent.rmse as number);
    expect(after.driftRatio).toBeGreaterThan(1.5);
    expect(after.valid).toBe(false);
    expect(after.reason).toMatch(/no longer follows/);
    for (const engine of engines.slice(0, 3)) expect((await calibration(engine.assetId))?.valid).toBe(true);
    const listed = await jsonBody<{ assets: CalibrationReport[] }>(await fetch(`${predictor().url}/v1/calibration?tenant=${DEPARTING.tenant}&invalid=true`));
    expect(listed.assets.map((a) => a.assetId)).toEqual([DEPARTING.assetId]);
    const metrics = await (await fetch(`${predictor().url}/metrics`)).text();
    expect(metrics).toMatch(/fleettwin_calibration_invalid_assets 1/);
    expect(metrics).toMatch(/fleettwin_calibration_fit_rmse_count \d+/);
  });

  it('holds calibrations that are a pure fold: refolding the asset’s prediction history gives the same report', async () => {
    for (const engine of engines) {
      const res = await fetch(`${predictor().url}/v1/assets/${engine.assetId}/prediction?history=1000`);
      const { history } = await jsonBody<{ history: { cycle: number; healthIndex: number }[] }>(res);
      expect(history).toHaveLength(CYCLES);
      const rebuilt = calibrationReport(calibrationFrom(engine.assetId, [...history].reverse()), DEFAULT_CALIBRATION);
      expect({ ...(await calibration(engine.assetId)), tenant: undefined }).toEqual({ ...rebuilt, tenant: undefined });
    }
  });

  it('lengthens RUL monotonically with more takeoff derate, by the simulator’s own wear ratio', async () => {
    for (const engine of engines.slice(0, 3)) {
      const today = profileOf(engine);
      const levels = [5, 10, 15, 20].map((d) => Math.min(40, today.deratePercent + d));
      const runs = [];
      for (const deratePercent of levels) runs.push(await onEngine(engine, { profile: { deratePercent } }));
      const means = runs.map((r) => meanRul(r, 'scenario'));
      expect(meanRul(runs[0] as ScenarioView, 'baseline')).toBeLessThan(means[0] as number);
      for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1] as number);
      // The multiplier is the ground truth's: the simulator's wear-rate ratio for the same change.
      const truth = (d: number) => wearRates({ ...engine, dutyCycle: { ...engine.dutyCycle, takeoffDerate: d / 100 } }, false, 1).hpcPerCycle / wearRates(engine, false, 1).hpcPerCycle;
      runs.forEach((r, i) => expect(r.result.assets[0]?.scenario.wearMultiplier).toBeCloseTo(truth(levels[i] as number), 5));
      // Baselines are the same draws every time: one seed, one calibration.
      expect(new Set(runs.map((r) => JSON.stringify(r.result.assets[0]?.baseline))).size).toBe(1);
    }
  });

  it('shortens RUL monotonically in a hotter environment', async () => {
    for (const engine of engines.slice(0, 3)) {
      const runs = [];
      for (const ambientDeltaC of [5, 10, 20, 30]) runs.push(await onEngine(engine, { profile: { ambientDeltaC } }));
      const means = runs.map((r) => meanRul(r, 'scenario'));
      expect(means[0]).toBeLessThan(meanRul(runs[0] as ScenarioView, 'baseline'));
      for (let i = 1; i < means.length; i++) expect(means[i]).toBeLessThan(means[i - 1] as number);
      const failure = runs.map((r) => r.result.assets[0]?.scenario.failureProbability as number);
      for (let i = 1; i < failure.length; i++) expect(failure[i]).toBeGreaterThanOrEqual(failure[i - 1] as number);
    }
    const engine = engines[0] as EngineRecord;
    if (engine.environment.climate !== 'hot-humid') {
      const humid = await onEngine(engine, { profile: { climate: 'hot-humid' } });
      expect(meanRul(humid, 'scenario')).toBeLessThan(meanRul(humid, 'baseline'));
    }
  });

  it('reports a deferral as more risk before the work order, and a part swap as a longer life', async () => {
    const engine = engines[0] as EngineRecord;
    const deferred = await onEngine(engine, { deferral: { dueInCycles: 20, deferCycles: 40 } });
    const [asset] = deferred.result.assets;
    expect(asset?.scenario.maintenanceInCycles).toBe(60);
    expect(asset?.scenario.failureProbability).toBeGreaterThan(asset?.baseline.failureProbability as number);
    const swapped = await onEngine(engine, { partSwap: { component: 'HPC module', inCycles: 0, restoreFraction: 1 } });
    expect(meanRul(swapped, 'scenario')).toBeGreaterThan(meanRul(swapped, 'baseline') + 50);
  });

  it('stores a fleet scenario and reruns it to the identical bytes', async () => {
    const tenant = (engines[0] as EngineRecord).tenant;
    const created = await scenario({ tenant, name: 'derate 10% + hot summer', assets: { filter: { limit: 10 } }, current: profileOf(engines[0] as EngineRecord), change: { profile: { deratePercent: 25, ambientDeltaC: 8 } }, seed: 7 });
    expect(created.inputs.assetIds).toEqual(engines.filter((e) => e.tenant === tenant).map((e) => e.assetId).sort());
    expect(created.result.fleet.baseline.expectedRemovalsPerMonth).toHaveLength(12);
    expect(created.result.assets[0]?.histogram.edges).toHaveLength(25);
    expect(created.versions.predictorModel).toMatch(/^rul-gbt-1\./);
    const fetched = await jsonBody<ScenarioView>(await fetch(`${predictor().url}/v1/scenarios/${created.id}?tenant=${tenant}`));
    expect(fetched).toEqual(created);
    const rerun = await jsonBody<RerunAnswer>(await fetch(`${predictor().url}/v1/scenarios/${created.id}/rerun?tenant=${tenant}`, { method: 'POST' }));
    expect(rerun.identical).toBe(true);
    expect(rerun.changes).toEqual([]);
    expect(JSON.stringify(rerun.result)).toBe(JSON.stringify(created.result));
    stored = created;
    const list = await jsonBody<{ scenarios: { id: string }[] }>(await fetch(`${predictor().url}/v1/scenarios?tenant=${tenant}`));
    expect(list.scenarios.map((s) => s.id)).toContain(created.id);
    const other = engines.find((e) => e.tenant !== tenant)?.tenant as string;
    expect((await fetch(`${predictor().url}/v1/scenarios/${created.id}?tenant=${other}`)).status).toBe(404);
    expect((await fetch(`${predictor().url}/v1/scenarios/${created.id}/rerun?tenant=${other}`, { method: 'POST' })).status).toBe(404);
  });

  it('says so when a calibration has been refitted since, and still reproduces the stored result', async () => {
    const engine = engines[0] as EngineRecord;
    await send(framesOf(0, CYCLES, CYCLES + 10));
    await calibratedAt([engine.assetId], CYCLES + 10);
    const rerun = await jsonBody<RerunAnswer>(await fetch(`${predictor().url}/v1/scenarios/${stored?.id}/rerun?tenant=${engine.tenant}`, { method: 'POST' }));
    expect(rerun.identical).toBe(true);
    expect(rerun.changes).toEqual([expect.stringMatching(new RegExp(`^calibration of ${engine.assetId} cal-1\\.\\w+ → cal-1\\.\\w+`))]);
    expect(rerun.versions.current.calibrations[engine.assetId]).not.toBe(rerun.versions.stored.calibrations[engine.assetId]);
  });

  it('says so when the predictor model has changed since (a retrained artifact), and still reproduces the stored result', async () => {
    const engine = engines[0] as EngineRecord;
    const artifact = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps/predictor/model/rul-model.json'), 'utf8')) as { modelVersion: string };
    const retrained = join(tmpdir(), `rul-model-${env.namespace}json`);
    writeFileSync(retrained, JSON.stringify({ ...artifact, modelVersion: 'rul-gbt-1.retrained0000' }));
    await predictor().stop();
    services[2] = await startService('predictor', { ...env.env, TWIN_STATE_GROUP: `${env.namespace}twin-state`, PREDICTOR_GROUP: `${env.namespace}predictor`, MODEL_PATH: retrained });
    const rerun = await jsonBody<RerunAnswer>(await fetch(`${predictor().url}/v1/scenarios/${stored?.id}/rerun?tenant=${engine.tenant}`, { method: 'POST' }));
    expect(rerun.identical).toBe(true);
    expect(rerun.changes).toContain(`predictor model ${artifact.modelVersion} → rul-gbt-1.retrained0000`);
  });

  it('refuses another tenant’s asset (404) and a request without a change (400)', async () => {
    const [a, b] = [engines.find((e) => e.tenant === 'airline-a') as EngineRecord, engines.find((e) => e.tenant === 'airline-b') as EngineRecord];
    const res = await fetch(`${predictor().url}/v1/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: a.tenant, assets: { ids: [b.assetId] }, change: { profile: { deratePercent: 10 } } }) });
    expect(res.status).toBe(404);
    const empty = await fetch(`${predictor().url}/v1/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: a.tenant, assets: { ids: [a.assetId] }, change: {} }) });
    expect(empty.status).toBe(400);
  });
});
