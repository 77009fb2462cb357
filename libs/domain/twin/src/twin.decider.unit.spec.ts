import { decide, type RecordFrame, type TwinCommand } from './twin.decider';
import { foldTwin } from './twin.evolve';
import type { TwinEvent, TwinState } from './twin.events';

function record(seq: number, tenant = 'acme'): RecordFrame {
  return { type: 'RecordFrame', data: { tenant, assetId: 'ESN-1', ts: '2026-01-01T00:00:00Z', seq, readings: { egt: 600 } } };
}

function given(events: TwinEvent[]) {
  const state: TwinState = foldTwin(events);
  return {
    when: (command: TwinCommand) => ({
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

describe('twin decider: data-quality fault events', () => {
  const frameWith = (seq: number, egt: number | null): RecordFrame => ({
    type: 'RecordFrame',
    data: { tenant: 'acme', assetId: 'ESN-1', ts: `2026-01-01T00:00:0${seq}Z`, seq, readings: { egt } },
  });

  it('raises a fault event when a reading turns bad, and clears it when it recovers', () => {
    const raised = decide(frameWith(2, 5000), foldTwin([{ type: 'FrameRecorded', data: frameWith(1, 600).data }]));
    expect(raised).toEqual({
      ok: true,
      events: [
        { type: 'FrameRecorded', data: frameWith(2, 5000).data },
        { type: 'SensorFaultRaised', data: { assetId: 'ESN-1', sensor: 'egt', flag: 'out-of-range', ts: '2026-01-01T00:00:02Z' } },
      ],
    });
    const history: TwinEvent[] = [
      { type: 'FrameRecorded', data: frameWith(1, 600).data },
      { type: 'FrameRecorded', data: frameWith(2, null).data },
    ];
    given(history).when(frameWith(3, 610)).then([
      { type: 'FrameRecorded', data: frameWith(3, 610).data },
      { type: 'SensorFaultCleared', data: { assetId: 'ESN-1', sensor: 'egt', flag: 'non-finite', ts: '2026-01-01T00:00:03Z' } },
    ]);
  });
});

describe('twin decider: commands to the asset', () => {
  const recorded: TwinEvent = { type: 'FrameRecorded', data: record(1).data };
  const issue = (commandId = 'c-1', tenant = 'acme'): TwinCommand => ({
    type: 'IssueCommand',
    data: { assetId: 'ESN-1', tenant, commandId, kind: 'parameters', name: 'derate', parameters: { thrustDerate: 0.1 }, issuedAt: '2026-01-01T00:01:00Z', expiresAt: '2026-01-01T00:02:00Z', issuedBy: 'planner@acme' },
  });
  const issued: TwinEvent = {
    type: 'CommandIssued',
    data: { assetId: 'ESN-1', commandId: 'c-1', kind: 'parameters', name: 'derate', parameters: { thrustDerate: 0.1 }, issuedAt: '2026-01-01T00:01:00Z', expiresAt: '2026-01-01T00:02:00Z', issuedBy: 'planner@acme' },
  };
  const ack = (status: 'accepted' | 'rejected' | 'completed' = 'accepted'): TwinCommand => ({
    type: 'AcknowledgeCommand',
    data: { assetId: 'ESN-1', tenant: 'acme', commandId: 'c-1', status, reported: { thrustDerate: 0.1 }, at: '2026-01-01T00:01:05Z' },
  });
  const acknowledgedAs = (status: 'accepted' | 'completed'): TwinEvent => ({
    type: 'CommandAcknowledged',
    data: { assetId: 'ESN-1', commandId: 'c-1', status, reported: { thrustDerate: 0.1 }, at: '2026-01-01T00:01:05Z' },
  });
  const expire = (now: string): TwinCommand => ({ type: 'ExpireCommands', data: { assetId: 'ESN-1', now } });

  it('issues a command to a known twin and records the desired state', () => {
    given([recorded]).when(issue()).then([issued]);
    expect(foldTwin([recorded, issued])).toMatchObject({ desired: { thrustDerate: 0.1 }, commands: { 'c-1': { status: 'pending' } } });
  });

  it('refuses commands to unknown twins, to twins of another tenant, and repeated command ids', () => {
    given([]).when(issue()).thenRejects('TWIN_NOT_FOUND');
    given([recorded]).when(issue('c-1', 'other')).thenRejects('TWIN_NOT_FOUND');
    given([recorded, issued]).when(issue()).thenRejects('COMMAND_EXISTS');
  });

  it('records the acknowledgement and the reported state; a settled command cannot be settled again', () => {
    const acknowledged = acknowledgedAs('accepted');
    given([recorded, issued]).when(ack()).then([acknowledged]);
    expect(foldTwin([recorded, issued, acknowledged])).toMatchObject({ reported: { thrustDerate: 0.1 }, commands: { 'c-1': { status: 'accepted', settledAt: '2026-01-01T00:01:05Z' } } });
    given([recorded, issued, acknowledged]).when(ack('rejected')).thenRejects('COMMAND_SETTLED');
    given([recorded, issued, acknowledged]).when(ack('completed')).then([acknowledgedAs('completed')]);
    given([recorded]).when(ack()).thenRejects('COMMAND_NOT_FOUND');
    const otherTenant = ack();
    if (otherTenant.type === 'AcknowledgeCommand') otherTenant.data.tenant = 'other';
    given([recorded, issued]).when(otherTenant).thenRejects('COMMAND_NOT_FOUND');
  });

  it('times out pending commands whose deadline has passed, and only those', () => {
    given([recorded, issued]).when(expire('2026-01-01T00:01:59Z')).then([]);
    const timedOut: TwinEvent = { type: 'CommandTimedOut', data: { assetId: 'ESN-1', commandId: 'c-1', at: '2026-01-01T00:02:00Z' } };
    given([recorded, issued]).when(expire('2026-01-01T00:02:00Z')).then([timedOut]);
    expect(foldTwin([recorded, issued, timedOut])).toMatchObject({ commands: { 'c-1': { status: 'timed-out' } } });
    given([recorded, issued, timedOut]).when(expire('2026-01-01T00:03:00Z')).then([]);
  });
});
