import type { PoolClient } from 'pg';
import { z } from 'zod';
import { ContractTermsBody, describeIssues } from '@fleettwin/contracts';
import type { LedgerInput } from '@fleettwin/domain-contract';
import type { StoredEvent } from '@fleettwin/event-store';

export const USAGE_STREAM_PREFIX = 'usage-';
export const usageStreamId = (assetId: string): string => `${USAGE_STREAM_PREFIX}${assetId}`;

const Instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a timestamp');
const Stamp = { tenant: z.string().min(1), at: Instant };
const ContractStamp = { ...Stamp, contractId: z.string().min(1), by: z.string(), idempotencyKey: z.string() };
const WorkStamp = { ...Stamp, workOrderId: z.string().min(1) };
const Health = z.object({ healthIndex: z.number().finite(), failureProbability: z.number().min(0).max(1) });
const Terms = ContractTermsBody.transform((t) => ({ ...t, availability: t.availability ?? null, completion: t.completion ?? null }));

/** What the ledger accepts of each event type it reads; anything else in the store is not its business. */
const SCHEMAS: Record<string, z.ZodType<Record<string, unknown>>> = {
  ContractCreated: z.object({ ...ContractStamp, assetId: z.string().min(1), currency: z.string().regex(/^[A-Z]{3}$/), terms: Terms, effectiveFrom: Instant }).passthrough(),
  ContractAmended: z.object({ ...ContractStamp, termsVersion: z.number().int().positive(), terms: Terms, effectiveFrom: Instant }).passthrough(),
  BillingPeriodClosed: z.object({ ...ContractStamp, period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).passthrough(),
  UsageMetered: z.object({ tenant: z.string().min(1), assetId: z.string().min(1), cycleKey: z.string().min(1), endedAt: Instant, runningMs: z.number().int().nonnegative() }).passthrough(),
  WorkOrderScheduled: z.object({ ...WorkStamp, scheduledFor: Instant }).passthrough(),
  WorkStarted: z.object(WorkStamp).passthrough(),
  WorkOrderCompleted: z.object(WorkStamp).passthrough(),
  WorkOrderCancelled: z.object(WorkStamp).passthrough(),
  EffectVerified: z.object({ ...WorkStamp, outcome: z.enum(['verified', 'ineffective']), before: Health, after: Health }).passthrough(),
};

const STREAM_OF: Record<string, string> = {
  ContractCreated: 'contract-',
  ContractAmended: 'contract-',
  BillingPeriodClosed: 'contract-',
  UsageMetered: USAGE_STREAM_PREFIX,
  WorkOrderScheduled: 'work-order-',
  WorkStarted: 'work-order-',
  WorkOrderCompleted: 'work-order-',
  WorkOrderCancelled: 'work-order-',
  EffectVerified: 'work-order-',
};

export type ParsedInput = { ok: true; input: LedgerInput } | { ok: false; reason: string } | undefined;

/**
 * A stored event → a ledger input: undefined for events the ledger does not read, a refusal with
 * the reason for one it reads but cannot (it is skipped, by every fold alike, and dead-lettered).
 */
export function parseLedgerInput(event: Pick<StoredEvent, 'streamId' | 'version' | 'type' | 'data'>): ParsedInput {
  const prefix = STREAM_OF[event.type];
  const schema = SCHEMAS[event.type];
  if (!prefix || !schema || !event.streamId.startsWith(prefix)) return undefined;
  const parsed = schema.safeParse(event.data);
  if (!parsed.success) {
    const first = describeIssues(parsed.error)[0];
    return { ok: false, reason: `${event.type} ${event.streamId}@${event.version}: ${first?.path}: ${first?.message}` };
  }
  return { ok: true, input: { type: event.type, data: parsed.data, source: { streamId: event.streamId, version: event.version } } as LedgerInput };
}

/** A ledger input with the asset whose ledger it belongs to. */
export interface AssetInput {
  assetId: string;
  input: LedgerInput;
}

/**
 * Work-order events name their order, later contract events their contract; the asset comes from
 * the (immutable) order → asset and contract → asset mappings of the read models.
 */
export async function assetOf(client: PoolClient, input: LedgerInput, cache: Map<string, string | null>): Promise<string | null> {
  switch (input.type) {
    case 'ContractCreated':
    case 'UsageMetered':
      return input.data.assetId;
    case 'ContractAmended':
    case 'BillingPeriodClosed':
      return lookup(client, cache, `c:${input.data.contractId}`, 'SELECT asset_id FROM contracts WHERE contract_id = $1', input.data.contractId);
    default:
      return lookup(client, cache, `w:${input.data.workOrderId}`, 'SELECT asset_id FROM work_orders WHERE work_order_id = $1', input.data.workOrderId);
  }
}

async function lookup(client: PoolClient, cache: Map<string, string | null>, key: string, sql: string, id: string): Promise<string | null> {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const { rows } = await client.query<{ asset_id: string }>(sql, [id]);
  const assetId = rows[0]?.asset_id ?? null;
  cache.set(key, assetId);
  return assetId;
}
