import { z } from 'zod';
import { BaseConfig } from '@fleettwin/platform';

export const TwinStateConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3002),
  TWIN_STATE_GROUP: z.string().min(1).default('twin-state'),
  TELEMETRY_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(12),
  STUCK_AFTER_FRAMES: z.coerce.number().int().min(2).default(10),
  MQTT_URL: z.string().regex(/^mqtts?:\/\//, 'must be an mqtt:// or mqtts:// URL').default('mqtt://127.0.0.1:1883'),
  MQTT_TOPIC_ROOT: z.string().regex(/^[A-Za-z0-9_-]+$/, 'one MQTT topic level: letters, digits, "_" or "-"').default('fleet'),
  /** twin-state's own broker account (fleettwin mqtt-credentials --twin-state-password-file); the password from env or a mounted file. */
  MQTT_USERNAME: z.string().min(1).optional(),
  MQTT_PASSWORD: z.string().min(1).optional(),
  MQTT_PASSWORD_FILE: z.string().min(1).optional(),
  TWIN_SNAPSHOT_EVERY: z.coerce.number().int().min(1).default(100),
  COMMAND_SWEEP_MS: z.coerce.number().int().min(50).max(60000).default(1000),
});
export type TwinStateConfig = z.infer<typeof TwinStateConfig>;
