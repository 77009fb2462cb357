import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@fleettwin/platform';
import type { ScenarioInputs, ScenarioResult } from './scenario-computation';

export interface StoredScenario {
  id: string;
  tenant: string;
  name: string | null;
  createdAt: string;
  createdBy: string | null;
  seed: number;
  versions: { engine: string; predictorModel: string; calibrations: Record<string, string> };
  inputs: ScenarioInputs;
  /** The result exactly as first computed (JSON text). */
  resultText: string;
}

interface Row {
  id: string; tenant: string; name: string | null; created_at: Date; created_by: string | null; seed: string;
  engine_version: string; model_version: string; calibration_versions: Record<string, string>; inputs: ScenarioInputs; result: string;
}

@Injectable()
export class ScenarioStore {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async insert(s: Omit<StoredScenario, 'createdAt'>): Promise<StoredScenario> {
    const { rows } = await this.pool.query<{ created_at: Date }>(
      `INSERT INTO scenarios (id, tenant, name, created_by, seed, engine_version, model_version, calibration_versions, inputs, result)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING created_at`,
      [s.id, s.tenant, s.name, s.createdBy, s.seed, s.versions.engine, s.versions.predictorModel, JSON.stringify(s.versions.calibrations), JSON.stringify(s.inputs), s.resultText],
    );
    return { ...s, createdAt: (rows[0]?.created_at as Date).toISOString() };
  }

  async get(id: string): Promise<StoredScenario | undefined> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM scenarios WHERE id = $1', [id]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async list(tenant: string, limit: number): Promise<StoredScenario[]> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM scenarios WHERE tenant = $1 ORDER BY created_at DESC, id LIMIT $2', [tenant, limit]);
    return rows.map(fromRow);
  }
}

function fromRow(r: Row): StoredScenario {
  return {
    id: r.id, tenant: r.tenant, name: r.name, createdAt: r.created_at.toISOString(), createdBy: r.created_by, seed: Number(r.seed),
    versions: { engine: r.engine_version, predictorModel: r.model_version, calibrations: r.calibration_versions },
    inputs: r.inputs, resultText: r.result,
  };
}

export function parseResult(s: StoredScenario): ScenarioResult {
  return JSON.parse(s.resultText) as ScenarioResult;
}
