import { decide, type RecordFrame } from './twin.decider';
import { foldTwin } from './twin.evolve';
import type { TwinEvent, TwinState } from './twin.events';

function record(seq: number, tenant = 'acme'): RecordFrame {
  return { type: 'RecordFrame', data: { tenant, assetId: 'ESN-1', ts: '2026-01-01T00:00:00Z', seq, readings: { egt: 600 } } };
}

function given(events: TwinEvent[]) {
  const state: TwinState = foldTwin(events);
  return {
    when: (command: RecordFrame) => ({
      then: (expected: TwinEvent[]) => expect(decide(command, state)).toEqual({ ok: true, events: expected }),
      thenRejects: (code: string) => expect(decide(command, state)).toMatchObject({ ok: false, rejection: { code } }),
    }),
  };
}

describe('twin decider', () => {
  it('records the first frame of a new asset', () => {
    given([]).when(record(7)).then([{ type: 'FrameRecorded', data: record(7).data }]);
  });

  it('records a frame newer than the last one', () => {
    given([{ type: 'FrameRecorded', data: record(1).data }]).when(record(2)).then([{ type: 'FrameRecorded', data: record(2).data }]);
  });

  it('treats a repeated or older seq as a duplicate: no event', () => {
    const history: TwinEvent[] = [{ type: 'FrameRecorded', data: record(5).data }];
    given(history).when(record(5)).then([]);
    given(history).when(record(4)).then([]);
  });

  it('rejects a frame that claims the asset for another tenant', () => {
    given([{ type: 'FrameRecorded', data: record(1).data }]).when(record(2, 'other')).thenRejects('TENANT_MISMATCH');
  });
});
