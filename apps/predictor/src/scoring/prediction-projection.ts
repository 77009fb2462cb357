import type { PoolClient } from 'pg';
import { PostgresEventStore, type StoredEvent } from '@fleettwin/event-store';
import { ConsumerPositions } from '@fleettwin/postgres';
import { appendCycle, createAssetWindow, scoreAsset, type AssetScore, type AssetWindow, type RulModel } from '@fleettwin/predict';
import { cycleFromReadings } from './cycle-from-frame';

export interface PositionedEvent {
  offset: string;
  event: StoredEvent;
  /** Trace context of the record's processing, stored with the prediction it causes. */
  trace?: Readonly<Record<string, string>>;
}

interface FrameData {
  tenant: string;
  assetId: string;
  ts: string;
  seq: number;
  readings: Record<string, number | null>;
}

interface WindowRow {
  tenant: string;
  lastVersion: number;
  window: AssetWindow;
}

/** What `fleet.predictions.v1` carries: the score with where it came from. */
export type Prediction = AssetScore & { tenant: string; cycle: number; occurredAt: string; source: { streamId: string; version: number } };

export const predictionStreamId = (assetId: string): string => `prediction-${assetId}`;

/**
 * Folds twin frames into each asset's scoring window and scores it, in the caller's transaction
 * with the consumer position: windows, prediction history, the latest score, the outbox event and
 * the position commit together. Twin events are delivered at least once; an event whose version
 * the window has already seen is skipped, so a redelivery never scores a cycle twice.
 */
export class PredictionProjection {
  private readonly positions: ConsumerPositions;

  constructor(groupId: string, private readonly model: RulModel, private readonly horizon: number) {
    this.positions = new ConsumerPositions(groupId);
  }

  async apply(client: PoolClient, topic: string, partition: number, batch: readonly PositionedEvent[]): Promise<Prediction[]> {
    if (!batch.length) return [];
    const position = await this.positions.lock(client, topic, partition);
    const fresh = batch.filter((item) => BigInt(item.offset) >= position);
    const frames = fresh.filter(({ event: e }) => e.streamId.startsWith('twin-') && e.type === 'FrameRecorded');
    const windows = await loadWindows(client, [...new Set(frames.map((i) => (i.event.data as FrameData).assetId))]);
    const predictions: Prediction[] = [];
    const traces: (Readonly<Record<string, string>> | undefined)[] = [];
    for (const { event, trace } of frames) {
      const prediction = this.fold(windows, event);
      if (!prediction) continue;
      predictions.push(prediction);
      traces.push(trace);
    }
    await saveWindows(client, windows);
    await savePredictions(client, predictions);
    await new PostgresEventStore(client).appendBatch(
      client,
      predictions.map((p, i) => ({
        streamId: predictionStreamId(p.assetId),
        expectedVersion: 'any' as const,
        events: [{ type: 'PredictionMade', data: p, occurredAt: p.occurredAt, ...(traces[i] ? { traceContext: traces[i] } : {}) }],
      })),
    );
    const last = fresh[fresh.length - 1];
    if (last) await this.positions.advance(client, topic, partition, BigInt(last.offset) + 1n);
    return predictions;
  }

  private fold(windows: Map<string, WindowRow>, event: StoredEvent): Prediction | undefined {
    const frame = event.data as FrameData;
    const row = windows.get(frame.assetId) ?? { tenant: frame.tenant, lastVersion: 0, window: createAssetWindow(frame.assetId, this.model.features) };
    if (event.version <= row.lastVersion) return undefined;
    const cycle = cycleFromReadings(row.window.cyclesSeen + 1, frame.readings);
    windows.set(frame.assetId, { ...row, lastVersion: event.version });
    if (!cycle) return undefined;
    const window = appendCycle(row.window, cycle);
    windows.set(frame.assetId, { tenant: row.tenant, lastVersion: event.version, window });
    const score = scoreAsset(this.model, window, { horizon: this.horizon });
    return { ...score, tenant: frame.tenant, cycle: cycle.cycle, occurredAt: event.occurredAt, source: { streamId: event.streamId, version: event.version } };
  }
}

async function loadWindows(client: PoolClient, assetIds: string[]): Promise<Map<string, WindowRow>> {
  if (!assetIds.length) return new Map();
  const { rows } = await client.query<{ asset_id: string; tenant: string; last_version: string; scoring_window: AssetWindow }>(
    'SELECT asset_id, tenant, last_version, scoring_window FROM asset_windows WHERE asset_id = ANY($1) ORDER BY asset_id FOR UPDATE',
    [assetIds],
  );
  return new Map(rows.map((r) => [r.asset_id, { tenant: r.tenant, lastVersion: Number(r.last_version), window: r.scoring_window }]));
}

async function saveWindows(client: PoolClient, windows: Map<string, WindowRow>): Promise<void> {
  if (!windows.size) return;
  const rows = [...windows.entries()].map(([asset_id, w]) => ({ asset_id, tenant: w.tenant, last_version: w.lastVersion, scoring_window: w.window }));
  await client.query(
    `INSERT INTO asset_windows (asset_id, tenant, last_version, scoring_window)
     SELECT asset_id, tenant, last_version, scoring_window FROM jsonb_to_recordset($1::jsonb) AS r(asset_id text, tenant text, last_version bigint, scoring_window jsonb)
     ON CONFLICT (asset_id) DO UPDATE SET last_version = EXCLUDED.last_version, scoring_window = EXCLUDED.scoring_window`,
    [JSON.stringify(rows)],
  );
}

async function savePredictions(client: PoolClient, predictions: Prediction[]): Promise<void> {
  if (!predictions.length) return;
  const rows = predictions.map((p) => ({
    asset_id: p.assetId,
    cycle: p.cycle,
    tenant: p.tenant,
    occurred_at: p.occurredAt,
    model_version: p.modelVersion,
    rul_mean: p.rul.mean,
    failure_probability: p.failureProbability,
    score: p,
  }));
  await client.query(
    `INSERT INTO predictions (asset_id, cycle, tenant, occurred_at, model_version, rul_mean, failure_probability, score)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(asset_id text, cycle int, tenant text, occurred_at timestamptz, model_version text,
       rul_mean double precision, failure_probability double precision, score jsonb)
     ON CONFLICT (asset_id, cycle) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  const latest = new Map(rows.map((r) => [r.asset_id, r]));
  await client.query(
    `INSERT INTO latest_predictions (asset_id, tenant, cycle, occurred_at, rul_mean, failure_probability, score)
     SELECT asset_id, tenant, cycle, occurred_at, rul_mean, failure_probability, score FROM jsonb_to_recordset($1::jsonb)
       AS r(asset_id text, tenant text, cycle int, occurred_at timestamptz, rul_mean double precision, failure_probability double precision, score jsonb)
     ON CONFLICT (asset_id) DO UPDATE SET cycle = EXCLUDED.cycle, occurred_at = EXCLUDED.occurred_at, rul_mean = EXCLUDED.rul_mean,
       failure_probability = EXCLUDED.failure_probability, score = EXCLUDED.score`,
    [JSON.stringify([...latest.values()])],
  );
}
