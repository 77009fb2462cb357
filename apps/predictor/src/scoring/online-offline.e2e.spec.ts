import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { topicName, type TelemetryFrame } from '@fleettwin/contracts';
import { loadModel, scoreAsset, windowFromCycles, type RulModel } from '@fleettwin/predict';
import { parseCmapss, type CmapssUnit } from '@fleettwin/simulator';
import { isolatedEnvironment, jsonBody, startService, waitFor, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';
import type { RankedAsset } from '../predictions/predictions.controller';
import { MODEL_SENSOR_NAMES } from './cycle-from-frame';
import type { Prediction } from './prediction-projection';

const DATA_DIR = process.env.CMAPSS_DATA_DIR ?? resolve(WORKSPACE_ROOT, '../shared/data/cmapss');
const UNITS = 10;
const START = Date.UTC(2026, 8, 1);

let env: TestEnvironment;
let services: RunningService[] = [];
let units: CmapssUnit[];
let trueRul: number[];
let model: RulModel;

const assetId = (unit: number) => `FD001-T${String(unit).padStart(3, '0')}`;

beforeAll(async () => {
  units = parseCmapss(readFileSync(join(DATA_DIR, 'test_FD001.txt'), 'utf8')).slice(0, UNITS);
  trueRul = readFileSync(join(DATA_DIR, 'RUL_FD001.txt'), 'utf8').trim().split(/\s+/).map(Number);
  model = loadModel(JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps/predictor/model/rul-model.json'), 'utf8')));
  env = await isolatedEnvironment('online');
  services = await Promise.all([startService('ingest', env.env), startService('twin-state', env.env), startService('predictor', env.env)]);

  // The test units as live telemetry: one frame per cycle, every sensor by its twin name, settings included.
  const frames: TelemetryFrame[] = units.flatMap((u) =>
    u.rows.map((row) => ({
      tenant: 'nasa',
      assetId: assetId(u.unit),
      ts: new Date(START + row.cycle * 3600_000).toISOString(),
      seq: row.cycle,
      readings: { ...row.readings, setting1: row.settings[0], setting2: row.settings[1], setting3: row.settings[2] },
    })),
  );
  for (let i = 0; i < frames.length; i += 1000) {
    const res = await fetch(`${services[0]?.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames: frames.slice(i, i + 1000) }) });
    expect(res.status).toBe(202);
  }
  await waitFor(async () => {
    const latest = await Promise.all(units.map((u) => online(u.unit)));
    return latest.every((p, i) => p?.cycle === units[i]?.rows.length);
  }, { timeoutMs: 120000, intervalMs: 500, what: 'every test unit scored at its last cycle' });
});

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
});

const predictor = () => services[2] as RunningService;

async function online(unit: number): Promise<Prediction | undefined> {
  const res = await fetch(`${predictor().url}/v1/assets/${assetId(unit)}/prediction?history=0`);
  return res.status === 200 ? (await jsonBody<{ latest: Prediction }>(res)).latest : undefined;
}

function offline(u: CmapssUnit) {
  const cycles = u.rows.map((row) => ({ cycle: row.cycle, settings: row.settings, sensors: MODEL_SENSOR_NAMES.map((n) => row.readings[n]) }));
  return scoreAsset(model, windowFromCycles(assetId(u.unit), model.features, cycles), { horizon: 30 });
}

describe('predictor online equals offline (C-MAPSS FD001 test units replayed through ingest)', () => {
  it('gives every unit the same RUL, interval and failure probability as the offline evaluation', async () => {
    for (const u of units) {
      const live = await online(u.unit);
      const expected = offline(u);
      expect(live?.modelVersion).toBe(model.modelVersion);
      expect(live?.rul).toEqual(expected.rul);
      expect(live?.failureProbability).toBe(expected.failureProbability);
      expect(live?.healthIndex).toBe(expected.healthIndex);
      expect(live?.explanation.rul.map((c) => c.sensor)).toEqual(expected.explanation.rul.map((c) => c.sensor));
    }
  });

  it('ranks the fleet by risk', async () => {
    const res = await fetch(`${predictor().url}/v1/fleet/health?tenant=nasa`);
    const body = await jsonBody<{ assets: RankedAsset[] }>(res);
    expect(body.assets).toHaveLength(UNITS);
    const risks = body.assets.map((a) => a.failureProbability);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    expect((await fetch(`${predictor().url}/v1/fleet/health?tenant=Bad!`)).status).toBe(400);
  });

  it('publishes a prediction per scored cycle on fleet.predictions.v1', async () => {
    const cycles = units.reduce((n, u) => n + u.rows.length, 0);
    const admin = new Kafka({ clientId: 'test', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await waitFor(async () => (await admin.fetchTopicOffsets(topicName('predictions', env.namespace))).reduce((n, p) => n + Number(p.high), 0) >= cycles, {
        timeoutMs: 30000,
        what: `${cycles} predictions on Kafka`,
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('records prediction errors once outcomes are known and reports drift against the training error', async () => {
    for (const [i, u] of units.entries()) {
      const failedAtCycle = u.rows.length + (trueRul[i] as number);
      const res = await fetch(`${predictor().url}/v1/assets/${assetId(u.unit)}/outcome`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ failedAtCycle }) });
      expect(res.status).toBe(200);
      expect((await jsonBody<{ predictions: number }>(res)).predictions).toBe(u.rows.length);
    }
    const monitoring = await jsonBody<{ trainingRmse: number; recent: { predictions: number; rmse: number }; drift: number; alert: boolean }>(await fetch(`${predictor().url}/v1/model/monitoring`));
    expect(monitoring.recent.predictions).toBe(units.reduce((n, u) => n + u.rows.length, 0));
    expect(monitoring.recent.rmse).toBeGreaterThan(0);
    expect(monitoring.drift).toBeCloseTo(monitoring.recent.rmse / monitoring.trainingRmse, 9);
    expect(typeof monitoring.alert).toBe('boolean');
  });
});
