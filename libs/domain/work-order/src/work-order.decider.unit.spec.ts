import { WORK_ORDER_STATUSES, type WorkOrderStatus } from '@fleettwin/contracts';
import { decide, type WorkOrderCommand } from './work-order.decider';
import { foldWorkOrder, type WorkOrderEvent } from './work-order.events';
import { ALLOWED_TRANSITIONS } from './work-order.lifecycle';
import { acknowledged, ASSET, cancelled, COMMAND_TO, completed, deferred, evidence, HISTORY_TO, meta, opened, ORDER, scheduled, started, TENANT } from './work-order.fixtures';

function given(events: WorkOrderEvent[]) {
  const state = foldWorkOrder(events);
  return {
    when: (command: WorkOrderCommand) => ({
      then: (expected: WorkOrderEvent[]) => expect(decide(command, state)).toEqual({ ok: true, events: expected }),
      thenRejects: (error: object) => expect(decide(command, state)).toMatchObject({ ok: false, error }),
    }),
  };
}

const open: WorkOrderCommand = {
  type: 'OpenWorkOrder',
  data: { tenant: TENANT, workOrderId: ORDER, assetId: ASSET, kind: 'inspection', failureModeCode: 'HPC-DEG', priority: 3, dueAt: '2026-03-08T00:00:00.000Z', evidence: evidence() },
  metadata: meta('k-open'),
};

describe('work-order decider: opening', () => {
  it('given nothing, when opened, then WorkOrderOpened carries the evidence and the command stamp', () => {
    given([]).when(open).then([opened]);
  });

  it('given an order, when opened again with a new key, then ALREADY_EXISTS; with the same key, then nothing', () => {
    given([opened]).when({ ...open, metadata: meta('k-other') }).thenRejects({ code: 'ALREADY_EXISTS' });
    given([opened]).when(open).then([]);
  });

  it('given nothing, when opened with a bad due date or blank asset, then INVALID', () => {
    given([]).when({ ...open, data: { ...open.data, dueAt: 'soon' } }).thenRejects({ code: 'INVALID' });
    given([]).when({ ...open, data: { ...open.data, assetId: ' ' } }).thenRejects({ code: 'INVALID' });
  });

  it('given nothing or another tenant\'s order, when acknowledged, then NOT_FOUND', () => {
    given([]).when(COMMAND_TO.acknowledged('k-ack')).thenRejects({ code: 'NOT_FOUND' });
    const foreign: WorkOrderCommand = { type: 'AcknowledgeWorkOrder', data: { tenant: 'airline-b', workOrderId: ORDER }, metadata: meta('k-ack') };
    given([opened]).when(foreign).thenRejects({ code: 'NOT_FOUND' });
  });
});

describe('work-order decider: every legal transition', () => {
  const legal = WORK_ORDER_STATUSES.flatMap((from) => ALLOWED_TRANSITIONS[from].map((to) => [from, to] as const));

  it.each(legal)('given an order %s, when moved to %s, then one event and the folded status is the target', (from, to) => {
    const history = HISTORY_TO[from];
    const command = COMMAND_TO[to as Exclude<WorkOrderStatus, 'open'>]('k-next');
    const decision = decide(command, foldWorkOrder(history));
    if (!decision.ok) throw new Error(decision.error.message);
    expect(decision.events).toHaveLength(1);
    expect(foldWorkOrder([...history, ...decision.events])?.status).toBe(to);
  });
});

describe('work-order decider: every illegal transition', () => {
  const targets = Object.keys(COMMAND_TO) as Array<Exclude<WorkOrderStatus, 'open'>>;
  const illegal = WORK_ORDER_STATUSES.flatMap((from) => targets.filter((to) => !ALLOWED_TRANSITIONS[from].includes(to)).map((to) => [from, to] as const));

  it('covers the whole matrix: 7 statuses x 6 targets, legal plus illegal', () => {
    const legalCount = WORK_ORDER_STATUSES.reduce((n, s) => n + ALLOWED_TRANSITIONS[s].length, 0);
    expect(illegal.length + legalCount).toBe(WORK_ORDER_STATUSES.length * targets.length);
  });

  it.each(illegal)('given an order %s, when asked to go to %s, then ILLEGAL_TRANSITION naming both', (from, to) => {
    given(HISTORY_TO[from]).when(COMMAND_TO[to]('k-next')).thenRejects({ code: 'ILLEGAL_TRANSITION', from, to });
  });
});

