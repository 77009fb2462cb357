import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { Pool } from 'pg';
import { z } from 'zod';
import { AssetId, describeIssues, TenantId } from '@fleettwin/contracts';
import { predictionDrift } from '@fleettwin/metrics';
import type { RulModel } from '@fleettwin/predict';
import { ApiError, CONFIG, PG_POOL } from '@fleettwin/platform';
import type { PredictorConfig } from '../config';
import type { Prediction } from '../scoring/prediction-projection';
import { RUL_MODEL } from '../scoring/rul-model.provider';

const FleetQuery = z.object({ tenant: TenantId, limit: z.coerce.number().int().min(1).max(10000).default(100) }).strict();
const HistoryQuery = z.object({ history: z.coerce.number().int().min(0).max(10000).default(50) }).strict();
const Outcome = z.object({ failedAtCycle: z.number().int().min(1, 'failedAtCycle is the cycle at which the asset failed') }).strict();

export interface RankedAsset {
  rank: number;
  assetId: string;
  cycle: number;
  occurredAt: string;
  failureProbability: number;
  rul: Prediction['rul'];
  healthIndex: number;
  anomaly: Prediction['anomaly'];
  topSensors: string[];
}

/** Fleet ranking, per-asset predictions with their history, and monitoring of the model against outcomes. */
@Controller('v1')
export class PredictionsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RUL_MODEL) private readonly model: RulModel,
    @Inject(CONFIG) private readonly config: PredictorConfig,
  ) {}

  /** A tenant's assets, most at risk first: failure probability within the horizon, then shortest RUL. */
  @Get('fleet/health')
  async fleetHealth(@Query() query: Record<string, string>): Promise<{ tenant: string; modelVersion: string; horizon: number; assets: RankedAsset[] }> {
    const { tenant, limit } = parse(FleetQuery, query);
    const { rows } = await this.pool.query<{ asset_id: string; score: Prediction }>(
      'SELECT asset_id, score FROM latest_predictions WHERE tenant = $1 ORDER BY failure_probability DESC, rul_mean ASC, asset_id LIMIT $2',
      [tenant, limit],
    );
    return {
      tenant,
      modelVersion: this.model.modelVersion,
      horizon: this.config.FAILURE_HORIZON_CYCLES,
      assets: rows.map(({ score: p }, i) => ({
        rank: i + 1,
        assetId: p.assetId,
        cycle: p.cycle,
        occurredAt: p.occurredAt,
        failureProbability: p.failureProbability,
        rul: p.rul,
        healthIndex: p.healthIndex,
        anomaly: p.anomaly,
        topSensors: p.explanation.rul.slice(0, 3).map((c) => c.sensor),
      })),
    };
  }

  @Get('assets/:assetId/prediction')
  async prediction(@Param('assetId') assetId: string, @Query() query: Record<string, string>) {
    const id = parse(AssetId, assetId, 'assetId');
    const { history } = parse(HistoryQuery, query);
    const latest = await this.pool.query<{ score: Prediction }>('SELECT score FROM latest_predictions WHERE asset_id = $1', [id]);
    const current = latest.rows[0]?.score;
    if (!current) throw new ApiError(404, 'PREDICTION_NOT_FOUND', `no prediction for asset ${id}`);
    const past = await this.pool.query<{ cycle: number; occurred_at: Date; model_version: string; score: Prediction }>(
      'SELECT cycle, occurred_at, model_version, score FROM predictions WHERE asset_id = $1 ORDER BY cycle DESC LIMIT $2',
      [id, history],
    );
    return {
      latest: current,
      history: past.rows.map((r) => ({ cycle: r.cycle, occurredAt: r.occurred_at.toISOString(), modelVersion: r.model_version, rul: r.score.rul, failureProbability: r.score.failureProbability, healthIndex: r.score.healthIndex })),
    };
  }

  /** The outcome is known (the asset failed at a cycle): every earlier prediction's error is recorded. */
  @Post('assets/:assetId/outcome')
  @HttpCode(200)
  async outcome(@Param('assetId') assetId: string, @Body() body: unknown): Promise<{ assetId: string; predictions: number; rmse: number | null }> {
    const id = parse(AssetId, assetId, 'assetId');
    const { failedAtCycle } = parse(Outcome, body);
    // The model predicts the capped target (min(RUL, cap)), so errors are measured against it too.
    const { rows } = await this.pool.query<{ n: string; rmse: number | null }>(
      `WITH recorded AS (
         INSERT INTO prediction_errors (asset_id, cycle, model_version, predicted, actual)
         SELECT asset_id, cycle, model_version, rul_mean, LEAST($2::int - cycle, $3::int) FROM predictions WHERE asset_id = $1 AND cycle <= $2
         ON CONFLICT (asset_id, cycle) DO UPDATE SET actual = EXCLUDED.actual, recorded_at = now()
         RETURNING predicted, actual)
       SELECT count(*) AS n, sqrt(avg((predicted - actual) ^ 2)) AS rmse FROM recorded`,
      [id, failedAtCycle, this.model.rulCap],
    );
    return { assetId: id, predictions: Number(rows[0]?.n ?? 0), rmse: rows[0]?.rmse ?? null };
  }

  /** Drift: recent error against the error the model showed on engines it never saw in training. */
  @Get('model/monitoring')
  async monitoring() {
    const { rows } = await this.pool.query<{ n: string; rmse: number | null }>(
      `SELECT count(*) AS n, sqrt(avg((predicted - actual) ^ 2)) AS rmse FROM (
         SELECT predicted, actual FROM prediction_errors WHERE model_version = $1 ORDER BY recorded_at DESC LIMIT 5000) recent`,
      [this.model.modelVersion],
    );
    const trainingRmse = this.model.validation.outOfFoldRmse;
    const recentRmse = rows[0]?.rmse ?? null;
    const drift = recentRmse === null ? null : recentRmse / trainingRmse;
    if (drift !== null) predictionDrift.set(drift);
    return {
      modelVersion: this.model.modelVersion,
      trainingRmse,
      recent: { predictions: Number(rows[0]?.n ?? 0), rmse: recentRmse },
      drift,
      alert: drift !== null && drift > this.config.DRIFT_ALERT_RATIO,
    };
  }
}

function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, path?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error).map((d) => (path && d.path === '(root)' ? { ...d, path } : d));
  throw new ApiError(400, 'INVALID_REQUEST', `invalid request: ${details[0]?.path}: ${details[0]?.message}`, details);
}
