import { InjectedHandlerFault, throwOnMarkedRecord, FAULT_HEADER, FAULT_HANDLER_THROW, faultInjectionEnabled } from './fault-injection';
import { backoffMs, handleWithIsolation, isOutage, type IsolationSteps, type RetryPolicy } from './poison-isolation';

const POLICY: RetryPolicy = { attempts: 3, initialBackoffMs: 100, maxBackoffMs: 250 };

/** A handler that applies whole batches only when none of their messages is poison, recording every call. */
function given(poison: Set<number>, failure: () => Error = () => new TypeError('cannot read properties of undefined')) {
  const calls: number[][] = [];
  const applied: number[] = [];
  const deadLettered: { message: number; reason: string }[] = [];
  const slept: number[] = [];
  let heartbeats = 0;
  const steps: IsolationSteps<number> = {
    handle: async (messages) => {
      calls.push(messages);
      if (messages.some((m) => poison.has(m))) throw failure();
      applied.push(...messages);
    },
    deadLetter: async (message, reason) => { deadLettered.push({ message, reason }); },
    sleep: async (ms) => { slept.push(ms); },
    heartbeat: async () => { heartbeats += 1; },
  };
  return { steps, calls, applied, deadLettered, slept, heartbeats: () => heartbeats };
}

describe('handleWithIsolation', () => {
  it('given a healthy batch, when handled, then it is handled once and nothing is dead-lettered', async () => {
    const t = given(new Set());
    const outcome = await handleWithIsolation([1, 2, 3], t.steps, POLICY);
    expect(t.calls).toEqual([[1, 2, 3]]);
    expect(t.applied).toEqual([1, 2, 3]);
    expect(outcome).toEqual({ calls: 1, deadLettered: [] });
    expect(t.slept).toEqual([]);
  });

  it('given a batch that fails once, when retried, then it succeeds without isolating', async () => {
    const t = given(new Set());
    let failures = 1;
    const handle = t.steps.handle;
    t.steps.handle = async (m) => { if (failures-- > 0) throw new Error('flaky'); return handle(m); };
    const outcome = await handleWithIsolation([1, 2], t.steps, POLICY);
    expect(outcome.calls).toBe(2);
    expect(outcome.deadLettered).toEqual([]);
    expect(t.applied).toEqual([1, 2]);
    expect(t.slept).toEqual([100]);
  });

  it('given one poison message, when the batch keeps failing, then after bounded retries only that message is dead-lettered and the rest applied in order', async () => {
    const t = given(new Set([3]));
    const outcome = await handleWithIsolation([1, 2, 3, 4, 5], t.steps, POLICY);
    // 3 tries of the batch, then one try per healthy message and 3 for the poison one.
    expect(t.calls.slice(0, 3)).toEqual([[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]);
    expect(t.calls.slice(3)).toEqual([[1], [2], [3], [3], [3], [4], [5]]);
    expect(outcome.calls).toBe(10);
    expect(t.applied).toEqual([1, 2, 4, 5]);
    expect(t.deadLettered).toEqual([{ message: 3, reason: 'handler failed 3 times: TypeError: cannot read properties of undefined' }]);
    expect(outcome.deadLettered).toEqual(t.deadLettered);
    // Backoff grows and is capped; the group membership is kept alive between tries.
    expect(t.slept).toEqual([100, 200, 100, 200]);
    expect(t.heartbeats()).toBe(4);
  });

  it('given two poison messages, then both are dead-lettered, each with its reason', async () => {
    const t = given(new Set([1, 4]));
    const outcome = await handleWithIsolation([1, 2, 3, 4], t.steps, { ...POLICY, attempts: 1 });
    expect(outcome.deadLettered.map((d) => d.message)).toEqual([1, 4]);
    expect(t.applied).toEqual([2, 3]);
    expect(outcome.calls).toBe(5);
  });

  it('given an outage (database unreachable), then nothing is dead-lettered and the error is rethrown for a retry from the committed offset', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const t = given(new Set([1, 2, 3]), () => refused);
    await expect(handleWithIsolation([1, 2, 3], t.steps, POLICY)).rejects.toBe(refused);
    expect(t.deadLettered).toEqual([]);
    // An outage is not retried here: the consumer's own restart does that, without holding the partition.
    expect(t.calls).toEqual([[1, 2, 3]]);
  });

  it('given an outage that starts while isolating, then isolation stops and rethrows without dead-lettering', async () => {
    const t = given(new Set([2]));
    const handle = t.steps.handle;
    t.steps.handle = async (m) => {
      if (m.length === 1 && m[0] === 2) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      return handle(m);
    };
    await expect(handleWithIsolation([1, 2, 3], t.steps, POLICY)).rejects.toThrow('administrator command');
    expect(t.deadLettered).toEqual([]);
    expect(t.applied).toEqual([1]);
  });

  it('given attempts below one, then each batch is still tried once', async () => {
    const t = given(new Set([1]));
    const outcome = await handleWithIsolation([1], t.steps, { ...POLICY, attempts: 0 });
    expect(outcome.calls).toBe(2);
    expect(outcome.deadLettered).toHaveLength(1);
  });
});

describe('backoffMs', () => {
  it('doubles from the initial delay and stops at the maximum', () => {
    expect([0, 1, 2, 3].map((r) => backoffMs({ attempts: 5, initialBackoffMs: 200, maxBackoffMs: 1000 }, r))).toEqual([200, 400, 800, 1000]);
  });
});

describe('isOutage', () => {
  it.each([
    ['pg connection exception class 08', Object.assign(new Error('x'), { code: '08006' })],
    ['pg admin shutdown', Object.assign(new Error('x'), { code: '57P01' })],
    ['pg starting up', new Error('the database system is starting up')],
    ['pg pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['socket reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['kafkajs retriable', Object.assign(new Error('There is no leader for this topic-partition'), { name: 'KafkaJSProtocolError', retriable: true })],
    ['wrapped in a cause', new Error('append failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })],
  ])('%s is an outage', (_, error) => {
    expect(isOutage(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['a constraint violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['the injected fault', new InjectedHandlerFault('42')],
    ['not an error', 'boom'],
  ])('%s is not an outage', (_, error) => {
    expect(isOutage(error)).toBe(false);
  });
});

describe('fault injection', () => {
  it('is on only with FLEETTWIN_FAULT_INJECTION=1', () => {
    expect(faultInjectionEnabled({})).toBe(false);
    expect(faultInjectionEnabled({ FLEETTWIN_FAULT_INJECTION: 'true' })).toBe(false);
    expect(faultInjectionEnabled({ FLEETTWIN_FAULT_INJECTION: '1' })).toBe(true);
  });

  it('throws for a batch holding a marked record, whether the header is a Buffer or a string', () => {
    expect(() => throwOnMarkedRecord([{ offset: '1', headers: {} }, { offset: '2' }])).not.toThrow();
    expect(() => throwOnMarkedRecord([{ offset: '1' }, { offset: '7', headers: { [FAULT_HEADER]: Buffer.from(FAULT_HANDLER_THROW) } }])).toThrow('offset 7');
    expect(() => throwOnMarkedRecord([{ offset: '9', headers: { [FAULT_HEADER]: FAULT_HANDLER_THROW } }])).toThrow(InjectedHandlerFault);
  });
});
