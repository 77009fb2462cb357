import { propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { endSpan, MESSAGING, startProcessSpan, startPublishSpan } from './messaging-spans';
import { carrierOfSpan } from './trace-carrier';

const exporter = new InMemorySpanExporter();

beforeAll(() => {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
});
afterAll(() => {
  trace.disable();
  propagation.disable();
});

describe('messaging spans', () => {
  it('given a record whose headers name a publish span, the process span is its child in the same trace', () => {
    const publish = startPublishSpan('fleet.telemetry.v1', 2);
    const headers = { ce_id: Buffer.from('x'), ...Object.fromEntries(Object.entries(carrierOfSpan(publish) ?? {}).map(([k, v]) => [k, Buffer.from(v)])) };
    const process = startProcessSpan({ topic: 'fleet.telemetry.v1', partition: 3, offset: '1200', key: 'ESN-1', group: 'twin-state', headers });
    endSpan(process);
    endSpan(publish);

    const [processed, published] = exporter.getFinishedSpans();
    expect(published).toMatchObject({ name: 'fleet.telemetry.v1 publish', kind: SpanKind.PRODUCER });
    expect(published?.attributes).toMatchObject({ [MESSAGING.system]: 'kafka', [MESSAGING.destination]: 'fleet.telemetry.v1', [MESSAGING.batchCount]: 2 });
    expect(processed).toMatchObject({ name: 'fleet.telemetry.v1 process', kind: SpanKind.CONSUMER });
    expect(processed?.spanContext().traceId).toBe(published?.spanContext().traceId);
    expect(processed?.parentSpanContext?.spanId).toBe(published?.spanContext().spanId);
    expect(processed?.attributes).toMatchObject({ [MESSAGING.partition]: '3', [MESSAGING.offset]: 1200, [MESSAGING.key]: 'ESN-1', [MESSAGING.consumerGroup]: 'twin-state' });
  });

  it('given a record without trace headers, the process span starts a new trace', () => {
    exporter.reset();
    endSpan(startProcessSpan({ topic: 't', partition: 0, offset: '0', group: 'g' }));
    expect(exporter.getFinishedSpans()[0]?.parentSpanContext).toBeUndefined();
  });

  it('given a failure, ends the span with error status and the exception recorded', () => {
    exporter.reset();
    endSpan(startPublishSpan('t', 1), new Error('broker down'));
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toMatchObject({ code: 2, message: 'broker down' });
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
  });
});
