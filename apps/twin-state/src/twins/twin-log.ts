import type { PoolClient } from 'pg';
import type { Twin, TwinEvent } from '@fleettwin/domain-twin';
import { snapshotPolicy, type NewEvent, type PostgresEventStore } from '@fleettwin/event-store';
import type { StoredTwin } from './twin.repository';

export const twinStreamId = (assetId: string): string => `twin-${assetId}`;

/** When a twin event happened in the asset's time, which as-of queries read by. */
export function occurredAt(event: TwinEvent): string {
  switch (event.type) {
    case 'FrameRecorded':
    case 'SensorFaultRaised':
    case 'SensorFaultCleared':
      return event.data.ts;
    case 'CycleCompleted':
      return event.data.end;
    case 'CommandIssued':
      return event.data.issuedAt;
    case 'CommandAcknowledged':
    case 'CommandTimedOut':
      return event.data.at;
  }
}

export interface TwinChange {
  before: StoredTwin | undefined;
  after: Twin;
  events: readonly TwinEvent[];
  /** Per event, the trace context of what caused it (the outbox relay continues that trace). */
  traces?: readonly (Readonly<Record<string, string>> | undefined)[];
}

/**
 * Appends each changed twin's new events to its stream (expected version = what the read model
 * was built from, so a writer that raced us is refused, not merged), and snapshots the state
 * whenever a stream crosses a multiple of `snapshotEvery`. Returns the twins as now stored.
 */
export class TwinLog {
  private readonly shouldSnapshot: (previous: number, current: number) => boolean;

  constructor(private readonly store: PostgresEventStore, snapshotEvery: number) {
    this.shouldSnapshot = snapshotPolicy(snapshotEvery);
  }

  /** The twins as they will be stored once `append` has written their events: versions and watermarks. */
  plan(changes: readonly TwinChange[]): StoredTwin[] {
    return changes.filter((c) => c.events.length).map((change) => ({
      twin: change.after,
      version: (change.before?.version ?? 0) + change.events.length,
      watermark: change.events.map(occurredAt).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b), change.before?.watermark ?? occurredAt(change.events[0] as TwinEvent)),
    }));
  }

  /**
   * Appends the events (and due snapshots). Call it last in the transaction: the event store holds
   * its global append lock from here to commit, so everything else should already be written.
   */
  async append(client: PoolClient, changes: readonly TwinChange[]): Promise<void> {
    const withEvents = changes.filter((c) => c.events.length);
    await this.store.appendBatch(
      client,
      withEvents.map((c) => ({
        streamId: twinStreamId(c.after.assetId),
        expectedVersion: c.before ? c.before.version : 'no-stream',
        events: c.events.map((event, i) => toNewEvent(event, c.traces?.[i])),
      })),
    );
    for (const [i, stored] of this.plan(withEvents).entries()) {
      const previous = withEvents[i]?.before?.version ?? 0;
      if (this.shouldSnapshot(previous, stored.version)) await this.store.saveSnapshot(client, twinStreamId(stored.twin.assetId), stored.version, stored.watermark ?? '', stored.twin);
    }
  }
}

function toNewEvent(event: TwinEvent, traceContext: Readonly<Record<string, string>> | undefined): NewEvent {
  return { type: event.type, data: event.data, occurredAt: occurredAt(event), ...(traceContext ? { traceContext } : {}) };
}
