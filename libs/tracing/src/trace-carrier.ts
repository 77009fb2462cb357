import { context as contextApi, propagation, ROOT_CONTEXT, trace, type Context, type Span, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';

/** What travels between processes: W3C `traceparent` and, when present, `tracestate`. */
export type TraceCarrier = Readonly<Record<string, string>>;

/** Kafka record headers as kafkajs hands them over: bytes or text, sometimes repeated. */
export type MessageHeaders = Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;

export const messageHeadersGetter: TextMapGetter<MessageHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    // The last value wins if a header repeats, as with a proxy that appended its own.
    const single = Array.isArray(value) ? value[value.length - 1] : value;
    return single === undefined ? undefined : single.toString();
  },
};

export const recordHeadersSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/** The context a consumed record's headers carry (the producer's span), or the root context. */
export function contextFromHeaders(headers: MessageHeaders | undefined): Context {
  return headers ? propagation.extract(ROOT_CONTEXT, headers, messageHeadersGetter) : ROOT_CONTEXT;
}

/** A stored carrier back to a context, e.g. the one an outbox row kept. */
export function contextFromCarrier(carrier: TraceCarrier | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier, messageHeadersGetter) : ROOT_CONTEXT;
}

/** The trace headers for `ctx` (default: the active context); undefined when it carries no span. */
export function carrierFor(ctx: Context = contextApi.active()): TraceCarrier | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier, recordHeadersSetter);
  return carrier.traceparent ? carrier : undefined;
}

/** Headers with the trace context of `ctx` added; a record that already names its parent keeps it. */
export function withTraceHeaders(headers: Record<string, string> | undefined, ctx: Context = contextApi.active()): Record<string, string> | undefined {
  if (headers?.traceparent) return headers;
  const carrier = carrierFor(ctx);
  return carrier ? { ...headers, ...carrier } : headers;
}

/** The trace headers naming `span` as the parent. */
export function carrierOfSpan(span: Span): TraceCarrier | undefined {
  return carrierFor(trace.setSpan(ROOT_CONTEXT, span));
}

/** Runs `work` with the stored/received trace context active (as is when there is none). */
export function withTraceContext<T>(carrier: TraceCarrier | undefined, work: () => T): T {
  return carrier ? contextApi.with(contextFromCarrier(carrier), work) : work();
}
