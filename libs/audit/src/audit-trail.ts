import type { Pool } from 'pg';
import { inTransaction } from '@fleettwin/postgres';
import { chainEntry, checkChain, GENESIS_HASH, type ChainCheck } from './audit-chain';
import type { AuditEntry, AuditRecord } from './audit-entry';

interface AuditRow {
  seq: string;
  recorded_at: Date;
  service: string;
  tenant: string | null;
  principal_kind: AuditRecord['principal']['kind'];
  principal_id: string;
  on_behalf_of: string | null;
  action: string;
  target_id: string | null;
  outcome: string;
  client_ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

const PAGE = 1000;

/** A service's `audit_log` table (AUDIT_MIGRATIONS): append, page through by tenant, verify the chain. */
export class AuditTrail {
  constructor(private readonly pool: Pool) {}

  /** Appends under a transaction-scoped lock, so seqs run without gaps and each row links to the one before. */
  async record(entry: AuditEntry, at = new Date()): Promise<AuditRecord> {
    return inTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('audit_log'))");
      const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
      const last = rows[0];
      const record = chainEntry(entry, last ? { seq: Number(last.seq), hash: last.hash } : undefined, at);
      await client.query(
        `INSERT INTO audit_log (seq, recorded_at, service, tenant, principal_kind, principal_id, on_behalf_of, action, target_id, outcome, client_ip, request_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [record.seq, record.recordedAt, record.service, record.tenant, record.principal.kind, record.principal.id, record.onBehalfOf, record.action, record.targetId, record.outcome, record.clientIp, record.requestId, record.prevHash, record.hash],
      );
      return record;
    });
  }

  /** One tenant's records after `afterSeq`, oldest first. */
  async list(tenant: string, options: { afterSeq?: number; limit?: number } = {}): Promise<AuditRecord[]> {
    const { rows } = await this.pool.query<AuditRow>('SELECT * FROM audit_log WHERE tenant = $1 AND seq > $2 ORDER BY seq LIMIT $3', [tenant, options.afterSeq ?? 0, options.limit ?? 100]);
    return rows.map(fromRow);
  }

  /** Recomputes the whole chain a page at a time. */
  async verify(): Promise<ChainCheck> {
    let previous: { seq: number; hash: string } | undefined;
    let checked = 0;
    for (;;) {
      const { rows } = await this.pool.query<AuditRow>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [previous?.seq ?? 0, PAGE]);
      const page = rows.map(fromRow);
      const check = checkChain(page, previous);
      if (!check.ok) return { ...check, records: checked + check.records };
      checked += page.length;
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) return { ok: true, records: checked, head: last?.hash ?? previous?.hash ?? GENESIS_HASH };
      previous = { seq: last.seq, hash: last.hash };
    }
  }
}

function fromRow(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    recordedAt: row.recorded_at.toISOString(),
    service: row.service,
    tenant: row.tenant,
    principal: { kind: row.principal_kind, id: row.principal_id },
    onBehalfOf: row.on_behalf_of,
    action: row.action,
    targetId: row.target_id,
    outcome: row.outcome,
    clientIp: row.client_ip,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
