import type { StoredEvent } from './event';

export type Evolve<S> = (state: S, event: StoredEvent) => S;

/**
 * A stream's state after `version`. `occurredAt` is a watermark: the latest occurredAt among
 * events 1..version. Event times need not rise with versions (late data), so the watermark, not
 * the last event's time, decides whether a snapshot may serve an as-of query.
 */
export interface Snapshot<S> {
  streamId: string;
  version: number;
  occurredAt: string;
  state: S;
}

/** A folded stream; `occurredAt` is the watermark (undefined before the first event). */
export interface Aggregate<S> {
  state: S;
  version: number;
  occurredAt: string | undefined;
}

export function emptyAggregate<S>(initial: S): Aggregate<S> {
  return { state: initial, version: 0, occurredAt: undefined };
}

export function aggregateFromSnapshot<S>(snapshot: Snapshot<S> | undefined, initial: S): Aggregate<S> {
  if (!snapshot) return emptyAggregate(initial);
  return { state: snapshot.state, version: snapshot.version, occurredAt: snapshot.occurredAt };
}

/**
 * Folds `events` (the stream's next events, in version order) onto `start`. With `at`, the fold is
 * the stream as recorded up to the first event that occurred after `at`: always a prefix of the
 * stream, so an as-of state is a real state the twin passed through and snapshots stay valid.
 * `done` says the fold reached such an event, so no later event can belong to it.
 */
export function foldEvents<S>(
  evolve: Evolve<S>,
  start: Aggregate<S>,
  events: readonly StoredEvent[],
  at?: string,
): Aggregate<S> & { done: boolean } {
  let { state, version, occurredAt } = start;
  const limit = at === undefined ? undefined : Date.parse(at);
  for (const event of events) {
    if (limit !== undefined && Date.parse(event.occurredAt) > limit) return { state, version, occurredAt, done: true };
    state = evolve(state, event);
    version = event.version;
    occurredAt = later(occurredAt, event.occurredAt);
  }
  return { state, version, occurredAt, done: false };
}

/** The newest snapshot usable for an as-of query at `at` (all of them without `at`). */
export function latestSnapshotAt<S>(snapshots: readonly Snapshot<S>[], at?: string): Snapshot<S> | undefined {
  const limit = at === undefined ? Infinity : Date.parse(at);
  return snapshots
    .filter((s) => Date.parse(s.occurredAt) <= limit)
    .reduce<Snapshot<S> | undefined>((best, s) => (best && best.version >= s.version ? best : s), undefined);
}

/**
 * When to snapshot: each time an append carries the stream across a multiple of `everyN`, since
 * one append may add several events and land past the exact multiple.
 */
export function snapshotPolicy(everyN: number): (previousVersion: number, currentVersion: number) => boolean {
  if (!Number.isInteger(everyN) || everyN < 1) throw new RangeError(`snapshot interval must be a positive integer, got ${everyN}`);
  return (previousVersion, currentVersion) => Math.floor(currentVersion / everyN) > Math.floor(previousVersion / everyN);
}

function later(a: string | undefined, b: string): string {
  return a !== undefined && Date.parse(a) >= Date.parse(b) ? a : b;
}
