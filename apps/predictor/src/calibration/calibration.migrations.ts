import type { Migration } from '@fleettwin/postgres';

export const CALIBRATION_MIGRATIONS: Migration[] = [
  {
    id: 'predictor_101_asset_calibrations',
    sql: `
      -- Each asset's degradation-curve calibration, folded from its predictions (rebuildable).
      CREATE TABLE asset_calibrations (
        asset_id text PRIMARY KEY,
        tenant text NOT NULL,
        last_cycle int NOT NULL,
        version text,
        valid boolean NOT NULL,
        fit_rmse double precision,
        drift_ratio double precision,
        state jsonb NOT NULL,
        report jsonb NOT NULL
      );
      CREATE INDEX asset_calibrations_tenant ON asset_calibrations (tenant, valid, asset_id);`,
  },
];
