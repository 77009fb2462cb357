import { createTwinEvolve, foldTwin } from './twin.evolve';
import type { FrameRecorded, TwinState } from './twin.events';
import type { DataQualityPolicy } from './data-quality';

const policy: DataQualityPolicy = {
  stuckAfter: 3,
  ranges: { egt: { min: 200, max: 1100 }, T2: { min: 400, max: 700, stuckAfter: null } },
};
const evolve = createTwinEvolve(policy);

let seq = 0;
function frame(readings: Record<string, number | null>): FrameRecorded {
  seq += 1;
  return { type: 'FrameRecorded', data: { tenant: 'acme', assetId: 'ESN-1', ts: `2026-01-01T00:00:${String(seq).padStart(2, '0')}Z`, seq, readings } };
}

function given(...events: FrameRecorded[]) {
  return {
    then: (check: (state: NonNullable<TwinState>) => void) => {
      const state = foldTwin(events, null, evolve);
      expect(state).not.toBeNull();
      check(state as NonNullable<TwinState>);
    },
  };
}

beforeEach(() => (seq = 0));

describe('twin evolve', () => {
  it('given frames, the twin holds the latest value and timestamp per sensor, the frame count and last seq', () => {
    given(frame({ egt: 600, vibration: 1.2 }), frame({ egt: 610 })).then((twin) => {
      expect(twin.sensors.egt).toMatchObject({ value: 610, ts: '2026-01-01T00:00:02Z', quality: [] });
      expect(twin.sensors.vibration).toMatchObject({ value: 1.2, ts: '2026-01-01T00:00:01Z', quality: [] });
      expect(twin.frames).toBe(2);
      expect(twin.lastSeq).toBe(2);
      expect(twin.updatedAt).toBe('2026-01-01T00:00:02Z');
      expect(twin.tenant).toBe('acme');
    });
  });

  it('flags a null (NaN on the wire) reading as non-finite and keeps it visible', () => {
    given(frame({ egt: 600 }), frame({ egt: null })).then((twin) => {
      expect(twin.sensors.egt).toMatchObject({ value: null, quality: ['non-finite'] });
    });
  });

  it('flags a numeric non-finite value (from a non-JSON source) as non-finite', () => {
    given(frame({ egt: Number.POSITIVE_INFINITY })).then((twin) => {
      expect(twin.sensors.egt.quality).toEqual(['non-finite']);
      expect(twin.sensors.egt.value).toBeNull();
    });
  });

  it('flags a sensor stuck after N identical frames, and clears it when the value moves', () => {
    given(frame({ egt: 600 }), frame({ egt: 600 })).then((twin) => expect(twin.sensors.egt.quality).toEqual([]));
    seq = 0;
    given(frame({ egt: 600 }), frame({ egt: 600 }), frame({ egt: 600 })).then((twin) => expect(twin.sensors.egt.quality).toEqual(['stuck']));
    seq = 0;
    given(frame({ egt: 600 }), frame({ egt: 600 }), frame({ egt: 600 }), frame({ egt: 601 })).then((twin) =>
      expect(twin.sensors.egt.quality).toEqual([]),
    );
  });

  it('never flags a sensor that is constant by design as stuck', () => {
    given(frame({ T2: 518.67 }), frame({ T2: 518.67 }), frame({ T2: 518.67 }), frame({ T2: 518.67 })).then((twin) =>
      expect(twin.sensors.T2.quality).toEqual([]),
    );
  });

  it('flags readings outside the plausible range, on both sides', () => {
    given(frame({ egt: 1500 })).then((twin) => expect(twin.sensors.egt.quality).toEqual(['out-of-range']));
    seq = 0;
    given(frame({ egt: 100 })).then((twin) => expect(twin.sensors.egt.quality).toEqual(['out-of-range']));
    seq = 0;
    given(frame({ egt: 1100 })).then((twin) => expect(twin.sensors.egt.quality).toEqual([]));
  });

  it('raises stuck and out-of-range together when a stuck value is also implausible', () => {
    given(frame({ egt: 5000 }), frame({ egt: 5000 }), frame({ egt: 5000 })).then((twin) =>
      expect(twin.sensors.egt.quality).toEqual(['stuck', 'out-of-range']),
    );
  });

  it('recovers from non-finite: the next finite reading starts a fresh repeat count', () => {
    given(frame({ egt: 600 }), frame({ egt: 600 }), frame({ egt: null }), frame({ egt: 600 })).then((twin) => {
      expect(twin.sensors.egt).toMatchObject({ value: 600, quality: [], repeats: 1 });
    });
  });

  it('is deterministic: the same events fold to the same state', () => {
    const events = [frame({ egt: 600 }), frame({ egt: null }), frame({ egt: 2000, T2: 518 })];
    expect(foldTwin(events, null, evolve)).toEqual(foldTwin(events, null, evolve));
  });
});
