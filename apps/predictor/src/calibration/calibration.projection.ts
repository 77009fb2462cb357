import type { PoolClient } from 'pg';
import { ConsumerPositions } from '@fleettwin/postgres';
import { calibrationReport, createCalibration, recordHealth, type AssetCalibration, type CalibrationOptions, type CalibrationReport } from '@fleettwin/predict';

/** What the projection reads of a `PredictionMade` event. */
export interface ScoredCycle {
  assetId: string;
  tenant: string;
  cycle: number;
  healthIndex: number;
}

interface CalibrationRow {
  tenant: string;
  state: AssetCalibration;
}

/**
 * Folds each asset's scored cycles into its calibration, in one transaction with the consumer
 * position. Cycles at or below the last one folded are skipped, so redelivery changes nothing.
 */
export class CalibrationProjection {
  private readonly positions: ConsumerPositions;

  constructor(groupId: string, private readonly options: CalibrationOptions) {
    this.positions = new ConsumerPositions(groupId);
  }

  async apply(client: PoolClient, topic: string, partition: number, batch: readonly { offset: string; cycle: ScoredCycle | undefined }[]): Promise<CalibrationReport[]> {
    if (!batch.length) return [];
    const position = await this.positions.lock(client, topic, partition);
    const fresh = batch.filter((item) => BigInt(item.offset) >= position);
    const cycles = fresh.flatMap((item) => (item.cycle ? [item.cycle] : []));
    const rows = await load(client, [...new Set(cycles.map((c) => c.assetId))]);
    const refitted = new Set<string>();
    for (const c of cycles) {
      const row = rows.get(c.assetId) ?? { tenant: c.tenant, state: createCalibration(c.assetId) };
      const state = recordHealth(row.state, { cycle: c.cycle, healthIndex: c.healthIndex }, this.options);
      if (state.version !== row.state.version) refitted.add(c.assetId);
      rows.set(c.assetId, { tenant: row.tenant, state });
    }
    const reports = [...rows.values()].map((r) => calibrationReport(r.state, this.options));
    await save(client, rows, reports);
    const last = fresh[fresh.length - 1];
    if (last) await this.positions.advance(client, topic, partition, BigInt(last.offset) + 1n);
    return reports.filter((r) => refitted.has(r.assetId));
  }
}

async function load(client: PoolClient, assetIds: string[]): Promise<Map<string, CalibrationRow>> {
  if (!assetIds.length) return new Map();
  const { rows } = await client.query<{ asset_id: string; tenant: string; state: AssetCalibration }>(
    'SELECT asset_id, tenant, state FROM asset_calibrations WHERE asset_id = ANY($1) ORDER BY asset_id FOR UPDATE',
    [assetIds],
  );
  return new Map(rows.map((r) => [r.asset_id, { tenant: r.tenant, state: r.state }]));
}

async function save(client: PoolClient, rows: Map<string, CalibrationRow>, reports: CalibrationReport[]): Promise<void> {
  if (!rows.size) return;
  const byAsset = new Map(reports.map((r) => [r.assetId, r]));
  const records = [...rows.entries()].map(([asset_id, row]) => {
    const report = byAsset.get(asset_id) as CalibrationReport;
    return { asset_id, tenant: row.tenant, last_cycle: row.state.lastCycle, version: row.state.version, valid: report.valid, fit_rmse: report.fitRmse, drift_ratio: report.driftRatio, state: row.state, report };
  });
  await client.query(
    `INSERT INTO asset_calibrations (asset_id, tenant, last_cycle, version, valid, fit_rmse, drift_ratio, state, report)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(asset_id text, tenant text, last_cycle int, version text, valid boolean,
       fit_rmse double precision, drift_ratio double precision, state jsonb, report jsonb)
     ON CONFLICT (asset_id) DO UPDATE SET last_cycle = EXCLUDED.last_cycle, version = EXCLUDED.version, valid = EXCLUDED.valid,
       fit_rmse = EXCLUDED.fit_rmse, drift_ratio = EXCLUDED.drift_ratio, state = EXCLUDED.state, report = EXCLUDED.report`,
    [JSON.stringify(records)],
  );
}
