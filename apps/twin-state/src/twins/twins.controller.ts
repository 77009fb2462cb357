import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { Pool } from 'pg';
import { z } from 'zod';
import { AssetId, describeIssues, isStorableInstant, type TwinView } from '@fleettwin/contracts';
import { toTwinView, type Twin, type TwinEvent, type TwinEvolve, type TwinState } from '@fleettwin/domain-twin';
import { loadAggregate, PostgresEventStore, type StoredEvent } from '@fleettwin/event-store';
import { ApiError, PG_POOL } from '@fleettwin/platform';
import { twinStreamId } from './twin-log';
import { TWIN_EVOLVE } from './twin.tokens';

const TwinQuery = z
  .object({ at: z.string().datetime({ offset: true, message: 'at must be an ISO-8601 date-time with a zone' }).refine(isStorableInstant, 'at must lie between 1900-01-01 and 2200-01-01').optional() })
  .strict();

/** Stream versions are PostgreSQL integers; a larger `after` cannot name one. */
const MAX_STREAM_VERSION = 2_147_483_647;

const EventsQuery = z
  .object({
    after: z.coerce.number().int().min(0, 'after is a stream version (0 for the start)').max(MAX_STREAM_VERSION - 1, 'after is a stream version').default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export interface TwinEventsPage {
  assetId: string;
  events: StoredEvent[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: number;
}

@Controller('v1/twins')
export class TwinsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    @Inject(TWIN_EVOLVE) private readonly evolve: TwinEvolve,
  ) {}

  /** The live twin, or with `?at=` the twin as it was at that moment (snapshot + replay of its log). */
  @Get(':assetId')
  async twin(@Param('assetId') assetId: string, @Query() query: Record<string, string>): Promise<TwinView> {
    const id = parseAssetId(assetId);
    const params = TwinQuery.safeParse(query);
    if (!params.success) throw invalidQuery(params.error);
    if (params.data.at) return this.twinAt(id, params.data.at);
    const { rows } = await this.pool.query<{ state: Twin }>('SELECT state FROM twins WHERE asset_id = $1', [id]);
    const twin = rows[0]?.state;
    if (!twin) throw notFound(id);
    return toTwinView(twin);
  }

  /** The twin's own event log, in order, a page at a time. */
  @Get(':assetId/events')
  async events(@Param('assetId') assetId: string, @Query() query: Record<string, string>): Promise<TwinEventsPage> {
    const id = parseAssetId(assetId);
    const params = EventsQuery.safeParse(query);
    if (!params.success) throw invalidQuery(params.error);
    const page = await this.store.readStreamPage(twinStreamId(id), params.data.after, params.data.limit);
    if (!page.events.length && params.data.after === 0) throw notFound(id);
    return { assetId: id, events: page.events, ...(page.next !== undefined ? { next: page.next } : {}) };
  }

  private async twinAt(assetId: string, at: string): Promise<TwinView> {
    const fold = (state: TwinState, event: StoredEvent): TwinState => this.evolve(state, { type: event.type, data: event.data } as TwinEvent);
    const { state, version } = await loadAggregate<TwinState>(this.store, twinStreamId(assetId), fold, null, { at });
    if (!state || version === 0) {
      const exists = await this.pool.query('SELECT 1 FROM twins WHERE asset_id = $1', [assetId]);
      if (!exists.rowCount) throw notFound(assetId);
      throw new ApiError(404, 'TWIN_NOT_YET_EXISTING', `asset ${assetId} had no twin yet at ${at}`);
    }
    return toTwinView(state);
  }
}

function parseAssetId(assetId: string): string {
  const id = AssetId.safeParse(assetId);
  if (!id.success) throw new ApiError(400, 'INVALID_ASSET_ID', id.error.issues[0]?.message ?? 'invalid assetId', [{ path: 'assetId', message: id.error.issues[0]?.message ?? '' }]);
  return id.data;
}

function invalidQuery(error: z.ZodError): ApiError {
  const details = describeIssues(error);
  return new ApiError(400, 'INVALID_QUERY', `invalid query: ${details[0]?.path}: ${details[0]?.message}`, details);
}

function notFound(assetId: string): ApiError {
  return new ApiError(404, 'TWIN_NOT_FOUND', `no twin for asset ${assetId}`);
}
