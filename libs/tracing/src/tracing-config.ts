import { z } from 'zod';

/** The standard OpenTelemetry variables this service honours (the OTel SDK environment specification). */
export const TracingEnv = z.object({
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().optional(),
  OTEL_TRACES_SAMPLER: z.enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio']).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.string().optional(),
  OTEL_SDK_DISABLED: z.string().optional(),
});

export type SamplerConfig =
  | { kind: 'always_on' | 'always_off'; parentBased: boolean }
  | { kind: 'traceidratio'; parentBased: boolean; ratio: number };

export interface TracingConfig {
  serviceName: string;
  /** Where spans are POSTed as OTLP/HTTP JSON, e.g. `http://otel-collector:4318/v1/traces`. */
  tracesUrl: string;
  sampler: SamplerConfig;
}

/**
 * Tracing settings from the environment, or undefined when no OTLP endpoint is configured (or
 * `OTEL_SDK_DISABLED=true`): then tracing stays off and costs next to nothing. The signal-specific
 * endpoint is used as is; the generic one gets `/v1/traces` appended, as the specification says.
 */
export function tracingConfigFromEnv(env: NodeJS.ProcessEnv, defaultServiceName: string): TracingConfig | undefined {
  const parsed = TracingEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid tracing configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const vars = parsed.data;
  if (vars.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const tracesUrl = tracesEndpoint(vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, vars.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (!tracesUrl) return undefined;
  return {
    serviceName: vars.OTEL_SERVICE_NAME?.trim() || defaultServiceName,
    tracesUrl,
    sampler: samplerConfig(vars.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on', vars.OTEL_TRACES_SAMPLER_ARG),
  };
}

function tracesEndpoint(signal: string | undefined, generic: string | undefined): string | undefined {
  if (signal?.trim()) return checkedUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', signal.trim());
  if (!generic?.trim()) return undefined;
  const base = checkedUrl('OTEL_EXPORTER_OTLP_ENDPOINT', generic.trim());
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

function checkedUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`invalid tracing configuration: ${name}: not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`invalid tracing configuration: ${name}: must be http(s), got ${url.protocol}`);
  return value;
}

function samplerConfig(name: NonNullable<z.infer<typeof TracingEnv>['OTEL_TRACES_SAMPLER']>, arg: string | undefined): SamplerConfig {
  const parentBased = name.startsWith('parentbased_');
  const kind = name.replace('parentbased_', '') as SamplerConfig['kind'];
  if (kind !== 'traceidratio') return { kind, parentBased };
  // The specification's default ratio is 1.0; a value outside [0, 1] is refused rather than clamped.
  const ratio = arg === undefined || arg.trim() === '' ? 1 : Number(arg);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) throw new Error(`invalid tracing configuration: OTEL_TRACES_SAMPLER_ARG: a ratio between 0 and 1, got ${arg}`);
  return { kind, parentBased, ratio };
}
