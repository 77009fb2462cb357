import { describeIssues, MqttTelemetryPayload, type FieldIssue, type TelemetryFrame } from '@fleettwin/contracts';

export type DecodedPayload = { ok: true; frame: TelemetryFrame } | { ok: false; reason: string; details?: FieldIssue[] };

export function decodeMqttPayload(bytes: Buffer, tenant: string, assetId: string): DecodedPayload {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not valid JSON' };
  }
  const parsed = MqttTelemetryPayload.safeParse(json);
  if (!parsed.success) {
    const details = describeIssues(parsed.error);
    return { ok: false, reason: `invalid telemetry: ${details[0]?.path}: ${details[0]?.message}`, details };
  }
  return { ok: true, frame: { ...parsed.data, tenant, assetId } };
}
