import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOffSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

const manager = new AsyncLocalStorageContextManager();
beforeAll(() => context.setGlobalContextManager(manager.enable()));
afterAll(() => {
  context.disable();
  trace.disable();
});

describe('createLogger', () => {
  it('given a sampled span is active, writes its trace_id and span_id on the line', () => {
    const { lines, stream } = capture();
    const logger = createLogger('twin-state', 'info', stream);
    const span = new TracerProvider().getTracer('test').startSpan('work');
    context.with(trace.setSpan(context.active(), span), () => logger.info({ assetId: 'ESN-1' }, 'applied'));
    logger.info('outside');
    span.end();
    const { traceId, spanId } = span.spanContext();
    expect(lines[0]).toMatchObject({ service: 'twin-state', level: 'info', assetId: 'ESN-1', msg: 'applied', trace_id: traceId, span_id: spanId });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });

  it('given an unsampled span, writes no ids that would point at a trace nobody exported', () => {
    const { lines, stream } = capture();
    const logger = createLogger('ingest', 'info', stream);
    const span = new TracerProvider({ sampler: new AlwaysOffSampler() }).getTracer('test').startSpan('work');
    context.with(trace.setSpan(context.active(), span), () => logger.info('dropped trace'));
    expect(lines[0]).not.toHaveProperty('trace_id');
  });
});
