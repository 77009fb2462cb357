import { context as contextApi, INVALID_SPAN_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { contextFromHeaders, type MessageHeaders } from './trace-carrier';
import { tracingEnabled } from './tracing-sdk';

const UNTRACED_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Messaging semantic-convention attribute names. They are still "incubating" upstream, and the
 * OpenTelemetry docs advise copying incubating names rather than importing them.
 */
export const MESSAGING = {
  system: 'messaging.system',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  operationName: 'messaging.operation.name',
  operationType: 'messaging.operation.type',
  batchCount: 'messaging.batch.message_count',
  consumerGroup: 'messaging.consumer.group.name',
  offset: 'messaging.kafka.offset',
  key: 'messaging.kafka.message.key',
} as const;

const TRACER = 'fleettwin';

export function tracer() {
  return trace.getTracer(TRACER);
}

/** `<topic> publish` (PRODUCER): one per logical send; its context goes into each record's headers. */
export function startPublishSpan(topic: string, messageCount: number, parent: Context = contextApi.active(), system = 'kafka'): Span {
  return tracer().startSpan(
    `${topic} publish`,
    { kind: SpanKind.PRODUCER, attributes: { [MESSAGING.system]: system, [MESSAGING.destination]: topic, [MESSAGING.operationName]: 'publish', [MESSAGING.operationType]: 'send', [MESSAGING.batchCount]: messageCount } },
    parent,
  );
}

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key?: string;
  group: string;
  headers?: MessageHeaders;
}

/** `<topic> process` (CONSUMER), a child of the producer's span found in the record's headers. */
export function startProcessSpan(record: ConsumedRecord): Span {
  const attributes: Attributes = {
    [MESSAGING.system]: 'kafka',
    [MESSAGING.destination]: record.topic,
    [MESSAGING.partition]: String(record.partition),
    [MESSAGING.operationName]: 'process',
    [MESSAGING.operationType]: 'process',
    [MESSAGING.consumerGroup]: record.group,
    [MESSAGING.offset]: Number(record.offset),
  };
  if (record.key !== undefined) attributes[MESSAGING.key] = record.key;
  return tracer().startSpan(`${record.topic} process`, { kind: SpanKind.CONSUMER, attributes }, contextFromHeaders(record.headers));
}

/** Ends a span, marking it failed (with the exception recorded) when `error` is given. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : new Error(String(error)));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Defaults to the active context. */
  parent?: Context;
}

/** Runs `work` with a new span active, so spans and log lines inside it belong to it. */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return work(UNTRACED_SPAN);
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, options.parent ?? contextApi.active());
  try {
    const result = await contextApi.with(trace.setSpan(options.parent ?? contextApi.active(), span), () => work(span));
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

/** `trace_id` / `span_id` of the active span, for log lines; empty outside a sampled span. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  // Unsampled spans are never exported: an id pointing nowhere would only mislead.
  if (!(traceFlags & 1)) return {};
  return { trace_id: traceId, span_id: spanId };
}

export { SpanKind, type Span, type Context };
