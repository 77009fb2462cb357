import { z } from 'zod';

/** Settings every service shares; each service extends this with its own. */
export const BaseConfig = z.object({
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:9092'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/fleettwin'),
  TOPIC_NAMESPACE: z.string().regex(/^[a-z0-9.-]*$/, 'lowercase letters, digits, "." and "-" only').default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  // OpenTelemetry's standard variables (libs/tracing reads them); no endpoint means tracing is off.
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().optional(),
  OTEL_TRACES_SAMPLER: z.string().optional(),
  OTEL_TRACES_SAMPLER_ARG: z.string().optional(),
});

export class ConfigError extends Error {}

/**
 * Reads and validates the environment once at start-up. A missing or bad value stops the service
 * with a message naming the variable, instead of failing later somewhere far away.
 */
export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

export function brokerList(brokers: string): string[] {
  return brokers.split(',').map((b) => b.trim()).filter(Boolean);
}
