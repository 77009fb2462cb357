import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { SCENARIO_ENGINE_VERSION, type AssetCalibration, type CalibrationReport, type CalibrationSnapshot, type RulModel } from '@fleettwin/predict';
import { ApiError, PG_POOL } from '@fleettwin/platform';
import type { Prediction } from '../scoring/prediction-projection';
import { RUL_MODEL } from '../scoring/rul-model.provider';
import { computeScenario, scenarioInputs, type CalibrationStatus, type PredictorReference, type ScenarioResult } from './scenario-computation';
import type { ScenarioRequest } from './scenario.request';
import { parseResult, ScenarioStore, type StoredScenario } from './scenario.store';

/** The stable JSON a client (the console) reads: who, when, what went in, which versions, and the result. */
export interface ScenarioView extends Pick<StoredScenario, 'id' | 'tenant' | 'name' | 'createdAt' | 'createdBy' | 'seed' | 'versions'> {
  inputs: { current: StoredScenario['inputs']['current']; change: StoredScenario['inputs']['change']; options: StoredScenario['inputs']['options']; assetIds: string[] };
  result: ScenarioResult;
}

export interface RerunAnswer {
  id: string;
  /** The recomputed result is byte-for-byte the stored one. */
  identical: boolean;
  /** What differs between the versions the scenario ran with and what the predictor holds now. */
  changes: string[];
  versions: { stored: StoredScenario['versions']; current: StoredScenario['versions'] };
  result: ScenarioResult;
}

interface CalibrationRow {
  asset_id: string;
  tenant: string;
  state: AssetCalibration;
  report: CalibrationReport;
}

@Injectable()
export class ScenarioService {
  constructor(@Inject(PG_POOL) private readonly pool: Pool, @Inject(RUL_MODEL) private readonly model: RulModel, @Inject(ScenarioStore) private readonly store: ScenarioStore) {}

  async create(request: ScenarioRequest, actor: string | null): Promise<ScenarioView> {
    const rows = await this.selectAssets(request);
    const notReady = rows.filter((r) => !r.state.fit || !r.state.version || r.state.firstCycle === null);
    if (notReady.length) throw new ApiError(422, 'CALIBRATION_NOT_READY', `not enough history to calibrate ${notReady.map((r) => r.asset_id).join(', ')}`);
    const snapshots: CalibrationSnapshot[] = rows.map((r) => ({ assetId: r.asset_id, version: r.state.version as string, firstCycle: r.state.firstCycle as number, lastCycle: r.state.lastCycle, fit: stripFit(r.state) }));
    const statuses: CalibrationStatus[] = rows.map((r) => ({ assetId: r.asset_id, version: r.state.version as string, valid: r.report.valid, fitRmse: r.report.fitRmse, driftRatio: r.report.driftRatio, reason: r.report.reason }));
    const seed = request.seed ?? randomInt(0, 2 ** 31);
    const inputs = scenarioInputs(request, seed, snapshots, statuses, await this.predictorReferences(rows.map((r) => r.asset_id)));
    const result = computeScenario(inputs);
    const stored = await this.store.insert({
      id: `scn-${randomUUID()}`,
      tenant: request.tenant,
      name: request.name ?? null,
      createdBy: actor,
      seed,
      versions: this.versionsOf(snapshots),
      inputs,
      resultText: JSON.stringify(result),
    });
    return view(stored);
  }

  async get(id: string, tenant: string | undefined): Promise<ScenarioView> {
    return view(await this.owned(id, tenant));
  }

  async list(tenant: string, limit: number) {
    const scenarios = await this.store.list(tenant, limit);
    return scenarios.map((s) => {
      const result = parseResult(s);
      return {
        id: s.id, name: s.name, createdAt: s.createdAt, createdBy: s.createdBy, seed: s.seed, versions: s.versions,
        assetIds: s.inputs.snapshots.map((x) => x.assetId), change: s.inputs.change, fleet: result.fleet,
      };
    });
  }

  /** Recomputes from the stored inputs (calibration snapshots, seed, options) and compares bytes. */
  async rerun(id: string, tenant: string | undefined): Promise<RerunAnswer> {
    const stored = await this.owned(id, tenant);
    const text = JSON.stringify(computeScenario(stored.inputs));
    const current = await this.currentVersions(stored.inputs.snapshots.map((s) => s.assetId));
    return { id, identical: text === stored.resultText, changes: differences(stored.versions, current), versions: { stored: stored.versions, current }, result: JSON.parse(text) as ScenarioResult };
  }

