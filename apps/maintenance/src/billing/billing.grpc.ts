import { status as GrpcStatus, type sendUnaryData, type ServerUnaryCall, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { BillingPeriod, ContractId, TenantId, type BillingEntry } from '@fleettwin/contracts';
import { AccessRefused, type ErpCredentials } from '../grpc/erp-credentials';
import { readLedger } from './ledger.store';

type Request = Record<string, unknown>;

const WATCH_POLL_MS = 200;
const WATCH_PAGE = 500;

class InvalidArgument extends Error {}

/** `fleettwin.billing.v1.BillingService`: the contract ledger for ERP, listed by page or watched from a cursor. */
export function billingService(pool: Pool, logger: Logger, credentials: ErpCredentials): UntypedServiceImplementation {
  return {
    List: (call: ServerUnaryCall<Request, unknown>, callback: sendUnaryData<unknown>) => {
      let query: { tenant: string; contractId?: string; period?: string; after: number; limit: number };
      try {
        const tenant = tenantOf(call.request);
        credentials.authorise(call.metadata, tenant);
        const pageSize = Math.min(Math.max(Number(call.request.pageSize) || 100, 1), 1000);
        query = { tenant, ...filters(call.request), after: cursorOf(call.request.pageToken, 'pageToken'), limit: pageSize + 1 };
      } catch (error) {
        return callback(refusal(error));
      }
      readLedger(pool, query).then(
        (page) => {
          const entries = page.slice(0, query.limit - 1);
          const last = entries[entries.length - 1];
          callback(null, { entries: entries.map(toMessage), nextPageToken: page.length >= query.limit && last ? String(last.sequence) : '' });
        },
        (error: unknown) => {
          logger.error({ err: error }, 'billing List failed');
          callback({ code: GrpcStatus.INTERNAL, details: 'internal error' });
        },
      );
    },
    Watch: (call: ServerWritableStream<Request, unknown>) => void watch(call, pool, logger, credentials),
  };
}

/**
 * Every entry of the tenant after the client's cursor (the ledger sequence), then new ones as
 * they are recorded. Sequences are dense and commit in order, so resuming from the last cursor
 * seen neither skips nor repeats an entry.
 */
async function watch(call: ServerWritableStream<Request, unknown>, pool: Pool, logger: Logger, credentials: ErpCredentials): Promise<void> {
  let query: { tenant: string; contractId?: string; after: number; limit: number };
  try {
    const tenant = tenantOf(call.request);
    credentials.authorise(call.metadata, tenant);
    query = { tenant, ...filters({ contractId: call.request.contractId }), after: cursorOf(call.request.cursor, 'cursor'), limit: WATCH_PAGE };
  } catch (error) {
    const { code, details } = refusal(error);
    call.destroy(Object.assign(new Error(details), { code }));
    return;
  }
  try {
    while (!call.cancelled) {
      const entries = await readLedger(pool, query);
      for (const entry of entries) {
        if (call.cancelled) return;
        call.write(toMessage(entry));
        query.after = entry.sequence;
      }
      if (entries.length < WATCH_PAGE) await new Promise((r) => setTimeout(r, WATCH_POLL_MS));
    }
  } catch (error) {
    logger.error({ err: error }, 'billing watch failed');
    call.destroy(Object.assign(new Error('watch failed; resume from the last cursor'), { code: GrpcStatus.UNAVAILABLE }));
  }
}

export function toMessage(entry: BillingEntry) {
  return {
    cursor: String(entry.sequence),
    entryId: entry.entryId,
    tenant: entry.tenant,
    contractId: entry.contractId,
    assetId: entry.assetId,
    currency: entry.currency,
    period: entry.period,
    kind: entry.kind,
    amountMinor: String(entry.amountMinor),
    termsVersion: entry.termsVersion,
    occurredAt: entry.occurredAt,
    source: { streamId: entry.source.streamId, version: String(entry.source.version) },
    detailJson: JSON.stringify(entry.detail),
  };
}

function tenantOf(req: Request): string {
  const parsed = TenantId.safeParse(req.tenant);
  if (!parsed.success) throw new InvalidArgument(`tenant: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function filters(req: Request): { contractId?: string; period?: string } {
  const out: { contractId?: string; period?: string } = {};
  if (typeof req.contractId === 'string' && req.contractId) {
    if (!ContractId.safeParse(req.contractId).success) throw new InvalidArgument('contractId is not a contract id');
    out.contractId = req.contractId;
  }
  if (typeof req.period === 'string' && req.period) {
    if (!BillingPeriod.safeParse(req.period).success) throw new InvalidArgument('period must be YYYY-MM');
    out.period = req.period;
  }
  return out;
}

function cursorOf(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const text = String(value);
  if (!/^\d{1,15}$/.test(text)) throw new InvalidArgument(`${field} must be a cursor returned by this service`);
  return Number(text);
}

function refusal(error: unknown): { code: GrpcStatus; details: string } {
  if (error instanceof AccessRefused) return { code: error.code, details: error.message };
  if (error instanceof InvalidArgument) return { code: GrpcStatus.INVALID_ARGUMENT, details: error.message };
  throw error;
}
