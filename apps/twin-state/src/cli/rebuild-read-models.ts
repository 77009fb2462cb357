import type { Pool, PoolClient } from 'pg';
import { evolve as evolveAsset, type Asset, type AssetEvent } from '@fleettwin/domain-asset';
import type { Twin, TwinEvent, TwinEvolve } from '@fleettwin/domain-twin';
import { PostgresEventStore, type StoredEvent } from '@fleettwin/event-store';
import { inTransaction } from '@fleettwin/postgres';
import { AssetRepository } from '../assets/asset.repository';
import { TwinRepository, type ProjectionSink, type StoredTwin } from '../twins/twin.repository';

const TWIN_STREAM = 'twin-';
const ASSET_STREAM = 'asset-';
const SINK_BATCH = 5000;
const SAVE_BATCH = 1000;

export interface RebuildStats {
  events: number;
  twins: number;
  seconds: number;
}

/** Reads the whole log once without folding: the limit a rebuild is measured against. */
export async function rawReadRate(store: PostgresEventStore): Promise<{ events: number; seconds: number }> {
  const started = process.hrtime.bigint();
  let events = 0;
  for await (const page of store.streamAll()) events += page.length;
  return { events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * Drops the twin read models and folds them again from the event log, in one transaction: readers
 * see the old models until the new ones are complete, and a failure leaves the old ones in place.
 */
export async function rebuildReadModels(pool: Pool, evolve: TwinEvolve, sinks: readonly ProjectionSink[]): Promise<RebuildStats> {
  const started = process.hrtime.bigint();
  return inTransaction(pool, async (client) => {
    await client.query('TRUNCATE twins, telemetry_frames, command_deadlines, assets');
    const twins = new Map<string, StoredTwin>();
    const assets = new Map<string, Asset>();
    let pending: TwinEvent[] = [];
    let events = 0;
    for await (const page of new PostgresEventStore(client).streamAll()) {
      for (const stored of page) {
        if (stored.streamId.startsWith(ASSET_STREAM)) {
          foldAsset(assets, stored);
          events += 1;
          continue;
        }
        if (!stored.streamId.startsWith(TWIN_STREAM)) continue;
        const event = { type: stored.type, data: stored.data } as TwinEvent;
        foldInto(twins, stored, event, evolve);
        pending.push(event);
        events += 1;
      }
      if (pending.length >= SINK_BATCH) pending = await feed(client, sinks, pending);
    }
    await feed(client, sinks, pending);
    const repository = new TwinRepository();
    const all = [...twins.values()];
    for (let i = 0; i < all.length; i += SAVE_BATCH) await repository.save(client, all.slice(i, i + SAVE_BATCH));
    const registry = new AssetRepository();
    for (const asset of assets.values()) await registry.save(client, asset);
    return { events, twins: twins.size, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  });
}

function foldAsset(assets: Map<string, Asset>, stored: StoredEvent): void {
  const assetId = stored.streamId.slice(ASSET_STREAM.length);
  const next = evolveAsset(assets.get(assetId) ?? null, { type: stored.type, data: stored.data } as AssetEvent);
  if (next) assets.set(assetId, next);
}

function foldInto(twins: Map<string, StoredTwin>, stored: StoredEvent, event: TwinEvent, evolve: TwinEvolve): void {
  const assetId = stored.streamId.slice(TWIN_STREAM.length);
  const current = twins.get(assetId);
  const next = evolve(current?.twin ?? null, event) as Twin | null;
  if (!next) return;
  const watermark = current?.watermark && Date.parse(current.watermark) >= Date.parse(stored.occurredAt) ? current.watermark : stored.occurredAt;
  twins.set(assetId, { twin: next, version: stored.version, watermark });
}

async function feed(client: PoolClient, sinks: readonly ProjectionSink[], events: TwinEvent[]): Promise<TwinEvent[]> {
  for (const sink of sinks) await sink.onApplied(client, events);
  return [];
}
