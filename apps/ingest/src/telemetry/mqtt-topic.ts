import { AssetId, TenantId } from '@fleettwin/contracts';

export type TopicAddress = { ok: true; tenant: string; assetId: string } | { ok: false; reason: string };

/** `{root}/{tenant}/{assetId}/telemetry` → who sent it, validated like any other input. */
export function parseTelemetryTopic(topic: string, root: string): TopicAddress {
  const parts = topic.split('/');
  if (parts.length !== 4 || parts[0] !== root || parts[3] !== 'telemetry') {
    return { ok: false, reason: `topic must be ${root}/{tenant}/{assetId}/telemetry` };
  }
  const tenant = TenantId.safeParse(parts[1]);
  if (!tenant.success) return { ok: false, reason: `invalid tenant in topic: ${tenant.error.issues[0]?.message}` };
  const assetId = AssetId.safeParse(parts[2]);
  if (!assetId.success) return { ok: false, reason: `invalid assetId in topic: ${assetId.error.issues[0]?.message}` };
  return { ok: true, tenant: tenant.data, assetId: assetId.data };
}

export function sharedTelemetrySubscription(root: string): string {
  // A shared subscription: ingest replicas split the stream instead of each getting every frame.
  return `$share/fleettwin-ingest/${root}/+/+/telemetry`;
}
