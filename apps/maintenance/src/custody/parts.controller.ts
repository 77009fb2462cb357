import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PartId, RecordPartEventBody } from '@fleettwin/contracts';
import type { Dossier } from '@fleettwin/merkle-log';
import { ApiError } from '@fleettwin/platform';
import { actorFrom, MissingIdentity } from './custody-actor';
import { CustodyLedger, PartRefused } from './custody-ledger.service';
import { HTTP_STATUS } from './custody-status';
import { toPartCommand } from './part-command';
import { partView, type PartView } from './part-status';

type IncomingHeaders = Record<string, string | string[] | undefined>;

/** `/v1/parts`: record custody facts, read a part's status and history, download its dossier. */
@Controller('v1/parts')
export class PartsController {
  constructor(private readonly ledger: CustodyLedger) {}

  @Post(':partId/events')
  @HttpCode(201)
  async record(@Param('partId') rawPartId: string, @Body() body: unknown, @Headers() headers: IncomingHeaders) {
    const partId = validPartId(rawPartId);
    const actor = identity(headers);
    const parsed = RecordPartEventBody.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(400, 'INVALID_REQUEST', 'the body is not a custody command', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    const now = parsed.data.occurredAt ? new Date(parsed.data.occurredAt).toISOString() : new Date().toISOString();
    try {
      const { part, records } = await this.ledger.record(toPartCommand(partId, parsed.data, actor, parsed.data.commandId ?? randomUUID(), now));
      return { part: partView(part), events: records.map(({ record, leafIndex }) => ({ sequence: record.sequence, type: record.event.type, hash: record.hash, leafIndex })) };
    } catch (error) {
      if (error instanceof PartRefused) throw new ApiError(HTTP_STATUS[error.rejection.code], error.rejection.code, error.rejection.message);
      throw error;
    }
  }

  @Get(':partId')
  async get(@Param('partId') partId: string): Promise<PartView> {
    const part = await this.ledger.find(validPartId(partId));
    if (!part) throw notFound(partId);
    return partView(part);
  }

  @Get(':partId/history')
  async history(@Param('partId') partId: string) {
    const logged = await this.ledger.history(validPartId(partId));
    if (!logged.length) throw notFound(partId);
    return { partId, events: logged.map(({ record, leafIndex }) => ({ ...record, leafIndex })) };
  }

  @Get(':partId/dossier')
  async dossier(@Param('partId') partId: string): Promise<Dossier> {
    const dossier = await this.ledger.dossier(validPartId(partId));
    if (!dossier) throw notFound(partId);
    return dossier;
  }
}

function validPartId(partId: string): string {
  const parsed = PartId.safeParse(partId);
  if (!parsed.success) throw new ApiError(400, 'INVALID_REQUEST', `partId: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function identity(headers: IncomingHeaders) {
  try {
    return actorFrom((name) => headers[name]);
  } catch (error) {
    if (error instanceof MissingIdentity) throw new ApiError(400, 'IDENTITY_REQUIRED', error.message);
    throw error;
  }
}

function notFound(partId: string): ApiError {
  return new ApiError(404, 'PART_NOT_FOUND', `no part ${partId}`);
}
