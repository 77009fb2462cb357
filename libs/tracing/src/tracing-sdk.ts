import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider, type Sampler } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { rateLimitedDiagLogger } from './diag-log';
import { carrierFor, type TraceCarrier } from './trace-carrier';
import { tracingConfigFromEnv, type SamplerConfig, type TracingConfig } from './tracing-config';

let provider: TracerProvider | undefined;

/** True once `startTracing` found an endpoint: adapters skip all span and header work otherwise. */
export function tracingEnabled(): boolean {
  return provider !== undefined;
}

/** The active trace context to store with an appended event (undefined with tracing off or outside a trace). */
export function activeTraceContext(): TraceCarrier | undefined {
  return provider ? carrierFor() : undefined;
}

/**
 * Starts the OpenTelemetry SDK for this process from the standard environment: spans batched and
 * sent as OTLP/HTTP JSON, W3C trace context as the propagator, AsyncLocalStorage for the active
 * span. Without an endpoint nothing is registered and the API stays a no-op. Call once, first thing.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env, warn?: (message: string) => void): TracingConfig | undefined {
  const config = tracingConfigFromEnv(env, serviceName);
  if (!config || provider) return config;
  if (warn) diag.setLogger(rateLimitedDiagLogger(warn), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    sampler: sampler(config.sampler),
    // A consumer batch opens one span per record: a deeper queue than the default 2,048 before spans are dropped.
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.tracesUrl }), scheduledDelayMillis: 1000, maxQueueSize: 16384, maxExportBatchSize: 1024 })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return config;
}

/** Sends the spans still buffered and stops the exporter; part of a graceful shutdown. */
export async function shutdownTracing(): Promise<void> {
  const running = provider;
  if (!running) return;
  provider = undefined;
  await running.shutdown();
}

function sampler(config: SamplerConfig): Sampler {
  const root = config.kind === 'traceidratio' ? new TraceIdRatioBasedSampler(config.ratio) : config.kind === 'always_on' ? new AlwaysOnSampler() : new AlwaysOffSampler();
  return config.parentBased ? new ParentBasedSampler({ root }) : root;
}
