import type { KafkaMessage } from 'kafkajs';
import type { LiveUpdate, LiveUpdateType } from '@fleettwin/contracts';

interface StoredEvent {
  streamId?: unknown;
  type?: unknown;
  data?: unknown;
}

/**
 * Reads one event from a source topic into a live update. Events without a tenant in `data.tenant`
 * are dropped: an update nobody can be proven to own is never sent to anyone.
 */
export function toLiveUpdate(type: LiveUpdateType, message: KafkaMessage, fallbackId: string): LiveUpdate | undefined {
  if (!message.value) return undefined;
  let event: StoredEvent;
  try {
    event = JSON.parse(message.value.toString('utf8')) as StoredEvent;
  } catch {
    return undefined;
  }
  if (typeof event !== 'object' || event === null || typeof event.data !== 'object' || event.data === null) return undefined;
  const data = event.data as Record<string, unknown>;
  if (typeof data.tenant !== 'string' || !data.tenant) return undefined;
  const ceId = message.headers?.ce_id?.toString();
  return {
    type,
    id: ceId || fallbackId,
    tenant: data.tenant,
    eventType: typeof event.type === 'string' ? event.type : 'unknown',
    ...(typeof event.streamId === 'string' ? { streamId: event.streamId } : {}),
    data,
  };
}
