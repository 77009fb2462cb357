import type { PoolClient } from 'pg';
import { ConsumerPositions } from '@fleettwin/postgres';
import { decide, type RecordFrame, type Twin, type TwinEvent, type TwinEvolve, type TwinRejection } from '@fleettwin/domain-twin';
import type { TwinChange, TwinLog } from './twin-log';
import { TwinRepository, type ProjectionSink, type StoredTwin } from './twin.repository';

export type { ProjectionSink } from './twin.repository';

export interface PositionedCommand {
  offset: string;
  command: RecordFrame;
  /** Trace context of the record's processing, stored with the events it causes. */
  trace?: Readonly<Record<string, string>>;
}

export interface ProjectionResult {
  frames: number;
  events: number;
  duplicates: number;
  skipped: number;
  rejected: { offset: string; assetId: string; rejection: TwinRejection }[];
}

/**
 * Folds one partition's batch of telemetry into the twins in the caller's transaction: events
 * appended to each twin's stream, the read models updated, and the consumer position stored —
 * all or nothing, so a crash at any moment neither loses nor double-counts a frame. Offsets
 * below the stored position were applied before and are skipped.
 */
export class TwinProjection {
  private readonly twins = new TwinRepository();
  private readonly positions: ConsumerPositions;

  constructor(
    groupId: string,
    private readonly evolve: TwinEvolve,
    private readonly log: TwinLog,
    private readonly sinks: readonly ProjectionSink[] = [],
  ) {
    this.positions = new ConsumerPositions(groupId);
  }

  async apply(client: PoolClient, topic: string, partition: number, batch: readonly PositionedCommand[]): Promise<ProjectionResult> {
    const result: ProjectionResult = { frames: 0, events: 0, duplicates: 0, skipped: 0, rejected: [] };
    if (!batch.length) return result;
    const position = await this.positions.lock(client, topic, partition);
    const fresh = batch.filter((item) => BigInt(item.offset) >= position);
    result.skipped = batch.length - fresh.length;
    if (!fresh.length) return result;

    const stored = await this.twins.loadForUpdate(client, [...new Set(fresh.map((i) => i.command.data.assetId))]);
    const changes = new Map<string, TwinChange>();
    for (const { offset, command, trace } of fresh) {
      const { assetId } = command.data;
      const current = changes.get(assetId)?.after ?? stored.get(assetId)?.twin ?? null;
      const decision = decide(command, current, this.evolve);
      if (!decision.ok) {
        result.rejected.push({ offset, assetId, rejection: decision.rejection });
        continue;
      }
      if (!decision.events.length) {
        result.duplicates += 1;
        continue;
      }
      const after = decision.events.reduce<Twin | null>((state, event) => this.evolve(state, event), current);
      if (!after) continue;
      const change = changes.get(assetId);
      changes.set(assetId, {
        before: stored.get(assetId),
        after,
        events: [...(change?.events ?? []), ...decision.events],
        traces: [...(change?.traces ?? change?.events.map(() => undefined) ?? []), ...decision.events.map(() => trace)],
      });
      result.frames += 1;
      result.events += decision.events.length;
    }
    const saved: StoredTwin[] = this.log.plan([...changes.values()]);
    await this.twins.save(client, saved);
    const applied: TwinEvent[] = [...changes.values()].flatMap((c) => c.events);
    for (const sink of this.sinks) await sink.onApplied(client, applied);
    const last = fresh[fresh.length - 1];
    if (last) await this.positions.advance(client, topic, partition, BigInt(last.offset) + 1n);
    // Last, so the event store's append lock is held only from here to commit.
    await this.log.append(client, [...changes.values()]);
    return result;
  }
}
