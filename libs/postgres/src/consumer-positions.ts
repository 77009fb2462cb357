import type { PoolClient } from 'pg';
import type { Migration } from './migrations';

/** For the owning service's migrations: what each consumer group has applied, per partition. */
export const CONSUMER_POSITIONS_MIGRATION: Migration = {
  id: 'consumer_positions_001',
  sql: `CREATE TABLE IF NOT EXISTS consumer_positions (
    group_id text NOT NULL,
    topic text NOT NULL,
    partition int NOT NULL,
    next_offset bigint NOT NULL,
    PRIMARY KEY (group_id, topic, partition)
  )`,
};

/**
 * A consumer's position stored in the same transaction as the state it changes (ADR 0002):
 * `lock` returns the first offset not yet applied and holds the row until commit; `advance`
 * moves it past what the transaction applied.
 */
export class ConsumerPositions {
  constructor(private readonly groupId: string) {}

  async lock(client: PoolClient, topic: string, partition: number): Promise<bigint> {
    await client.query('INSERT INTO consumer_positions (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING', [
      this.groupId,
      topic,
      partition,
    ]);
    const { rows } = await client.query<{ next_offset: string }>(
      'SELECT next_offset FROM consumer_positions WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
      [this.groupId, topic, partition],
    );
    return BigInt(rows[0]?.next_offset ?? '0');
  }

  async advance(client: PoolClient, topic: string, partition: number, next: bigint): Promise<void> {
    await client.query('UPDATE consumer_positions SET next_offset = $4 WHERE group_id = $1 AND topic = $2 AND partition = $3', [
      this.groupId,
      topic,
      partition,
      next.toString(),
    ]);
  }
}