describe('work-order decider: idempotency', () => {
  it('given a command already applied, when it is repeated with its key, then no events and no error', () => {
    given([opened, acknowledged]).when(COMMAND_TO.acknowledged('k-ack')).then([]);
    given([opened, acknowledged, scheduled, started, completed]).when(COMMAND_TO.completed('k-complete')).then([]);
  });

  it('given a repeat whose transition would now be illegal, then still no events: the retry is recognised first', () => {
    given([opened, acknowledged, scheduled]).when(COMMAND_TO.acknowledged('k-ack')).then([]);
  });

  it('given the folded state, then it remembers every applied key', () => {
    expect(foldWorkOrder([opened, acknowledged, scheduled])?.appliedKeys).toEqual(['k-open', 'k-ack', 'k-schedule']);
  });
});

describe('work-order decider: deferral and re-scheduling', () => {
  it('given a deferred order, when re-scheduled, then it is scheduled again and the deferral is cleared', () => {
    const cmd = COMMAND_TO.scheduled('k-reschedule');
    const decision = decide(cmd, foldWorkOrder([opened, deferred]));
    if (!decision.ok) throw new Error(decision.error.message);
    const state = foldWorkOrder([opened, deferred, ...decision.events]);
    expect(state).toMatchObject({ status: 'scheduled', deferral: null, scheduledFor: '2026-03-05T06:00:00.000Z' });
  });

  it('given a deferral without a reason, then INVALID', () => {
    given([opened]).when({ type: 'DeferWorkOrder', data: { tenant: TENANT, workOrderId: ORDER, reason: '' }, metadata: meta('k-d') }).thenRejects({ code: 'INVALID' });
  });

  it('given a cancelled order, then it keeps why', () => {
    expect(foldWorkOrder([opened, cancelled])).toMatchObject({ status: 'cancelled', cancellation: { reason: 'engine removed for overhaul' } });
  });
});

describe('work-order decider: evidence', () => {
  const add = (key: string, priority: 1 | 2 | 3 | 4, dueAt: string, version = 121): WorkOrderCommand => ({
    type: 'AddEvidence',
    data: { tenant: TENANT, workOrderId: ORDER, evidence: evidence({ source: { streamId: `prediction-${ASSET}`, version } }), priority, dueAt },
    metadata: meta(key),
  });

  it('given an open order, when more urgent evidence arrives, then priority rises and the due date moves in', () => {
    given([opened]).when(add('k-e1', 2, '2026-03-04T00:00:00.000Z')).then([
      {
        type: 'EvidenceAdded',
        data: { tenant: TENANT, workOrderId: ORDER, at: '2026-03-01T10:00:00.000Z', by: 'planner@airline-a', idempotencyKey: 'k-e1', evidence: evidence({ source: { streamId: `prediction-${ASSET}`, version: 121 } }), priority: 2, dueAt: '2026-03-04T00:00:00.000Z' },
      },
    ]);
  });

  it('given an open order, when milder evidence arrives, then it is recorded but priority and due date never loosen', () => {
    const decision = decide(add('k-e2', 4, '2026-04-01T00:00:00.000Z'), foldWorkOrder([opened]));
    if (!decision.ok) throw new Error(decision.error.message);
    const state = foldWorkOrder([opened, ...decision.events]);
    expect(state).toMatchObject({ priority: 3, dueAt: '2026-03-08T00:00:00.000Z' });
    expect(state?.evidence).toHaveLength(2);
  });

  it('given a closed order, when evidence arrives, then INVALID: new evidence belongs to a new order', () => {
    given([opened, cancelled]).when(add('k-e3', 1, '2026-03-02T00:00:00.000Z')).thenRejects({ code: 'INVALID' });
  });

  it('given evidence for another asset, then INVALID', () => {
    const cmd = add('k-e4', 2, '2026-03-02T00:00:00.000Z');
    if (cmd.type !== 'AddEvidence') throw new Error('unreachable');
    given([opened]).when({ ...cmd, data: { ...cmd.data, evidence: evidence({ assetId: 'ESN-1' }) } }).thenRejects({ code: 'INVALID' });
  });
});

