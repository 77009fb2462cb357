import { spawn } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { topicName, type TelemetryFrame, type TwinView } from '@fleettwin/contracts';
import { isolatedEnvironment, serviceDatabaseUrl, jsonBody, startService, waitFor, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';
import type { TwinEventsPage } from './twins.controller';

const ASSETS = 100;
const FRAMES = 500;
const START = Date.UTC(2026, 6, 1);
const egt = (a: number, seq: number) => 550 + a + seq / 10 + (seq % 97 === 0 ? 2000 : 0); // an implausible spike now and then

let env: TestEnvironment;
let ingest: RunningService;
let twinState: RunningService;

const serviceEnv = () => ({ ...env.env, TWIN_SNAPSHOT_EVERY: '50' });

beforeAll(async () => {
  env = await isolatedEnvironment('eventlog');
  [ingest, twinState] = await Promise.all([startService('ingest', env.env), startService('twin-state', serviceEnv())]);
  let batch: TelemetryFrame[] = [];
  for (let seq = 1; seq <= FRAMES; seq++) {
    for (let a = 0; a < ASSETS; a++) {
      batch.push({ tenant: 'acme', assetId: `ESN-L${a}`, ts: new Date(START + seq * 60000).toISOString(), seq, readings: { egt: egt(a, seq), n2: 95 } });
      if (batch.length === 5000) {
        expect((await fetch(`${ingest.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames: batch }) })).status).toBe(202);
        batch = [];
      }
    }
  }
  await waitFor(async () => (await sumFrames()) === ASSETS * FRAMES, { timeoutMs: 180000, intervalMs: 500, what: '50,000 frames folded' });
});

afterAll(async () => {
  await Promise.all([ingest?.stop(), twinState?.stop()]);
});

async function sumFrames(): Promise<number> {
  const db = new Client({ connectionString: serviceDatabaseUrl(env.databaseUrl, 'twin-state') });
  await db.connect();
  try {
    return Number((await db.query<{ n: string | null }>('SELECT sum(frames) AS n FROM twins')).rows[0]?.n ?? 0);
  } finally {
    await db.end();
  }
}

const twin = async (assetId: string, query = '') => {
  const res = await fetch(`${twinState.url}/v1/twins/${assetId}${query}`);
  return { status: res.status, body: await jsonBody<TwinView>(res) };
};

describe('the twin as an event-sourced stream', () => {
  it('answers ?at= with the twin as it was at that moment', async () => {
    const at = new Date(START + 250 * 60000).toISOString();
    const { status, body } = await twin('ESN-L7', `?at=${at}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ frames: 250, lastSeq: 250, updatedAt: at });
    expect(body.sensors.egt?.value).toBeCloseTo(egt(7, 250), 9);
    // between two frames: the earlier one is the state
    const between = await twin('ESN-L7', `?at=${new Date(START + 250 * 60000 + 30000).toISOString()}`);
    expect(between.body.lastSeq).toBe(250);
    // a spike at seq 194 (97 * 2) is flagged in the past, and cleared by the next frame
    expect((await twin('ESN-L7', `?at=${new Date(START + 194 * 60000).toISOString()}`)).body.sensors.egt?.quality).toEqual(['out-of-range']);
    expect((await twin('ESN-L7', `?at=${new Date(START + 195 * 60000).toISOString()}`)).body.sensors.egt?.quality).toEqual([]);
    expect((await twin('ESN-L7', `?at=${new Date(START - 60000).toISOString()}`)).status).toBe(404);
    expect((await twin('ESN-L7', '?at=not-a-time')).status).toBe(400);
  });

  it('pages through an asset’s events in order, each carrying the hash of its predecessor', async () => {
    const events: TwinEventsPage['events'] = [];
    let after = 0;
    for (let page = 0; page < 20; page++) {
      const body = await jsonBody<TwinEventsPage>(await fetch(`${twinState.url}/v1/twins/ESN-L3/events?after=${after}&limit=200`));
      events.push(...body.events);
      if (body.next === undefined) break;
      after = body.next;
    }
    const frames = events.filter((e) => e.type === 'FrameRecorded');
    expect(frames).toHaveLength(FRAMES);
    const egtFaults = events.filter((e) => e.type === 'SensorFaultRaised' && (e.data as { sensor: string }).sensor === 'egt');
    expect(egtFaults).toHaveLength(5); // seq 97, 194, 291, 388, 485
    // n2 never moves: flagged stuck once, after the tenth identical frame
    expect(events.filter((e) => e.type === 'SensorFaultRaised' && (e.data as { flag: string }).flag === 'stuck')).toHaveLength(1);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
  });

  it('publishes every event of the log to fleet.twin-events.v1 through the outbox', async () => {
    const db = new Client({ connectionString: serviceDatabaseUrl(env.databaseUrl, 'twin-state') });
    await db.connect();
    const total = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n);
    await db.end();
    expect(total).toBeGreaterThanOrEqual(ASSETS * FRAMES);
    const admin = new Kafka({ clientId: 'test', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await waitFor(
        async () => (await admin.fetchTopicOffsets(topicName('twinEvents', env.namespace))).reduce((sum, p) => sum + Number(p.high), 0) >= total,
        { timeoutMs: 30000, intervalMs: 500, what: 'the relay to publish every event' },
      );
    } finally {
      await admin.disconnect();
    }
  });

  it('rebuilds the read models from the log with an identical digest (100 assets, 50,000+ events)', async () => {
    const before = await twin('ESN-L42');
    await twinState.stop();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/twin-state/src/cli/rebuild.ts'], { cwd: WORKSPACE_ROOT, env: { ...process.env, ...serviceEnv(), DATABASE_URL: serviceDatabaseUrl(env.databaseUrl, 'twin-state') } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`rebuild exited ${code}: ${err}${out}`))));
    });
    const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { events: number; twins: number; identical: boolean; digestBefore: string; digestAfter: string; eventsPerSecond: number };
    expect(result.identical).toBe(true);
    expect(result.digestAfter).toBe(result.digestBefore);
    expect(result.twins).toBe(ASSETS);
    expect(result.events).toBeGreaterThanOrEqual(ASSETS * FRAMES);
    expect(result.eventsPerSecond).toBeGreaterThan(0);

    twinState = await startService('twin-state', serviceEnv(), { label: 'twin-state-after-rebuild' });
    expect(await twin('ESN-L42')).toEqual(before);
  });
});
