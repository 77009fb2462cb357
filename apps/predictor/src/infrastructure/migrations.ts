import { EVENT_STORE_MIGRATIONS } from '@fleettwin/event-store';
import { CONSUMER_POSITIONS_MIGRATION, type Migration } from '@fleettwin/postgres';

export const PREDICTOR_MIGRATIONS: Migration[] = [
  CONSUMER_POSITIONS_MIGRATION,
  ...EVENT_STORE_MIGRATIONS,
  {
    id: 'predictor_001_windows_and_predictions',
    sql: `
      -- Each asset's scoring window (its first and latest cycles), folded from twin events.
      CREATE TABLE asset_windows (
        asset_id text PRIMARY KEY,
        tenant text NOT NULL,
        last_version bigint NOT NULL,
        scoring_window jsonb NOT NULL
      );
      -- Every score, for history and for measuring error once the outcome is known.
      CREATE TABLE predictions (
        asset_id text NOT NULL,
        cycle int NOT NULL,
        tenant text NOT NULL,
        occurred_at timestamptz NOT NULL,
        model_version text NOT NULL,
        rul_mean double precision NOT NULL,
        failure_probability double precision NOT NULL,
        score jsonb NOT NULL,
        PRIMARY KEY (asset_id, cycle)
      );
      -- The latest score per asset: what fleet ranking reads.
      CREATE TABLE latest_predictions (
        asset_id text PRIMARY KEY,
        tenant text NOT NULL,
        cycle int NOT NULL,
        occurred_at timestamptz NOT NULL,
        rul_mean double precision NOT NULL,
        failure_probability double precision NOT NULL,
        score jsonb NOT NULL
      );
      CREATE INDEX latest_predictions_risk ON latest_predictions (tenant, failure_probability DESC, rul_mean);
      -- Known outcomes and the error of every earlier prediction for that asset.
      CREATE TABLE prediction_errors (
        asset_id text NOT NULL,
        cycle int NOT NULL,
        model_version text NOT NULL,
        predicted double precision NOT NULL,
        actual double precision NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (asset_id, cycle)
      );`,
  },
];
