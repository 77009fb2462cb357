import { z } from 'zod';
import { BaseConfig } from '@fleettwin/platform';

export const IngestConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  MQTT_URL: z.string().regex(/^mqtts?:\/\//, 'must be an mqtt:// or mqtts:// URL').default('mqtt://127.0.0.1:1883'),
  MQTT_TOPIC_ROOT: z.string().regex(/^[A-Za-z0-9_-]+$/, 'one MQTT topic level: letters, digits, "_" or "-"').default('fleet'),
  TELEMETRY_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(12),
  HTTP_BODY_LIMIT: z.string().default('8mb'),
  KAFKA_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  BATCH_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(5),
});
export type IngestConfig = z.infer<typeof IngestConfig>;
