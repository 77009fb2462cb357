import { EVENT_STORE_MIGRATIONS } from '@fleettwin/event-store';
import { CONSUMER_POSITIONS_MIGRATION, type Migration } from '@fleettwin/postgres';

export const MAINTENANCE_MIGRATIONS: Migration[] = [
  CONSUMER_POSITIONS_MIGRATION,
  ...EVENT_STORE_MIGRATIONS,
  {
    id: 'maintenance_001_work_orders',
    sql: `
      -- Work orders read model, a fold over the work-order-* streams.
      CREATE TABLE work_orders (
        work_order_id text PRIMARY KEY,
        tenant text NOT NULL,
        asset_id text NOT NULL,
        failure_mode text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX work_orders_asset ON work_orders (asset_id, failure_mode, status);
      CREATE INDEX work_orders_tenant ON work_orders (tenant, status, updated_at DESC);`,
  },
];
