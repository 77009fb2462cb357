import type { Pool, PoolClient } from 'pg';
import { MerkleLog, signCheckpoint, type NoteSigner } from '@fleettwin/merkle-log';
import { PostgresEventStore, type Queryable } from '@fleettwin/event-store';
import { inTransaction } from '@fleettwin/postgres';
import { CUSTODY_LOCK_SQL, PostgresLeafStore } from './custody-log.store';

/** The stream whose `CheckpointSigned` events the outbox publishes on `fleet.custody.v1`. */
export const CUSTODY_LOG_STREAM = 'custody-log';

export interface StoredCheckpoint {
  treeSize: number;
  /** Base64 root hash. */
  rootHash: string;
  /** The C2SP signed checkpoint note. */
  signed: string;
  signedAt: string;
}

interface CheckpointRow {
  tree_size: string;
  root_hash: string;
  signed: string;
  signed_at: Date;
}

const COLUMNS = 'tree_size, root_hash, signed, signed_at';

export async function latestCheckpoint(db: Queryable): Promise<StoredCheckpoint | undefined> {
  const { rows } = await db.query<CheckpointRow>(`SELECT ${COLUMNS} FROM custody_checkpoints ORDER BY tree_size DESC LIMIT 1`);
  return rows[0] && toCheckpoint(rows[0]);
}

export async function checkpointAt(db: Queryable, treeSize: number): Promise<StoredCheckpoint | undefined> {
  const { rows } = await db.query<CheckpointRow>(`SELECT ${COLUMNS} FROM custody_checkpoints WHERE tree_size = $1`, [treeSize]);
  return rows[0] && toCheckpoint(rows[0]);
}

/**
 * Signs a checkpoint of the whole log when it grew since the last one, stores it and appends
 * `CheckpointSigned` to the event store (published by the outbox), all in one transaction under
 * the custody lock. Returns the latest checkpoint and whether it is new.
 */
export function checkpointIfGrown(pool: Pool, signer: NoteSigner): Promise<{ checkpoint: StoredCheckpoint | undefined; signed: boolean }> {
  return inTransaction(pool, async (client) => {
    await client.query(CUSTODY_LOCK_SQL);
    const latest = await latestCheckpoint(client);
    const log = new MerkleLog(new PostgresLeafStore(client));
    const size = await log.size();
    if (size === 0 || (latest && latest.treeSize >= size)) return { checkpoint: latest, signed: false };
    const head = await log.treeHead(size);
    const signed = signCheckpoint({ origin: signer.name, size, rootHash: head.rootHash, extensions: [] }, signer);
    const checkpoint = await store(client, { treeSize: size, rootHash: head.rootHash.toString('base64'), signed });
    await new PostgresEventStore(client).append(client, CUSTODY_LOG_STREAM, 'any', [
      { type: 'CheckpointSigned', data: { origin: signer.name, treeSize: size, rootHash: checkpoint.rootHash, checkpoint: signed }, occurredAt: checkpoint.signedAt },
    ]);
    return { checkpoint, signed: true };
  });
}

async function store(client: PoolClient, checkpoint: Omit<StoredCheckpoint, 'signedAt'>): Promise<StoredCheckpoint> {
  const { rows } = await client.query<CheckpointRow>(
    `INSERT INTO custody_checkpoints (tree_size, root_hash, signed) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
    [checkpoint.treeSize, checkpoint.rootHash, checkpoint.signed],
  );
  const row = rows[0];
  if (!row) throw new Error('storing the checkpoint returned no row');
  return toCheckpoint(row);
}

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return { treeSize: Number(row.tree_size), rootHash: row.root_hash, signed: row.signed, signedAt: new Date(row.signed_at).toISOString() };
}
