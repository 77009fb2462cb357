import type { PoolClient } from 'pg';
import { chainRecord, hashLeaf, type ChainedRecord, type LeafStore, type LoggedRecord, type RecordStore } from '@fleettwin/merkle-log';
import type { Queryable } from '@fleettwin/event-store';

/**
 * Held by every append to the custody log and every checkpoint: leaf order is the evidence, so
 * leaf indexes must be dense and handed out one writer at a time.
 */
export const CUSTODY_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('fleettwin.custody-log'))";

/**
 * The global log's leaf hashes, read once per instance: leaves never change, so a request works
 * on one consistent prefix. Appends go through `appendCustodyRecord`, which writes leaf and
 * record in one row.
 */
export class PostgresLeafStore implements LeafStore {
  private leaves: Promise<Buffer[]> | undefined;

  constructor(private readonly db: Queryable) {}

  async size(): Promise<number> {
    return (await this.load()).length;
  }

  async append(): Promise<void> {
    throw new Error('custody leaves are appended with their records (appendCustodyRecord)');
  }

  async read(start: number, end: number): Promise<Buffer[]> {
    return (await this.load()).slice(start, end);
  }

  private load(): Promise<Buffer[]> {
    this.leaves ??= this.db
      .query<{ leaf_hash: Buffer }>('SELECT leaf_hash FROM custody_leaves ORDER BY leaf_index')
      .then(({ rows }) => rows.map((r) => r.leaf_hash));
    return this.leaves;
  }
}

/** Each part's chained records with their leaf indexes, as the dossier needs them. */
export class PostgresRecordStore implements RecordStore {
  constructor(private readonly db: Queryable) {}

  async head(streamId: string): Promise<LoggedRecord | undefined> {
    const { rows } = await this.db.query<LeafRow>(`SELECT ${LEAF_COLUMNS} FROM custody_leaves WHERE part_id = $1 ORDER BY sequence DESC LIMIT 1`, [streamId]);
    return rows[0] && toLogged(rows[0]);
  }

  async append(): Promise<void> {
    throw new Error('custody records are appended with their leaves (appendCustodyRecord)');
  }

  async read(streamId: string): Promise<LoggedRecord[]> {
    const { rows } = await this.db.query<LeafRow>(`SELECT ${LEAF_COLUMNS} FROM custody_leaves WHERE part_id = $1 ORDER BY sequence`, [streamId]);
    return rows.map(toLogged);
  }
}

/** Chains `event` onto the part's records and appends it as the next leaf. Caller holds CUSTODY_LOCK_SQL. */
export async function appendCustodyRecord<E>(client: PoolClient, partId: string, event: E): Promise<LoggedRecord<E>> {
  const head = await new PostgresRecordStore(client).head(partId);
  const record = chainRecord(partId, event, head?.record);
  const { rows } = await client.query<{ size: string }>('SELECT COALESCE(max(leaf_index) + 1, 0) AS size FROM custody_leaves');
  const leafIndex = Number(rows[0]?.size ?? 0);
  await client.query(
    'INSERT INTO custody_leaves (leaf_index, leaf_hash, record_hash, part_id, sequence, record) VALUES ($1, $2, $3, $4, $5, $6)',
    [leafIndex, hashLeaf(Buffer.from(record.hash, 'hex')), record.hash, partId, record.sequence, JSON.stringify(record)],
  );
  return { record, leafIndex };
}

interface LeafRow {
  leaf_index: string;
  record: string;
}

const LEAF_COLUMNS = 'leaf_index, record';

function toLogged(row: LeafRow): LoggedRecord {
  return { leafIndex: Number(row.leaf_index), record: JSON.parse(row.record) as ChainedRecord };
}