describe('work-order decider: completion and effect verification', () => {
  const done = [opened, acknowledged, scheduled, started, completed];
  const verify = (before: { healthIndex: number; failureProbability: number }, after: { healthIndex: number; failureProbability: number }, key = 'k-verify'): WorkOrderCommand => ({
    type: 'VerifyEffect',
    data: { tenant: TENANT, workOrderId: ORDER, before, after },
    metadata: meta(key, '2026-04-01T00:00:00.000Z', 'twin@system'),
  });

  it('given a completed order, then the completion records findings, confirmed mode, parts by serial and who did it', () => {
    expect(foldWorkOrder(done)?.completion).toEqual({
      findings: 'HPC stage 3 blades eroded; borescope images attached',
      outcome: { kind: 'confirmed', failureModeCode: 'HPC-DEG' },
      partsRemoved: ['HPC-S3-889'],
      partsInstalled: ['HPC-S3-1204'],
      technician: 'tech-17',
      organisation: 'MRO Hamburg',
      at: '2026-03-01T10:00:00.000Z',
    });
  });

  it('given completion with a blank finding, then INVALID', () => {
    const cmd = COMMAND_TO.completed('k-c');
    if (cmd.type !== 'CompleteWorkOrder') throw new Error('unreachable');
    given([opened, acknowledged, scheduled, started]).when({ ...cmd, data: { ...cmd.data, findings: ' ' } }).thenRejects({ code: 'INVALID' });
  });

  it('given a completed order, when health recovered and risk fell, then EffectVerified verified', () => {
    const decision = decide(verify({ healthIndex: 0.4, failureProbability: 0.7 }, { healthIndex: 0.85, failureProbability: 0.05 }), foldWorkOrder(done));
    expect(decision).toMatchObject({ ok: true, events: [{ type: 'EffectVerified', data: { outcome: 'verified' } }] });
  });

  it('given a completed order, when risk stays high, then EffectVerified ineffective', () => {
    const decision = decide(verify({ healthIndex: 0.4, failureProbability: 0.7 }, { healthIndex: 0.45, failureProbability: 0.6 }), foldWorkOrder(done));
    expect(decision).toMatchObject({ ok: true, events: [{ type: 'EffectVerified', data: { outcome: 'ineffective' } }] });
  });

  it('given an order not yet completed, then NOT_COMPLETED; given one already judged, then ALREADY_VERIFIED unless it is the same command again', () => {
    given([opened, acknowledged]).when(verify({ healthIndex: 0.4, failureProbability: 0.7 }, { healthIndex: 0.9, failureProbability: 0.02 })).thenRejects({ code: 'NOT_COMPLETED' });
    const first = decide(verify({ healthIndex: 0.4, failureProbability: 0.7 }, { healthIndex: 0.9, failureProbability: 0.02 }), foldWorkOrder(done));
    if (!first.ok) throw new Error(first.error.message);
    const judged = [...done, ...first.events];
    given(judged).when(verify({ healthIndex: 0.4, failureProbability: 0.7 }, { healthIndex: 0.9, failureProbability: 0.02 }, 'k-again')).thenRejects({ code: 'ALREADY_VERIFIED' });
    given(judged).when(verify({ healthIndex: 0.4, failureProbability: 0.7 }, { healthIndex: 0.9, failureProbability: 0.02 })).then([]);
    expect(foldWorkOrder(judged)?.effect?.outcome).toBe('verified');
  });
});
