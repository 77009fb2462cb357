import fc from 'fast-check';
import type { StoredEvent } from './event';
import { chainEvents, EMPTY_STREAM } from './hash-chain';
import { aggregateFromSnapshot, emptyAggregate, foldEvents, latestSnapshotAt, snapshotPolicy, type Evolve, type Snapshot } from './snapshots';

interface Totals {
  sum: number;
  seen: string[];
}
const initial: Totals = { sum: 0, seen: [] };
// Order-sensitive on purpose, so a skipped or reordered event changes the state.
const evolve: Evolve<Totals> = (state, event) => ({
  sum: state.sum * 2 + (event.data as { n: number }).n,
  seen: [...state.seen, event.type],
});

const T0 = Date.parse('2024-01-01T00:00:00.000Z');
const iso = (minute: number) => new Date(T0 + minute * 60000).toISOString();

function stream(steps: readonly { n: number; minute: number }[]): StoredEvent[] {
  const events = steps.map((s) => ({ type: `e${s.n}`, data: { n: s.n }, occurredAt: iso(s.minute) }));
  return chainEvents('s', EMPTY_STREAM, events).map((e, i) => ({ ...e, position: i + 1, recordedAt: iso(0) }));
}

/** Snapshots as a writer would take them: the fold at `version` with its watermark. */
function snapshotsAt(events: readonly StoredEvent[], versions: readonly number[]): Snapshot<Totals>[] {
  return versions.map((version) => {
    const folded = foldEvents(evolve, emptyAggregate(initial), events.slice(0, version));
    return { streamId: 's', version, occurredAt: folded.occurredAt ?? iso(0), state: folded.state };
  });
}

describe('snapshotPolicy', () => {
  const every3 = snapshotPolicy(3);
  it('given an append that reaches a multiple of N, then it is time to snapshot', () => expect(every3(2, 3)).toBe(true));
  it('given an append that jumps past a multiple of N, then it is time to snapshot', () => expect(every3(2, 5)).toBe(true));
  it('given an append between multiples, then it is not', () => expect(every3(3, 5)).toBe(false));
  it('given a non-positive interval, then it is refused', () => expect(() => snapshotPolicy(0)).toThrow(RangeError));
});

describe('foldEvents', () => {
  const events = stream([{ n: 1, minute: 1 }, { n: 2, minute: 5 }, { n: 3, minute: 3 }, { n: 4, minute: 6 }]);

  it('given no time, then every event is folded and the watermark is the latest time', () => {
    expect(foldEvents(evolve, emptyAggregate(initial), events)).toEqual({ state: { sum: 1 * 8 + 2 * 4 + 3 * 2 + 4, seen: ['e1', 'e2', 'e3', 'e4'] }, version: 4, occurredAt: iso(6), done: false });
  });

  it('given a time, then the fold stops at the first event that occurred later, even if later versions occurred earlier', () => {
    expect(foldEvents(evolve, emptyAggregate(initial), events, iso(4))).toMatchObject({ version: 1, occurredAt: iso(1), done: true });
  });
});

describe('snapshot + tail', () => {
  const steps = fc.array(fc.record({ n: fc.integer({ min: -5, max: 5 }), minute: fc.integer({ min: 0, max: 60 }) }), { maxLength: 40 });

  it('given random streams, snapshots and as-of times, then the newest usable snapshot plus its tail equals a full replay', () => {
    fc.assert(
      fc.property(steps, fc.array(fc.nat(), { maxLength: 6 }), fc.option(fc.integer({ min: -1, max: 61 }), { nil: undefined }), (raw, picks, minute) => {
        const events = stream(raw);
        const versions = events.length ? picks.map((p) => (p % events.length) + 1) : [];
        const at = minute === undefined ? undefined : iso(minute);
        const snapshot = latestSnapshotAt(snapshotsAt(events, versions), at);
        const start = aggregateFromSnapshot(snapshot, initial);
        const fromSnapshot = foldEvents(evolve, start, events.slice(start.version), at);
        const full = foldEvents(evolve, emptyAggregate(initial), events, at);
        expect({ ...fromSnapshot, done: undefined }).toEqual({ ...full, done: undefined });
      }),
      { numRuns: 500 },
    );
  });
});
