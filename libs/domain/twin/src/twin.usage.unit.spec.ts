import { decide, type RecordFrame } from './twin.decider';
import { foldTwin } from './twin.evolve';
import type { TwinEvent, TwinState } from './twin.events';
import { toTwinView } from './twin.view';

const frame = (minute: number, n2: number): RecordFrame => ({
  type: 'RecordFrame',
  data: { tenant: 'acme', assetId: 'ESN-1', ts: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(), seq: minute + 1, readings: { n2, egt: 600 + n2 } },
});

/** Runs frames through decide + evolve as the service does, collecting every event. */
function run(frames: RecordFrame[]): { state: TwinState; events: TwinEvent[] } {
  let state: TwinState = null;
  const events: TwinEvent[] = [];
  for (const f of frames) {
    const decision = decide(f, state);
    if (!decision.ok) throw new Error(decision.rejection.message);
    events.push(...decision.events);
    state = foldTwin(decision.events, state);
  }
  return { state, events };
}

describe('usage counters derived from telemetry', () => {
  it('given a flight (engine running 3 minutes, then shut down), counts operating time and one cycle', () => {
    const { state, events } = run([frame(0, 20), frame(1, 95), frame(2, 96), frame(3, 97), frame(4, 95), frame(5, 10)]);
    const cycles = events.filter((e) => e.type === 'CycleCompleted');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ data: { assetId: 'ESN-1', cycle: 1, start: '2026-01-01T00:01:00.000Z', end: '2026-01-01T00:05:00.000Z', peaks: { n2: 97 } } });
    const view = toTwinView(state as NonNullable<TwinState>);
    expect(view.usage).toEqual({ operatingHours: 4 / 60, cycles: 1, running: false });
  });

  it('given two flights, counts two cycles; a resent frame counts nothing twice', () => {
    const flight = [frame(0, 95), frame(1, 95), frame(2, 10), frame(3, 95), frame(4, 10)];
    const { state } = run([...flight, frame(4, 10)]);
    expect(toTwinView(state as NonNullable<TwinState>).usage).toMatchObject({ cycles: 2, operatingHours: 3 / 60 });
  });
});
