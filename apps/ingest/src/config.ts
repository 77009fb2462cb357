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
  /** prod refuses to start without device authentication (docs/reliability.md, "Security"). */
  FLEETTWIN_ENV: z.enum(['dev', 'test', 'prod']).default('dev'),
  /** `required`: every HTTP batch carries `Authorization: Bearer <device token>` for the assets it holds. */
  DEVICE_AUTH: z.enum(['off', 'required']).default('off'),
  /** Device-token keys, `keyId:base64secret` per line or comma-separated; or the file that holds them (a mounted Secret). */
  DEVICE_TOKEN_KEYS: z.string().min(1).optional(),
  DEVICE_TOKEN_KEYS_FILE: z.string().min(1).optional(),
  /** A frame whose seq is not above the asset's last accepted one: `drop` = 202 counted as duplicate, `reject` = 409 / DLQ. */
  REPLAY_POLICY: z.enum(['drop', 'reject']).default('drop'),
  /** Frames older / further in the future than this (seconds, against ingest's clock) are refused; 0 turns the bound off. */
  TELEMETRY_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(0),
  TELEMETRY_MAX_FUTURE_SECONDS: z.coerce.number().int().min(0).default(0),
  /** ingest's own MQTT account (the broker's password file and ACL: fleettwin mqtt-credentials); the password from env or a mounted file. */
  MQTT_USERNAME: z.string().min(1).optional(),
  MQTT_PASSWORD: z.string().min(1).optional(),
  MQTT_PASSWORD_FILE: z.string().min(1).optional(),
})
  .refine((c) => c.FLEETTWIN_ENV !== 'prod' || c.DEVICE_AUTH === 'required', { message: 'DEVICE_AUTH must be required when FLEETTWIN_ENV=prod', path: ['DEVICE_AUTH'] })
  .refine((c) => c.DEVICE_AUTH !== 'required' || Boolean(c.DEVICE_TOKEN_KEYS) !== Boolean(c.DEVICE_TOKEN_KEYS_FILE), {
    message: 'DEVICE_AUTH=required needs exactly one of DEVICE_TOKEN_KEYS or DEVICE_TOKEN_KEYS_FILE',
    path: ['DEVICE_TOKEN_KEYS'],
  })
  .refine((c) => !(c.MQTT_PASSWORD && c.MQTT_PASSWORD_FILE), { message: 'set MQTT_PASSWORD or MQTT_PASSWORD_FILE, not both', path: ['MQTT_PASSWORD'] });
export type IngestConfig = z.infer<typeof IngestConfig>;
