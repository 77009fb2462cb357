import { chunkBySize, lostProducerState, type OutgoingRecord } from './event-producer';

const record = (i: number, bytes: number): OutgoingRecord => ({ key: `k${i}`, value: 'x'.repeat(bytes), headers: { ce_id: String(i) } });

describe('chunkBySize', () => {
  it('keeps every record, in order, in chunks under the limit', () => {
    const records = Array.from({ length: 5000 }, (_, i) => record(i, 900));
    const chunks = chunkBySize(records, 768 * 1024);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(records);
    for (const chunk of chunks) expect(chunk.reduce((s, r) => s + Buffer.byteLength(r.value), 0)).toBeLessThan(768 * 1024);
  });

  it('sends a single record larger than the limit on its own rather than dropping it', () => {
    const chunks = chunkBySize([record(1, 10), record(2, 2000), record(3, 10)], 1000);
    expect(chunks.map((c) => c.map((r) => r.key))).toEqual([['k1'], ['k2'], ['k3']]);
  });

  it('makes no request for no records', () => {
    expect(chunkBySize([], 1000)).toEqual([]);
  });
});

describe('lostProducerState', () => {
  const protocolError = (type: string) => Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type });

  it('recognises the broker refusing the producer id or its sequence, also when wrapped', () => {
    expect(lostProducerState(protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER'))).toBe(true);
    expect(lostProducerState(protocolError('UNKNOWN_PRODUCER_ID'))).toBe(true);
    expect(lostProducerState(new Error('retries exceeded', { cause: protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER') }))).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(lostProducerState(protocolError('NOT_LEADER_FOR_PARTITION'))).toBe(false);
    expect(lostProducerState(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(lostProducerState('OUT_OF_ORDER_SEQUENCE_NUMBER')).toBe(false);
  });
});
