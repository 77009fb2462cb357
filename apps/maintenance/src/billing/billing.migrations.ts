import type { Migration } from '@fleettwin/postgres';

/** Service contracts (a read model of the contract-* streams) and the contract ledger, a fold over the event store. */
export const BILLING_MIGRATIONS: Migration[] = [
  {
    id: 'maintenance_010_contracts_ledger',
    sql: `
      CREATE TABLE contracts (
        contract_id text PRIMARY KEY,
        tenant text NOT NULL,
        -- One contract per asset: the ledger folds each asset's usage and work under its contract.
        asset_id text NOT NULL UNIQUE,
        state jsonb NOT NULL,
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX contracts_tenant ON contracts (tenant, contract_id);
      -- Completed cycles already turned into UsageMetered events (the ledger's usage input).
      CREATE TABLE billing_metered (
        stream_id text NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (stream_id, version)
      );
      -- The fold's state per asset under contract, and where in the event store it stands.
      CREATE TABLE billing_ledger_state (
        asset_id text PRIMARY KEY,
        state jsonb NOT NULL
      );
      CREATE TABLE billing_projection (
        name text PRIMARY KEY,
        position bigint NOT NULL,
        sequence bigint NOT NULL
      );
      -- Append-only: entries are never updated; sequence is dense, in commit order (the Watch cursor).
      CREATE TABLE billing_ledger (
        sequence bigint PRIMARY KEY,
        entry_id text NOT NULL UNIQUE,
        tenant text NOT NULL,
        contract_id text NOT NULL,
        period text NOT NULL,
        kind text NOT NULL,
        amount_minor bigint NOT NULL,
        entry jsonb NOT NULL
      );
      CREATE INDEX billing_ledger_tenant ON billing_ledger (tenant, sequence);
      CREATE INDEX billing_ledger_contract ON billing_ledger (contract_id, sequence);`,
  },
  {
    id: 'maintenance_011_billing_meter_marks',
    sql: `
      -- A twin's cycles arrive in stream order, so the meter keeps the last version metered per
      -- twin stream and reads only what follows it (an index range scan, not an anti-join over all cycles).
      CREATE TABLE billing_meter_marks (
        stream_id text PRIMARY KEY,
        version bigint NOT NULL
      );
      INSERT INTO billing_meter_marks (stream_id, version) SELECT stream_id, max(version) FROM billing_metered GROUP BY stream_id;
      DROP TABLE billing_metered;`,
  },
];
