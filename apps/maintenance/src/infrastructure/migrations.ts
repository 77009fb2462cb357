import { EVENT_STORE_MIGRATIONS } from '@fleettwin/event-store';
import { CONSUMER_POSITIONS_MIGRATION, type Migration } from '@fleettwin/postgres';
import { BILLING_MIGRATIONS } from '../billing/billing.migrations';

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

/** What maintenance knows of the fleet (from twin events and predictions), propagation and the catalog. */
MAINTENANCE_MIGRATIONS.push({
  id: 'maintenance_002_fleet_facts',
  sql: `
    CREATE TABLE fleet_assets (
      asset_id text PRIMARY KEY,
      tenant text NOT NULL,
      facts jsonb NOT NULL,
      retired boolean NOT NULL DEFAULT false,
      version bigint NOT NULL
    );
    CREATE INDEX fleet_assets_tenant ON fleet_assets (tenant);
    CREATE TABLE asset_signatures (
      asset_id text PRIMARY KEY,
      signature jsonb NOT NULL,
      occurred_at timestamptz NOT NULL
    );
    -- Completed operating cycles, for billable usage (power by the hour) and similarity by usage.
    CREATE TABLE usage_cycles (
      stream_id text NOT NULL,
      version bigint NOT NULL,
      asset_id text NOT NULL,
      tenant text NOT NULL,
      ended_at timestamptz NOT NULL,
      running_ms bigint NOT NULL,
      PRIMARY KEY (stream_id, version)
    );
    CREATE INDEX usage_cycles_asset ON usage_cycles (asset_id, ended_at);
    CREATE TABLE advisories (
      advisory_id text PRIMARY KEY,
      tenant text NOT NULL,
      advisory jsonb NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX advisories_tenant ON advisories (tenant, created_at DESC);
    CREATE TABLE failure_modes (
      code text PRIMARY KEY,
      mode jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );`,
});

/** Custody ledger: parts read model, the global Merkle log's leaves with their records, signed checkpoints. */
MAINTENANCE_MIGRATIONS.push({
  id: 'maintenance_003_custody',
  sql: `
    CREATE TABLE parts (
      part_id text PRIMARY KEY,
      status text NOT NULL,
      quarantined boolean NOT NULL,
      owner_id text NOT NULL,
      state jsonb NOT NULL,
      version bigint NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX parts_quarantined ON parts (part_id) WHERE quarantined;
    -- One row per leaf, dense from 0 (appends hold the custody advisory lock). record is the exact JSON text hashed.
    CREATE TABLE custody_leaves (
      leaf_index bigint PRIMARY KEY,
      leaf_hash bytea NOT NULL,
      record_hash text NOT NULL,
      part_id text NOT NULL,
      sequence int NOT NULL,
      record text NOT NULL,
      UNIQUE (part_id, sequence)
    );
    CREATE TABLE custody_checkpoints (
      tree_size bigint PRIMARY KEY,
      root_hash text NOT NULL,
      signed text NOT NULL,
      signed_at timestamptz NOT NULL DEFAULT now()
    );`,
});

/** Service contracts and the contract ledger (docs/contracts.md). */
MAINTENANCE_MIGRATIONS.push(...BILLING_MIGRATIONS);
