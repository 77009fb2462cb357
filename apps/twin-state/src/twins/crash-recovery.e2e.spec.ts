import { Client } from 'pg';
import type { TelemetryFrame, TwinView } from '@fleettwin/contracts';
import { isolatedEnvironment, serviceDatabaseUrl, jsonBody, startService, waitFor, type RunningService, type TestEnvironment } from '@fleettwin/testing';

const ASSETS = 20;
const FRAMES_PER_ASSET = 1000;
const TOTAL = ASSETS * FRAMES_PER_ASSET;
const BATCH = 250;

let env: TestEnvironment;
let ingest: RunningService;
let twinState: RunningService | undefined;

beforeAll(async () => {
  env = await isolatedEnvironment('crash');
  ingest = await startService('ingest', env.env);
  twinState = await startService('twin-state', env.env, { label: 'twin-state-1' });
});

afterAll(async () => {
  await Promise.all([ingest?.stop(), twinState?.stop()]);
});

function reading(asset: number, seq: number): number {
  return 500 + asset * 10 + seq / 1000;
}

/** Frames in send order: seq-major, so every asset is mid-stream whenever the kill lands. */
function* frames(): Generator<TelemetryFrame> {
  for (let seq = 1; seq <= FRAMES_PER_ASSET; seq++) {
    for (let a = 0; a < ASSETS; a++) {
      yield { tenant: 'acme', assetId: `ESN-K${a}`, ts: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(), seq, readings: { egt: reading(a, seq) } };
    }
  }
}

async function totalFolded(): Promise<number> {
  const db = new Client({ connectionString: serviceDatabaseUrl(env.databaseUrl, 'twin-state') });
  await db.connect();
  try {
    const { rows } = await db.query<{ total: string | null }>('SELECT sum(frames) AS total FROM twins');
    return Number(rows[0]?.total ?? 0);
  } finally {
    await db.end();
  }
}

describe('twin-state killed with SIGKILL in the middle of a 20,000-frame stream', () => {
  it('counts every acknowledged frame exactly once after restarting', async () => {
    let acknowledged = 0;
    let batch: TelemetryFrame[] = [];
    const kills: number[] = [];
    const send = async () => {
      const res = await fetch(`${ingest.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames: batch }) });
      expect(res.status).toBe(202);
      acknowledged += (await jsonBody<{ accepted: number }>(res)).accepted;
      batch = [];
    };
    for (const frame of frames()) {
      batch.push(frame);
      if (batch.length < BATCH) continue;
      await send();
      if (acknowledged === 5000 || acknowledged === 12500) {
        // Let twin-state get busy with the backlog, then crash it mid-work.
        await waitFor(async () => (await totalFolded()) > 0, { timeoutMs: 20000, what: 'twin-state to start folding' });
        await twinState?.kill();
        kills.push(await totalFolded());
        twinState = undefined;
      }
      if (acknowledged === 8000 || acknowledged === 15000) twinState = await startService('twin-state', env.env, { label: `twin-state-${kills.length + 1}` });
    }
    if (batch.length) await send();
    expect(acknowledged).toBe(TOTAL);
    expect(kills).toHaveLength(2);
    // The crashes happened while frames were still arriving: the twins were behind the stream.
    expect(kills.every((folded) => folded < TOTAL)).toBe(true);

    await waitFor(async () => (await totalFolded()) >= TOTAL, { timeoutMs: 60000, intervalMs: 250, what: 'twin-state to catch up' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await totalFolded()).toBe(TOTAL);

    for (let a = 0; a < ASSETS; a++) {
      const res = await fetch(`${twinState?.url}/v1/twins/ESN-K${a}`);
      const twin = await jsonBody<TwinView>(res);
      expect(twin).toMatchObject({ frames: FRAMES_PER_ASSET, lastSeq: FRAMES_PER_ASSET });
      expect(twin.sensors.egt.value).toBeCloseTo(reading(a, FRAMES_PER_ASSET), 9);
    }

    // The stored consumer positions moved in the same transactions: they cover every record, once.
    const db = new Client({ connectionString: serviceDatabaseUrl(env.databaseUrl, 'twin-state') });
    await db.connect();
    const { rows } = await db.query<{ total: string }>('SELECT sum(next_offset) AS total FROM consumer_positions');
    await db.end();
    expect(Number(rows[0]?.total)).toBe(TOTAL);
  });
});
