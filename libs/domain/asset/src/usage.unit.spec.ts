import fc from 'fast-check';
import { DEFAULT_USAGE_CONFIG, foldUsage, initialUsageState, operatingHours, type UsageConfig, type UsageFrame } from './usage';

const config: UsageConfig = { runningFlag: 'running', runningSensor: { name: 'n2', above: 50 }, peakSensors: ['egt'], maxGapMs: 10 * 60_000 };
const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const frame = (minutes: number, readings: Record<string, number | null>): UsageFrame => ({ ts: at(minutes), readings });

function given(...frames: UsageFrame[]) {
  return { then: (check: (result: ReturnType<typeof foldUsage>) => void) => check(foldUsage(frames, config)) };
}

describe('usage counters', () => {
  it('given a start, a flight and a shutdown, counts one cycle and the hours between start and shutdown', () => {
    given(
      frame(0, { n2: 20 }),
      frame(5, { n2: 60, egt: 600 }),
      frame(10, { n2: 95, egt: 850 }),
      frame(15, { n2: 80, egt: 700 }),
      frame(20, { n2: 20, egt: 400 }),
      frame(25, { n2: 0 }),
    ).then(({ state, facts }) => {
      expect(state).toMatchObject({ cycles: 1, operatingMs: 15 * 60_000, running: false, cycle: null });
      expect(operatingHours(state)).toBeCloseTo(0.25);
      expect(facts).toEqual([
        { type: 'CycleCompleted', data: { cycle: 1, start: at(5), end: at(20), durationMs: 15 * 60_000, runningMs: 15 * 60_000, peaks: { egt: 850 } } },
      ]);
    });
  });

  it('an explicit running flag wins over the sensor threshold', () => {
    given(frame(0, { running: 1, n2: 0 }), frame(5, { running: 1, n2: 0 }), frame(6, { running: 0, n2: 99 })).then(({ state, facts }) => {
      expect(state.cycles).toBe(1);
      expect(state.operatingMs).toBe(6 * 60_000);
      expect(facts[0].data.durationMs).toBe(6 * 60_000);
    });
  });

  it('a gap longer than the limit is not running time, but does not end the cycle', () => {
    given(frame(0, { n2: 90 }), frame(5, { n2: 90 }), frame(65, { n2: 90 }), frame(70, { n2: 10 })).then(({ state, facts }) => {
      expect(state.operatingMs).toBe(10 * 60_000);
      expect(facts).toMatchObject([{ data: { durationMs: 70 * 60_000, runningMs: 10 * 60_000 } }]);
    });
  });

  it('a frame that cannot say whether the asset runs keeps the previous state', () => {
    given(frame(0, { n2: 90 }), frame(5, { n2: null }), frame(10, { egt: 700 }), frame(15, { n2: 10 })).then(({ state }) => {
      expect(state).toMatchObject({ cycles: 1, operatingMs: 15 * 60_000 });
    });
  });

  it('ignores duplicate and out-of-order frames', () => {
    given(frame(0, { n2: 90 }), frame(10, { n2: 90 }), frame(5, { n2: 10 }), frame(10, { n2: 10 }), frame(20, { n2: 10 })).then(({ state }) => {
      expect(state).toMatchObject({ cycles: 1, operatingMs: 20 * 60_000 });
    });
  });

  it('an asset still running at the end has an open cycle and no fact yet; the fold resumes from its state', () => {
    const first = foldUsage([frame(0, { n2: 90, egt: 800 }), frame(5, { n2: 90 })], config);
    expect(first.facts).toEqual([]);
    expect(first.state.cycle).toEqual({ start: at(0), runningMs: 5 * 60_000, peaks: { egt: 800 } });
    const resumed = foldUsage([frame(9, { n2: 10 })], config, first.state);
    expect(resumed.facts).toMatchObject([{ data: { cycle: 1, start: at(0), end: at(9), runningMs: 9 * 60_000, peaks: { egt: 800 } } }]);
  });

  it('ships defaults that read the n2 spool speed', () => {
    expect(foldUsage([frame(0, { n2: 95 }), frame(1, { n2: 0 })], DEFAULT_USAGE_CONFIG).state.cycles).toBe(1);
    expect(initialUsageState).toEqual({ operatingMs: 0, cycles: 0, running: false, lastTs: null, cycle: null });
  });
});

describe('usage properties', () => {
  // Strictly increasing times with gaps from 1 s to 30 min, each frame running, stopped or silent on the matter.
  const framesArb = fc.array(
    fc.record({ gapS: fc.integer({ min: 1, max: 1800 }), running: fc.constantFrom<boolean | undefined>(true, false, undefined) }),
    { minLength: 1, maxLength: 200 },
  );

  const toFrames = (spec: Array<{ gapS: number; running: boolean | undefined }>): UsageFrame[] => {
    let t = T0;
    return spec.map((s): UsageFrame => {
      t += s.gapS * 1000;
      return { ts: new Date(t).toISOString(), readings: s.running === undefined ? { egt: 1 } : { running: s.running ? 1 : 0 } };
    });
  };

  it('operating time never exceeds the elapsed time between the first and last frame', () => {
    fc.assert(
      fc.property(framesArb, (spec) => {
        const frames = toFrames(spec);
        const { state } = foldUsage(frames, config);
        expect(state.operatingMs).toBeLessThanOrEqual(Date.parse(frames[frames.length - 1].ts) - Date.parse(frames[0].ts));
      }),
    );
  });

  it('cycles equal the running→stopped transitions, with one fact per cycle', () => {
    fc.assert(
      fc.property(framesArb, (spec) => {
        const { state, facts } = foldUsage(toFrames(spec), config);
        let running = false;
        let transitions = 0;
        for (const s of spec) {
          const next: boolean = s.running ?? running;
          if (running && !next) transitions += 1;
          running = next;
        }
        expect(state.cycles).toBe(transitions);
        expect(facts).toHaveLength(transitions);
        expect(facts.reduce((sum, f) => sum + f.data.runningMs, 0)).toBeLessThanOrEqual(state.operatingMs);
      }),
    );
  });
});
