import type { MqttTelemetryPayload, TelemetryFrame } from '@fleettwin/contracts';
import type { SimulatedFrame } from './simulation';

export const DEFAULT_TOPIC_ROOT = 'fleet';

/** `{root}/{tenant}/{assetId}/telemetry`, the topic ingest subscribes to. */
export function telemetryTopic(root: string, tenant: string, assetId: string): string {
  return `${root}/${tenant}/${assetId}/telemetry`;
}

export function toTelemetryFrame(frame: SimulatedFrame): TelemetryFrame {
  return { tenant: frame.tenant, assetId: frame.assetId, ts: frame.ts, seq: frame.seq, readings: frame.readings };
}

export function toMqttPayload(frame: SimulatedFrame): MqttTelemetryPayload {
  return { ts: frame.ts, seq: frame.seq, readings: frame.readings };
}

/** The bytes to publish over MQTT: the bad payload when the frame is deliberately invalid. */
export function mqttBody(frame: SimulatedFrame): string {
  if (frame.bad) return frame.bad.kind === 'malformed-json' ? frame.bad.body : JSON.stringify(withoutAddress(frame.bad.payload));
  return JSON.stringify(toMqttPayload(frame));
}

// The topic carries tenant and asset on MQTT, so the payload must not repeat them (strict schema).
function withoutAddress(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) return payload;
  const { tenant: _tenant, assetId: _assetId, ...rest } = payload as Record<string, unknown>;
  return rest;
}
