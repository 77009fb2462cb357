import type { PoolClient } from 'pg';
import type { LedgerInput } from '@fleettwin/domain-contract';
import type { StoredEvent } from '@fleettwin/event-store';

export const USAGE_STREAM_PREFIX = 'usage-';
export const usageStreamId = (assetId: string): string => `${USAGE_STREAM_PREFIX}${assetId}`;

const CONTRACT_TYPES = new Set(['ContractCreated', 'ContractAmended', 'BillingPeriodClosed']);
const WORK_TYPES = new Set(['WorkOrderScheduled', 'WorkStarted', 'WorkOrderCompleted', 'WorkOrderCancelled', 'EffectVerified']);

/** A stored event the ledger reads, with the asset whose ledger it belongs to; undefined for the rest of the store. */
export interface AssetInput {
  assetId: string;
  input: LedgerInput;
}

/**
 * Maps the maintenance event store onto ledger inputs: contract events, metered usage and the
 * work-order facts that move money (shop visits, completions, effect checks). Work-order events
 * name their order, not the asset, so the asset comes from the (immutable) order → asset mapping.
 */
export async function toLedgerInput(client: PoolClient, event: StoredEvent, assets: Map<string, string | null>): Promise<AssetInput | undefined> {
  const source = { streamId: event.streamId, version: event.version };
  const data = event.data as Record<string, unknown>;
  if (event.streamId.startsWith('contract-') && CONTRACT_TYPES.has(event.type)) {
    const assetId = typeof data.assetId === 'string' ? data.assetId : await lookup(client, assets, `c:${String(data.contractId)}`, 'SELECT asset_id FROM contracts WHERE contract_id = $1', String(data.contractId));
    return assetId ? { assetId, input: { type: event.type, data, source } as LedgerInput } : undefined;
  }
  if (event.streamId.startsWith(USAGE_STREAM_PREFIX) && event.type === 'UsageMetered') {
    return { assetId: String(data.assetId), input: { type: 'UsageMetered', data, source } as LedgerInput };
  }
  if (event.streamId.startsWith('work-order-') && WORK_TYPES.has(event.type)) {
    const assetId = await lookup(client, assets, `w:${String(data.workOrderId)}`, 'SELECT asset_id FROM work_orders WHERE work_order_id = $1', String(data.workOrderId));
    return assetId ? { assetId, input: { type: event.type, data, source } as LedgerInput } : undefined;
  }
  return undefined;
}

async function lookup(client: PoolClient, cache: Map<string, string | null>, key: string, sql: string, id: string): Promise<string | null> {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const { rows } = await client.query<{ asset_id: string }>(sql, [id]);
  const assetId = rows[0]?.asset_id ?? null;
  cache.set(key, assetId);
  return assetId;
}
