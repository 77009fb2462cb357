import type { Migration } from '@fleettwin/postgres';

/** Plans read model (a fold over the plan-* streams) and each tenant's stored plan settings. */
export const PLAN_MIGRATIONS: Migration[] = [
  {
    id: 'maintenance_plans_001',
    sql: `
      CREATE TABLE plans (
        plan_id text PRIMARY KEY,
        tenant text NOT NULL,
        status text NOT NULL,
        revision int NOT NULL,
        state jsonb NOT NULL,
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX plans_tenant ON plans (tenant, updated_at DESC);
      CREATE TABLE plan_settings (
        tenant text PRIMARY KEY,
        settings jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );`,
  },
];
