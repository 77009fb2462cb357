import type { Pool, PoolClient } from 'pg';
import type { FrameRecorded, TwinEvent } from '@fleettwin/domain-twin';
import type { ProjectionSink } from '../twins/twin-projection';
import { MonthlyPartitions } from './monthly-partitions';

export interface HistoryBucket {
  start: string;
  min: number;
  max: number;
  avg: number;
  count: number;
}

export interface HistoryQuery {
  assetId: string;
  sensor: string;
  from: Date;
  to: Date;
  stepSeconds: number;
}

/** Writes recorded frames to the time-series store and answers downsampled history from it. */
export class FrameHistory implements ProjectionSink {
  private readonly partitions = new MonthlyPartitions('telemetry_frames');

  onApplied(client: PoolClient, events: readonly TwinEvent[]): Promise<void> {
    return this.record(client, events.filter((e) => e.type === 'FrameRecorded').map((e) => e.data));
  }

  async record(client: PoolClient, frames: readonly FrameRecorded['data'][]): Promise<void> {
    if (!frames.length) return;
    await this.partitions.ensure(client, frames.map((f) => f.ts));
    await client.query(
      `INSERT INTO telemetry_frames (asset_id, ts, seq, readings)
       SELECT asset_id, ts, seq, readings FROM jsonb_to_recordset($1::jsonb) AS r(asset_id text, ts timestamptz, seq bigint, readings jsonb)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(frames.map((f) => ({ asset_id: f.assetId, ts: f.ts, seq: f.seq, readings: f.readings })))],
    );
  }

  /** min/max/avg per `step` bucket, buckets aligned to `from`; empty buckets are left out. */
  async query(pool: Pool, q: HistoryQuery): Promise<HistoryBucket[]> {
    const { rows } = await pool.query<{ bucket: Date; min: number; max: number; avg: number; count: string }>(
      `SELECT date_bin(make_interval(secs => $5), ts, $3) AS bucket,
              min(v) AS min, max(v) AS max, avg(v) AS avg, count(v) AS count
       FROM (SELECT ts, (readings ->> $2)::float8 AS v FROM telemetry_frames
             WHERE asset_id = $1 AND ts >= $3 AND ts < $4) AS series
       WHERE v IS NOT NULL
       GROUP BY bucket ORDER BY bucket`,
      [q.assetId, q.sensor, q.from.toISOString(), q.to.toISOString(), q.stepSeconds],
    );
    return rows.map((r) => ({ start: r.bucket.toISOString(), min: r.min, max: r.max, avg: r.avg, count: Number(r.count) }));
  }
}
