import { z } from 'zod';
import { AssetId, SensorName, TenantId } from './identifiers';

export const MAX_SENSORS_PER_FRAME = 256;
export const MAX_FRAMES_PER_BATCH = 5000;

/**
 * A reading is a finite number, or null when the device itself reported no valid value
 * (a NaN on the wire); the twin flags null readings as non-finite instead of dropping them.
 */
export const ReadingValue = z.number().finite().nullable();

export const Readings = z
  .record(SensorName, ReadingValue)
  .refine((r) => Object.keys(r).length > 0, 'readings must hold at least one sensor')
  .refine((r) => Object.keys(r).length <= MAX_SENSORS_PER_FRAME, `readings may hold at most ${MAX_SENSORS_PER_FRAME} sensors`);

/**
 * Readings are stamped between 1900 and 2199: anything else is a device clock gone wrong, and years
 * such as 0000 or 9999.999… pass ISO-8601 but not PostgreSQL (or round into year 10000 there).
 */
export const EARLIEST_TIMESTAMP = '1900-01-01T00:00:00Z';
export const LATEST_TIMESTAMP = '2200-01-01T00:00:00Z';

/** True for an ISO-8601 instant PostgreSQL stores as written: between {@link EARLIEST_TIMESTAMP} and {@link LATEST_TIMESTAMP}. */
export function isStorableInstant(iso: string): boolean {
  const t = Date.parse(iso);
  return t >= Date.parse(EARLIEST_TIMESTAMP) && t < Date.parse(LATEST_TIMESTAMP);
}

/** An ISO-8601 instant with a zone that is a real moment PostgreSQL stores (`+25:00` offsets and year 0000 are not). */
export const StorableInstant = z
  .string()
  .datetime({ offset: true })
  .refine(isStorableInstant, 'must be a real ISO-8601 instant between 1900-01-01 and 2200-01-01');

export const Timestamp = z
  .string()
  .datetime({ offset: true, message: 'ts must be an ISO-8601 date-time with a time zone' })
  .refine(isStorableInstant, 'ts must lie between 1900-01-01 and 2200-01-01');

/** What a gateway sends over MQTT on `fleet/{tenant}/{assetId}/telemetry`. */
export const MqttTelemetryPayload = z
  .object({
    ts: Timestamp,
    seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    readings: Readings,
  })
  .strict();

/** One frame over HTTP: the MQTT payload plus the addressing MQTT carries in its topic. */
export const TelemetryFrame = MqttTelemetryPayload.extend({ tenant: TenantId, assetId: AssetId }).strict();

export const TelemetryBatch = z
  .object({ frames: z.array(TelemetryFrame).min(1, 'frames must not be empty').max(MAX_FRAMES_PER_BATCH, `a batch holds at most ${MAX_FRAMES_PER_BATCH} frames`) })
  .strict();

export const TelemetryRequest = z.union([TelemetryBatch, TelemetryFrame]);

/** The value of a `fleet.telemetry.v1` record: the frame as accepted, with where and when it arrived. */
export const TelemetryRecorded = TelemetryFrame.extend({
  receivedAt: Timestamp,
  source: z.enum(['mqtt', 'http', 'grpc']),
});

export type MqttTelemetryPayload = z.infer<typeof MqttTelemetryPayload>;
export type TelemetryFrame = z.infer<typeof TelemetryFrame>;
export type TelemetryBatch = z.infer<typeof TelemetryBatch>;
export type TelemetryRecorded = z.infer<typeof TelemetryRecorded>;
