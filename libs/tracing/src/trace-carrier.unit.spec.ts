import { propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { carrierFor, contextFromCarrier, contextFromHeaders, messageHeadersGetter, withTraceHeaders } from './trace-carrier';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;
const parent = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: false });

beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
afterAll(() => propagation.disable());

describe('Kafka header carrier', () => {
  it('reads a header whether kafkajs hands it over as bytes, text or repeated', () => {
    expect(messageHeadersGetter.get({ traceparent: Buffer.from(TRACEPARENT) }, 'traceparent')).toBe(TRACEPARENT);
    expect(messageHeadersGetter.get({ traceparent: TRACEPARENT }, 'traceparent')).toBe(TRACEPARENT);
    expect(messageHeadersGetter.get({ traceparent: [Buffer.from('00-old-old-00'), Buffer.from(TRACEPARENT)] }, 'traceparent')).toBe(TRACEPARENT);
    expect(messageHeadersGetter.get({}, 'traceparent')).toBeUndefined();
  });

  it('given a span context, writes traceparent and tracestate', () => {
    expect(carrierFor(parent)).toEqual({ traceparent: TRACEPARENT });
  });

  it('given no span, writes nothing', () => {
    expect(carrierFor(ROOT_CONTEXT)).toBeUndefined();
    expect(withTraceHeaders({ ce_id: '1' }, ROOT_CONTEXT)).toEqual({ ce_id: '1' });
  });

  it('adds the trace to a record’s headers but keeps a parent the record already names', () => {
    expect(withTraceHeaders({ ce_id: '1' }, parent)).toEqual({ ce_id: '1', traceparent: TRACEPARENT });
    const own = '00-11111111111111111111111111111111-2222222222222222-01';
    expect(withTraceHeaders({ traceparent: own }, parent)).toEqual({ traceparent: own });
  });

  it('round-trips through Kafka headers and a stored carrier to the same remote parent', () => {
    const fromHeaders = trace.getSpanContext(contextFromHeaders({ traceparent: Buffer.from(TRACEPARENT), tracestate: Buffer.from('vendor=1') }));
    expect(fromHeaders).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
    expect(fromHeaders?.traceState?.get('vendor')).toBe('1');
    expect(carrierFor(contextFromCarrier({ traceparent: TRACEPARENT, tracestate: 'vendor=1' }))).toEqual({ traceparent: TRACEPARENT, tracestate: 'vendor=1' });
  });

  it('given a malformed traceparent, starts from the root instead of failing', () => {
    expect(trace.getSpanContext(contextFromHeaders({ traceparent: 'garbage' }))).toBeUndefined();
    expect(trace.getSpanContext(contextFromCarrier(undefined))).toBeUndefined();
  });
});