  private async owned(id: string, tenant: string | undefined): Promise<StoredScenario> {
    const stored = await this.store.get(id);
    if (!stored || (tenant !== undefined && stored.tenant !== tenant)) throw new ApiError(404, 'SCENARIO_NOT_FOUND', `no scenario ${id}`);
    return stored;
  }

  private async selectAssets(request: ScenarioRequest): Promise<CalibrationRow[]> {
    const selection = request.assets;
    if ('ids' in selection) {
      const ids = [...new Set(selection.ids)].sort();
      const { rows } = await this.pool.query<CalibrationRow>('SELECT asset_id, tenant, state, report FROM asset_calibrations WHERE asset_id = ANY($1) AND tenant = $2 ORDER BY asset_id', [ids, request.tenant]);
      const missing = ids.filter((id) => !rows.some((r) => r.asset_id === id));
      if (missing.length) throw new ApiError(404, 'ASSET_NOT_FOUND', `no calibrated asset ${missing.join(', ')}`);
      return rows;
    }
    const { minFailureProbability, maxRulMean, limit } = selection.filter;
    const { rows } = await this.pool.query<CalibrationRow>(
      `SELECT c.asset_id, c.tenant, c.state, c.report FROM asset_calibrations c JOIN latest_predictions p USING (asset_id)
       WHERE c.tenant = $1 AND c.version IS NOT NULL AND ($2::float8 IS NULL OR p.failure_probability >= $2) AND ($3::float8 IS NULL OR p.rul_mean <= $3)
       ORDER BY p.failure_probability DESC, p.rul_mean, c.asset_id LIMIT $4`,
      [request.tenant, minFailureProbability ?? null, maxRulMean ?? null, limit],
    );
    if (!rows.length) throw new ApiError(404, 'ASSET_NOT_FOUND', 'no calibrated asset matches the filter');
    return rows.sort((a, b) => a.asset_id.localeCompare(b.asset_id));
  }

  private async predictorReferences(assetIds: string[]): Promise<PredictorReference[]> {
    const { rows } = await this.pool.query<{ score: Prediction }>('SELECT score FROM latest_predictions WHERE asset_id = ANY($1) ORDER BY asset_id', [assetIds]);
    return rows.map(({ score: p }) => ({ assetId: p.assetId, modelVersion: p.modelVersion, cycle: p.cycle, rul: p.rul, failureProbability: p.failureProbability, horizon: p.horizon }));
  }

  private versionsOf(snapshots: CalibrationSnapshot[]): StoredScenario['versions'] {
    return { engine: SCENARIO_ENGINE_VERSION, predictorModel: this.model.modelVersion, calibrations: Object.fromEntries(snapshots.map((s) => [s.assetId, s.version])) };
  }

  private async currentVersions(assetIds: string[]): Promise<StoredScenario['versions']> {
    const { rows } = await this.pool.query<{ asset_id: string; version: string | null }>('SELECT asset_id, version FROM asset_calibrations WHERE asset_id = ANY($1) ORDER BY asset_id', [assetIds]);
    return { engine: SCENARIO_ENGINE_VERSION, predictorModel: this.model.modelVersion, calibrations: Object.fromEntries(rows.map((r) => [r.asset_id, r.version ?? 'none'])) };
  }
}

function stripFit(state: AssetCalibration): CalibrationSnapshot['fit'] {
  const { curve, covariance, rmse, cycles, iterations } = state.fit as NonNullable<AssetCalibration['fit']>;
  return { curve, covariance, rmse, cycles, iterations };
}

function differences(stored: StoredScenario['versions'], current: StoredScenario['versions']): string[] {
  const out: string[] = [];
  if (stored.engine !== current.engine) out.push(`scenario engine ${stored.engine} → ${current.engine}`);
  if (stored.predictorModel !== current.predictorModel) out.push(`predictor model ${stored.predictorModel} → ${current.predictorModel}`);
  for (const [assetId, version] of Object.entries(stored.calibrations)) {
    const now = current.calibrations[assetId] ?? 'none';
    if (now !== version) out.push(`calibration of ${assetId} ${version} → ${now} (the result above is reproduced from the stored calibration)`);
  }
  return out;
}

function view(s: StoredScenario): ScenarioView {
  const { current, change, options, snapshots } = s.inputs;
  return {
    id: s.id, tenant: s.tenant, name: s.name, createdAt: s.createdAt, createdBy: s.createdBy, seed: s.seed, versions: s.versions,
    inputs: { current, change, options, assetIds: snapshots.map((x) => x.assetId) },
    result: parseResult(s),
  };
}
