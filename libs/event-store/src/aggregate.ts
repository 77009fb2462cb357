import type { PostgresEventStore } from './event-store';
import { aggregateFromSnapshot, foldEvents, type Aggregate, type Evolve } from './snapshots';

/**
 * A stream's state now, or as of `at`: the newest usable snapshot plus the events after it.
 * Equal to folding the whole stream (the property the snapshot tests check).
 */
export async function loadAggregate<S>(
  store: PostgresEventStore,
  streamId: string,
  evolve: Evolve<S>,
  initial: S,
  options: { at?: string | Date } = {},
): Promise<Aggregate<S>> {
  const at = options.at === undefined ? undefined : new Date(options.at).toISOString();
  const snapshot = await store.loadLatestSnapshot<S>(streamId, { atOrBefore: at });
  const start = aggregateFromSnapshot(snapshot, initial);
  const tail = await store.readStream(streamId, { fromVersion: start.version + 1, until: at });
  const { state, version, occurredAt } = foldEvents(evolve, start, tail, at);
  return { state, version, occurredAt };
}
