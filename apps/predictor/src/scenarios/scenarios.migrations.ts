import type { Migration } from '@fleettwin/postgres';

export const SCENARIO_MIGRATIONS: Migration[] = [
  {
    id: 'predictor_102_scenarios',
    sql: `
      -- What-if scenarios: everything needed to recompute (inputs incl. calibration snapshots and seed)
      -- and the result's exact bytes, so a rerun can be compared byte for byte (json, not jsonb: key order is kept).
      CREATE TABLE scenarios (
        id text PRIMARY KEY,
        tenant text NOT NULL,
        name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text,
        seed bigint NOT NULL,
        engine_version text NOT NULL,
        model_version text NOT NULL,
        calibration_versions jsonb NOT NULL,
        inputs json NOT NULL,
        result text NOT NULL
      );
      CREATE INDEX scenarios_tenant ON scenarios (tenant, created_at DESC, id);`,
  },
];
