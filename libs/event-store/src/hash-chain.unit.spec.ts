import { createHash } from 'node:crypto';
import { GENESIS_HASH, chainEvents, eventHash, verifyChain, EMPTY_STREAM } from './hash-chain';
import type { StoredEvent } from './event';

const at = '2024-05-01T10:00:00.000Z';

function stored(streamId: string, count: number): StoredEvent[] {
  const events = Array.from({ length: count }, (_, i) => ({ type: 'Counted', data: { n: i, tag: 'é' }, occurredAt: at }));
  return chainEvents(streamId, EMPTY_STREAM, events).map((e, i) => ({ ...e, position: i + 1, recordedAt: at }));
}

describe('eventHash', () => {
  it('given the fields, then it is SHA-256 hex over their RFC 8785 canonical JSON', () => {
    const fields = { streamId: 's', version: 1, type: 't', data: { b: 1, a: [1.5, 'x'] }, metadata: {}, occurredAt: at, prevHash: GENESIS_HASH };
    const canonical = `{"data":{"a":[1.5,"x"],"b":1},"metadata":{},"occurredAt":"${at}","prevHash":"${GENESIS_HASH}","streamId":"s","type":"t","version":1}`;
    expect(eventHash(fields)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
  });

  it('given the same data with keys in another order, then the hash is the same', () => {
    const base = { streamId: 's', version: 1, type: 't', metadata: { z: 1, a: 2 }, occurredAt: at, prevHash: GENESIS_HASH };
    expect(eventHash({ ...base, data: { x: 1, y: { q: 1, p: 2 } } })).toBe(eventHash({ ...base, data: { y: { p: 2, q: 1 }, x: 1 } }));
  });
});

describe('chainEvents', () => {
  it('given an empty stream, then version 1 links to the genesis hash and each next event to its predecessor', () => {
    const events = stored('s', 3);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[2].prevHash).toBe(events[1].hash);
  });

  it('given a time with an offset, then the stored and hashed time is UTC with milliseconds', () => {
    const [event] = chainEvents('s', EMPTY_STREAM, [{ type: 't', data: null, occurredAt: '2024-05-01T12:00:00+02:00' }]);
    expect(event.occurredAt).toBe(at);
  });

  it('given values JSON cannot carry, then they are stored and hashed as JSON carries them', () => {
    const [event] = chainEvents('s', EMPTY_STREAM, [{ type: 't', data: { gone: undefined, when: new Date(at) }, occurredAt: at }]);
    expect(event.data).toEqual({ when: at });
  });
});

describe('verifyChain', () => {
  it('given an untouched stream, then it verifies', () => {
    expect(verifyChain(stored('s', 4))).toEqual({ valid: true, events: 4, lastHash: stored('s', 4)[3].hash });
  });

  it('given changed data, then that version fails as content-changed', () => {
    const events = stored('s', 4);
    events[2] = { ...events[2], data: { n: 99, tag: 'é' } };
    expect(verifyChain(events)).toMatchObject({ valid: false, version: 3, reason: 'content-changed' });
  });

  it('given a removed event, then the next version fails as a gap', () => {
    const events = stored('s', 4);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, version: 2, reason: 'version-gap' });
  });

  it('given an event rehashed after its predecessor changed, then the link breaks', () => {
    const events = stored('s', 3);
    const changed = { ...events[0], data: { n: 7 } };
    events[0] = { ...changed, hash: eventHash(changed) };
    expect(verifyChain(events)).toMatchObject({ valid: false, version: 2, reason: 'broken-link' });
  });
});
