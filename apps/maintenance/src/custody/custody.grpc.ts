import { randomUUID } from 'node:crypto';
import { status as GrpcStatus, type Metadata, type sendUnaryData, type ServerUnaryCall, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { PartId, RecordPartEventBody } from '@fleettwin/contracts';
import type { Part } from '@fleettwin/domain-part';
import { PostgresEventStore } from '@fleettwin/event-store';
import { AccessRefused, type ErpCredentials } from '../grpc/erp-credentials';
import { actorFrom, MissingIdentity, type CustodyActor } from './custody-actor';
import { CustodyLedger, PartRefused, partStreamId } from './custody-ledger.service';
import { grpcStatusOf } from './custody-status';
import { toPartCommand } from './part-command';
import { partStatus } from './part-status';

type Request = Record<string, unknown>;
type Unary = (call: ServerUnaryCall<Request, unknown>, callback: sendUnaryData<unknown>) => void;

class InvalidArgument extends Error {}
class NotFound extends Error {}

const WATCH_POLL_MS = 200;

/** `fleettwin.custody.v1.CustodyService`: the custody ledger for ERP/MRO systems. */
export function custodyService(ledger: CustodyLedger, pool: Pool, logger: Logger, credentials: ErpCredentials): UntypedServiceImplementation {
  const store = new PostgresEventStore(pool);
  return {
    Record: unary(logger, async (req, metadata) => {
      const actor = recorder(metadata, credentials);
      const partId = partIdOf(req);
      const body = RecordPartEventBody.safeParse({ command: req.command, data: jsonData(req.dataJson), ...optionalFields(req) });
      if (!body.success) throw new InvalidArgument(body.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
      const now = body.data.occurredAt ? new Date(body.data.occurredAt).toISOString() : new Date().toISOString();
      const { part, records } = await ledger.record(toPartCommand(partId, body.data, actor, body.data.commandId ?? randomUUID(), now));
      return { part: toPartMessage(part), events: records.map(({ record, leafIndex }) => ({ sequence: String(record.sequence), type: record.event.type, hash: record.hash, leafIndex: String(leafIndex) })) };
    }),
    Get: unary(logger, async (req, metadata) => {
      reader(metadata, credentials);
      const part = await ledger.find(partIdOf(req));
      if (!part) throw new NotFound(`no part ${String(req.partId)}`);
      return toPartMessage(part);
    }),
    History: unary(logger, async (req, metadata) => {
      reader(metadata, credentials);
      const partId = partIdOf(req);
      const logged = await ledger.history(partId);
      if (!logged.length) throw new NotFound(`no part ${partId}`);
      return {
        partId,
        events: logged.map(({ record, leafIndex }) => ({
          sequence: String(record.sequence),
          leafIndex: String(leafIndex),
          type: (record.event as { type?: string }).type ?? '',
          hash: record.hash,
          prevHash: record.prevHash,
          eventJson: JSON.stringify(record.event),
        })),
      };
    }),
    Dossier: unary(logger, async (req, metadata) => {
      reader(metadata, credentials);
      const partId = partIdOf(req);
      const dossier = await ledger.dossier(partId);
      if (!dossier) throw new NotFound(`no part ${partId}`);
      return { dossierJson: JSON.stringify(dossier) };
    }),
    Watch: (call: ServerWritableStream<Request, unknown>) => void watch(call, store, logger, credentials),
  };
}

/**
 * Every custody event after the client's cursor (the event store position), each with the cursor
 * to resume from, then new ones as they are recorded, until the client goes away.
 */
async function watch(call: ServerWritableStream<Request, unknown>, store: PostgresEventStore, logger: Logger, credentials: ErpCredentials): Promise<void> {
  let cursor: number;
  let onlyStream: string | undefined;
  try {
    reader(call.metadata, credentials);
    cursor = call.request.cursor ? Number.parseInt(String(call.request.cursor), 10) : 0;
    if (!Number.isSafeInteger(cursor) || cursor < 0) throw new InvalidArgument('cursor must be a cursor returned by an earlier change');
    onlyStream = call.request.partId ? partStreamId(partIdOf(call.request)) : undefined;
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
        if (!event.streamId.startsWith('part-') || (onlyStream && event.streamId !== onlyStream) || call.cancelled) continue;
        call.write({
          cursor: String(event.position),
          partId: event.streamId.slice('part-'.length),
          eventType: event.type,
          version: String(event.version),
          eventJson: JSON.stringify({ type: event.type, data: event.data, metadata: event.metadata }),
        });
      }
      if (!events.length) await new Promise((r) => setTimeout(r, WATCH_POLL_MS));
    }
  } catch (error) {
    logger.error({ err: error }, 'custody watch failed');
    call.destroy(Object.assign(new Error('watch failed; resume from the last cursor'), { code: GrpcStatus.UNAVAILABLE }));
  }
}

function unary(logger: Logger, handler: (req: Request, metadata: Metadata) => Promise<unknown>): Unary {
  return (call, callback) => {
    handler(call.request, call.metadata).then(
      (response) => callback(null, response),
      (error: unknown) => {
        if (error instanceof PartRefused) return callback({ code: grpcStatusOf(error.rejection.code), details: `${error.rejection.code}: ${error.rejection.message}` });
        if (error instanceof InvalidArgument || error instanceof MissingIdentity) return callback({ code: GrpcStatus.INVALID_ARGUMENT, details: error.message });
        if (error instanceof NotFound) return callback({ code: GrpcStatus.NOT_FOUND, details: error.message });
        if (error instanceof AccessRefused) return callback({ code: error.code, details: error.message });
        logger.error({ err: error }, 'custody gRPC call failed');
        callback({ code: GrpcStatus.INTERNAL, details: 'internal error' });
      },
    );
  };
}

const header = (metadata: Metadata) => (name: string) => {
  const value = metadata.get(name)[0];
  return value === undefined ? undefined : value.toString();
};

/** Recording needs the acting organisation and user; with API keys configured, the key must be the organisation's. */
function recorder(metadata: Metadata, credentials: ErpCredentials): CustodyActor {
  const read = header(metadata);
  if (!read('x-organisation')) credentials.authorise(metadata, '');
  const actor = actorFrom(read);
  credentials.authorise(metadata, actor.organisation.id);
  return actor;
}

/** Reading needs a valid key when keys are configured; the organisation names whose key it is. */
function reader(metadata: Metadata, credentials: ErpCredentials): void {
  credentials.authorise(metadata, header(metadata)('x-organisation') ?? '');
}

function partIdOf(req: Request): string {
  const parsed = PartId.safeParse(req.partId);
  if (!parsed.success) throw new InvalidArgument(`part_id: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function jsonData(text: unknown): unknown {
  if (typeof text !== 'string' || !text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidArgument('data_json is not JSON');
  }
}

function optionalFields(req: Request): { commandId?: string; occurredAt?: string } {
  return {
    ...(typeof req.commandId === 'string' && req.commandId ? { commandId: req.commandId } : {}),
    ...(typeof req.occurredAt === 'string' && req.occurredAt ? { occurredAt: req.occurredAt } : {}),
  };
}

function toPartMessage(part: Part) {
  return {
    partId: part.partId,
    status: partStatus(part),
    quarantined: part.quarantine !== null,
    quarantineReasons: part.quarantine?.reasons ?? [],
    released: part.released,
    ownerId: part.owner.id,
    lifeConsumed: part.consumed,
    version: String(part.version),
    stateJson: JSON.stringify(part),
  };
}
