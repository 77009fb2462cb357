import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry, AuditRecord } from './audit-entry';

export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the RFC 8785 canonical JSON of every field but the hash itself, the predecessor's hash included. */
export function auditHash(record: Omit<AuditRecord, 'hash'>): string {
  const fields: Omit<AuditRecord, 'hash'> = {
    seq: record.seq,
    recordedAt: record.recordedAt,
    service: record.service,
    tenant: record.tenant,
    principal: { kind: record.principal.kind, id: record.principal.id },
    onBehalfOf: record.onBehalfOf,
    action: record.action,
    targetId: record.targetId,
    outcome: record.outcome,
    clientIp: record.clientIp,
    requestId: record.requestId,
    prevHash: record.prevHash,
  };
  return createHash('sha256').update(canonicalize(fields) ?? '').digest('hex');
}

/** The record that follows `previous` (undefined for the first one). */
export function chainEntry(entry: AuditEntry, previous: Pick<AuditRecord, 'seq' | 'hash'> | undefined, recordedAt: Date): AuditRecord {
  const unsealed = { ...entry, seq: (previous?.seq ?? 0) + 1, recordedAt: recordedAt.toISOString(), prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unsealed, hash: auditHash(unsealed) };
}

export type ChainCheck =
  | { ok: true; records: number; head: string }
  | { ok: false; records: number; brokenAt: number; reason: string };

/**
 * Walks records in seq order (a page at a time: pass the last good record as `previous`). A changed
 * field breaks its own hash; a deleted or inserted row breaks the seq run or the next prevHash.
 */
export function checkChain(records: readonly AuditRecord[], previous?: Pick<AuditRecord, 'seq' | 'hash'>): ChainCheck {
  let last = previous;
  for (const [index, record] of records.entries()) {
    const expectedSeq = (last?.seq ?? 0) + 1;
    if (record.seq !== expectedSeq) return { ok: false, records: index, brokenAt: record.seq, reason: `seq ${record.seq} follows ${last?.seq ?? 'nothing'}: a row is missing or was inserted` };
    if (record.prevHash !== (last?.hash ?? GENESIS_HASH)) return { ok: false, records: index, brokenAt: record.seq, reason: `seq ${record.seq} does not link to its predecessor's hash` };
    if (auditHash(record) !== record.hash) return { ok: false, records: index, brokenAt: record.seq, reason: `seq ${record.seq} was altered: its content does not match its hash` };
    last = record;
  }
  return { ok: true, records: records.length, head: last?.hash ?? GENESIS_HASH };
}
