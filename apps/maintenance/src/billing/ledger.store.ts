import type { Pool, PoolClient } from 'pg';
import type { BillingEntry } from '@fleettwin/contracts';
import type { LedgerEntry } from '@fleettwin/domain-contract';

export interface LedgerQuery {
  tenant: string;
  contractId?: string;
  period?: string;
  /** Entries strictly after this sequence. */
  after: number;
  limit: number;
}

/** Reads of the append-only ledger, always for one tenant, in sequence order. */
export async function readLedger(pool: Pool | PoolClient, query: LedgerQuery): Promise<BillingEntry[]> {
  const { rows } = await pool.query<{ sequence: string; entry: LedgerEntry }>(
    `SELECT sequence, entry FROM billing_ledger
      WHERE tenant = $1 AND sequence > $2 AND ($3::text IS NULL OR contract_id = $3) AND ($4::text IS NULL OR period = $4)
      ORDER BY sequence LIMIT $5`,
    [query.tenant, query.after, query.contractId ?? null, query.period ?? null, query.limit],
  );
  return rows.map((r) => ({ sequence: Number(r.sequence), ...r.entry }));
}

/** Every tenant's entries after a sequence: what the billing relay publishes. */
export async function readLedgerAll(pool: Pool | PoolClient, after: number, limit: number): Promise<BillingEntry[]> {
  const { rows } = await pool.query<{ sequence: string; entry: LedgerEntry }>('SELECT sequence, entry FROM billing_ledger WHERE sequence > $1 ORDER BY sequence LIMIT $2', [after, limit]);
  return rows.map((r) => ({ sequence: Number(r.sequence), ...r.entry }));
}
