import fc from 'fast-check';
import { decide, type RecordFrame } from './twin.decider';
import { foldTwin } from './twin.evolve';
import type { TwinEvent, TwinState } from './twin.events';

const reading = fc.oneof(fc.constant(null), fc.double({ min: -100, max: 2000, noNaN: true }), fc.constantFrom(600, 600, 95, 0));
const frames = fc
  .array(fc.record({ gapSeconds: fc.integer({ min: 0, max: 900 }), seqStep: fc.integer({ min: -2, max: 3 }), egt: reading, n2: reading }), { minLength: 1, maxLength: 80 })
  .map((steps) => {
    let t = Date.UTC(2026, 0, 1);
    let seq = 0;
    return steps.map<RecordFrame>((s) => {
      t += s.gapSeconds * 1000;
      seq = Math.max(0, seq + s.seqStep);
      return { type: 'RecordFrame', data: { tenant: 'acme', assetId: 'ESN-P', ts: new Date(t).toISOString(), seq, readings: { egt: s.egt, n2: s.n2 } } };
    });
  });

/** The event log a stream of frames produces, through decide as the service runs it. */
function log(commands: RecordFrame[]): TwinEvent[] {
  let state: TwinState = null;
  const events: TwinEvent[] = [];
  for (const command of commands) {
    const decision = decide(command, state);
    if (!decision.ok) continue;
    events.push(...decision.events);
    state = foldTwin(decision.events, state);
  }
  return events;
}

describe('twin fold properties (fast-check)', () => {
  it('evolve is deterministic: the same log folds to the same twin', () => {
    fc.assert(fc.property(frames, (commands) => {
      const events = log(commands);
      expect(foldTwin(events)).toEqual(foldTwin(structuredClone(events)));
    }), { numRuns: 300 });
  });

  it('a snapshot at any point plus the tail equals the full replay', () => {
    fc.assert(fc.property(frames, fc.nat(), (commands, cut) => {
      const events = log(commands);
      const at = events.length ? cut % (events.length + 1) : 0;
      const snapshot = structuredClone(foldTwin(events.slice(0, at)));
      expect(foldTwin(events.slice(at), snapshot)).toEqual(foldTwin(events));
    }), { numRuns: 300 });
  });

  it('replaying the log through decide again adds nothing: every frame is a duplicate the second time', () => {
    fc.assert(fc.property(frames, (commands) => {
      const events = log(commands);
      const state = foldTwin(events);
      for (const command of commands) {
        const decision = decide(command, state);
        expect(decision.ok && decision.events).toEqual([]);
      }
    }), { numRuns: 200 });
  });
});
