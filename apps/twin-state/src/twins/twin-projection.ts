import type { PoolClient } from 'pg';
import { createTwinEvolve, decide, type RecordFrame, type Twin, type TwinEvent, type TwinEvolve, type TwinRejection } from '@fleettwin/domain-twin';
import { TwinRepository, type ProjectionSink } from './twin.repository';

export type { ProjectionSink } from './twin.repository';

export interface PositionedCommand {
  offset: string;
  command: RecordFrame;
}

export interface ProjectionResult {
  applied: number;
  duplicates: number;
  skipped: number;
  rejected: { offset: string; assetId: string; rejection: TwinRejection }[];
}

/**
 * Folds one partition's batch into the twins read model in the caller's transaction, together
 * with the consumer position: either both are stored or neither, so a crash at any moment
 * neither loses nor double-counts a frame. Offsets below the stored position were applied before.
 */
export class TwinProjection {
  private readonly evolve: TwinEvolve;
  private readonly twins = new TwinRepository();

  constructor(private readonly groupId: string, evolve?: TwinEvolve, private readonly sinks: readonly ProjectionSink[] = []) {
    this.evolve = evolve ?? createTwinEvolve();
  }

  async apply(client: PoolClient, topic: string, partition: number, batch: readonly PositionedCommand[]): Promise<ProjectionResult> {
    const result: ProjectionResult = { applied: 0, duplicates: 0, skipped: 0, rejected: [] };
    if (!batch.length) return result;
    const position = await this.lockPosition(client, topic, partition);
    const fresh = batch.filter((item) => BigInt(item.offset) >= position);
    result.skipped = batch.length - fresh.length;
    if (!fresh.length) return result;

    const twins = await this.twins.loadForUpdate(client, [...new Set(fresh.map((i) => i.command.data.assetId))]);
    const changed = new Map<string, Twin>();
    const applied: TwinEvent[] = [];
    for (const { offset, command } of fresh) {
      const decision = decide(command, twins.get(command.data.assetId) ?? null, this.evolve);
      if (!decision.ok) {
        result.rejected.push({ offset, assetId: command.data.assetId, rejection: decision.rejection });
        continue;
      }
      if (!decision.events.length) result.duplicates += 1;
      for (const event of decision.events) {
        const next = this.evolve(twins.get(command.data.assetId) ?? null, event);
        if (!next) continue;
        twins.set(next.assetId, next);
        changed.set(next.assetId, next);
        applied.push(event);
        result.applied += 1;
      }
    }
    await this.twins.save(client, [...changed.values()]);
    for (const sink of this.sinks) await sink.onApplied(client, applied);
    const last = fresh[fresh.length - 1];
    if (last) await this.storePosition(client, topic, partition, BigInt(last.offset) + 1n);
    return result;
  }

  private async lockPosition(client: PoolClient, topic: string, partition: number): Promise<bigint> {
    await client.query(
      'INSERT INTO consumer_positions (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING',
      [this.groupId, topic, partition],
    );
    const { rows } = await client.query<{ next_offset: string }>(
      'SELECT next_offset FROM consumer_positions WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
      [this.groupId, topic, partition],
    );
    return BigInt(rows[0]?.next_offset ?? '0');
  }

  private async storePosition(client: PoolClient, topic: string, partition: number, next: bigint): Promise<void> {
    await client.query('UPDATE consumer_positions SET next_offset = $4 WHERE group_id = $1 AND topic = $2 AND partition = $3', [
      this.groupId,
      topic,
      partition,
      next.toString(),
    ]);
  }
}
