import { status as GrpcStatus, type Metadata, type sendUnaryData, type ServerUnaryCall, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { isStorableInstant, TenantId } from '@fleettwin/contracts';
import { evolve, type WorkOrder, type WorkOrderCommand, type WorkOrderEvent } from '@fleettwin/domain-work-order';
import { PostgresEventStore } from '@fleettwin/event-store';
import { WorkOrderRepository } from '../work-orders/work-order.repository';
import { WorkOrderRefused, WorkOrders } from '../work-orders/work-orders.service';
import { AccessRefused, ErpCredentials } from './erp-credentials';
import { GRPC_STATUS, toMessage } from './work-order.mapping';

type Request = Record<string, unknown>;
type Unary = (call: ServerUnaryCall<Request, unknown>, callback: sendUnaryData<unknown>) => void;
type Handler = (req: Request, metadata: Metadata) => Promise<unknown>;

class InvalidArgument extends Error {}

const WATCH_POLL_MS = 200;
const WORK_ORDER_STREAM = 'work-order-';

/** `fleettwin.maintenance.v1.WorkOrderService`: thin translation between gRPC and the work-order commands. */
export function workOrderService(workOrders: WorkOrders, pool: Pool, logger: Logger, credentials: ErpCredentials): UntypedServiceImplementation {
  const orders = new WorkOrderRepository();
  const store = new PostgresEventStore(pool);

  const tenantOf = (req: Request, metadata: Metadata): string => {
    const id = tenant(req);
    credentials.authorise(metadata, id);
    return id;
  };
  const command = (build: (req: Request, meta: { at: string; actor: string; idempotencyKey: string }) => WorkOrderCommand): Unary =>
    unary(logger, async (req, metadata) => {
      tenantOf(req, metadata);
      const key = text(req, 'idempotencyKey');
      return toMessage(await workOrders.execute(build(req, { at: new Date().toISOString(), actor: optional(req, 'actor') ?? 'erp', idempotencyKey: key })));
    });
  const target = (req: Request) => ({ tenant: tenant(req), workOrderId: text(req, 'id') });

  return {
    List: unary(logger, async (req, metadata) => {
      const pageSize = Math.min(Math.max(Number(req.pageSize) || 100, 1), 1000);
      const after = optional(req, 'pageToken') ? decodeToken(text(req, 'pageToken')) : undefined;
      const page = await orders.list(pool, {
        tenant: tenantOf(req, metadata),
        statuses: (req.status as string[] | undefined) ?? [],
        assetId: optional(req, 'assetId'),
        updatedSince: optional(req, 'updatedSince') === undefined ? undefined : instant(req, 'updatedSince'),
        limit: pageSize + 1,
        after,
      });
      const items = page.slice(0, pageSize);
      const last = items[items.length - 1];
      return { workOrders: items.map(toMessage), nextPageToken: page.length > pageSize && last ? encodeToken(last) : '' };
    }),
    Get: unary(logger, async (req, metadata) => {
      const order = await orders.find(pool, tenantOf(req, metadata), text(req, 'id'));
      if (!order) throw new WorkOrderRefused({ code: 'NOT_FOUND', message: `no work order ${String(req.id)}` });
      return toMessage(order);
    }),
    Watch: (call: ServerWritableStream<Request, unknown>) => void watch(call, store, logger, credentials),
    Acknowledge: command((req, metadata) => ({ type: 'AcknowledgeWorkOrder', data: target(req), metadata })),
    Schedule: command((req, metadata) => ({ type: 'ScheduleWorkOrder', data: { ...target(req), scheduledFor: instant(req, 'scheduledFor'), organisation: optional(req, 'site') ?? null }, metadata })),
    Start: command((req, metadata) => ({ type: 'StartWork', data: { ...target(req), technician: optional(req, 'actor') ?? 'technician' }, metadata })),
    Complete: command((req, metadata) => ({ type: 'CompleteWorkOrder', data: { ...target(req), ...completion(req) }, metadata })),
    Defer: command((req, metadata) => ({ type: 'DeferWorkOrder', data: { ...target(req), reason: text(req, 'reason'), until: optional(req, 'until') ?? null }, metadata })),
    Cancel: command((req, metadata) => ({ type: 'CancelWorkOrder', data: { ...target(req), reason: text(req, 'reason') }, metadata })),
  };
}

/**
 * Sends every work-order change after the client's cursor (the event store position), each with
 * the cursor to resume from, then follows new changes until the client goes away.
 */
async function watch(call: ServerWritableStream<Request, unknown>, store: PostgresEventStore, logger: Logger, credentials: ErpCredentials): Promise<void> {
  let cursor: number;
  let tenantId: string;
  try {
    tenantId = tenant(call.request);
    credentials.authorise(call.metadata, tenantId);
    cursor = call.request.cursor ? Number.parseInt(String(call.request.cursor), 10) : 0;
    if (!Number.isSafeInteger(cursor) || cursor < 0) throw new InvalidArgument('cursor must be a position returned by an earlier change');
  } catch (error) {
    const code = error instanceof AccessRefused ? error.code : GrpcStatus.INVALID_ARGUMENT;
    call.destroy(Object.assign(new Error(error instanceof Error ? error.message : String(error)), { code }));
    return;
  }
  try {
    while (!call.cancelled) {
      const events = await store.readAll({ afterPosition: cursor, limit: 500 });
      for (const event of events) {
        cursor = event.position;
        if (!event.streamId.startsWith(WORK_ORDER_STREAM) || (event.data as { tenant?: string }).tenant !== tenantId) continue;
        const history = await store.readStream(event.streamId, { toVersion: event.version });
        const order = history.reduce<WorkOrder | null>((state, e) => evolve(state, { type: e.type, data: e.data } as WorkOrderEvent), null);
        if (order && !call.cancelled) call.write({ cursor: String(event.position), eventType: event.type, workOrder: toMessage(order) });
      }
      if (!events.length) await new Promise((r) => setTimeout(r, WATCH_POLL_MS));
    }
  } catch (error) {
    logger.error({ err: error }, 'work-order watch failed');
    call.destroy(Object.assign(new Error('watch failed; resume from the last cursor'), { code: GrpcStatus.UNAVAILABLE }));
  }
}

function unary(logger: Logger, handler: Handler): Unary {
  return (call, callback) => {
    const deadline = call.getDeadline();
    if (deadline instanceof Date && deadline.getTime() <= Date.now()) {
      callback({ code: GrpcStatus.DEADLINE_EXCEEDED, details: 'deadline passed before the call was handled' });
      return;
    }
    handler(call.request, call.metadata).then(
      (response) => callback(null, response),
      (error: unknown) => {
        if (error instanceof WorkOrderRefused) return callback({ code: GRPC_STATUS[error.refusal.code], details: `${error.refusal.code}: ${error.refusal.message}` });
        if (error instanceof InvalidArgument) return callback({ code: GrpcStatus.INVALID_ARGUMENT, details: error.message });
        if (error instanceof AccessRefused) return callback({ code: error.code, details: error.message });
        logger.error({ err: error }, 'gRPC call failed');
        callback({ code: GrpcStatus.INTERNAL, details: 'internal error' });
      },
    );
  };
}

function tenant(req: Request): string {
  const parsed = TenantId.safeParse(req.tenant);
  if (!parsed.success) throw new InvalidArgument(`tenant: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function text(req: Request, field: string): string {
  const value = req[field];
  if (typeof value !== 'string' || !value.trim()) throw new InvalidArgument(`${field} is required`);
  if (value.length > 2000) throw new InvalidArgument(`${field} is longer than 2000 characters`);
  return value;
}

function optional(req: Request, field: string): string | undefined {
  const value = req[field];
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function instant(req: Request, field: string): string {
  const value = text(req, field);
  if (Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw new InvalidArgument(`${field} must be an RFC 3339 time`);
  if (!isStorableInstant(value)) throw new InvalidArgument(`${field} must lie between 1900-01-01 and 2200-01-01`);
  return new Date(value).toISOString();
}

function completion(req: Request) {
  const c = (req.completion ?? {}) as Record<string, unknown>;
  const mode = optional(c, 'confirmedFailureMode');
  const serials = (list: unknown) => (Array.isArray(list) ? list.map((p) => String((p as { serial?: unknown }).serial ?? '')).filter(Boolean) : []);
  return {
    findings: text(c, 'findings'),
    outcome: !mode || mode === 'NO-FAULT-FOUND' ? ({ kind: 'no-fault-found' } as const) : ({ kind: 'confirmed', failureModeCode: mode } as const),
    partsRemoved: serials(c.partsRemoved),
    partsInstalled: serials(c.partsInstalled),
    technician: text(c, 'technician'),
    organisation: text(c, 'organisation'),
  };
}

function encodeToken(order: WorkOrder): string {
  return Buffer.from(JSON.stringify({ updatedAt: order.updatedAt, id: order.workOrderId })).toString('base64url');
}

function decodeToken(token: string): { updatedAt: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { updatedAt?: unknown; id?: unknown };
    if (typeof parsed.updatedAt === 'string' && isStorableInstant(parsed.updatedAt) && typeof parsed.id === 'string') return { updatedAt: parsed.updatedAt, id: parsed.id };
  } catch {
    // fall through to the refusal below
  }
  throw new InvalidArgument('pageToken is not one this service issued');
}
