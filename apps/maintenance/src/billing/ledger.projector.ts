import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { applyToLedger, emptyAssetLedger, type AssetLedger, type LedgerEntry } from '@fleettwin/domain-contract';
import { PostgresEventStore, type StoredEvent } from '@fleettwin/event-store';
import { inTransaction } from '@fleettwin/postgres';
import { topicName } from '@fleettwin/contracts';
import { DeadLetterPublisher } from '@fleettwin/messaging';
import { CONFIG, LOGGER, PG_POOL } from '@fleettwin/platform';
import type { MaintenanceConfig } from '../config';
import { ledgerEntries } from './billing.metrics';
import { assetOf, parseLedgerInput } from './ledger-inputs';

const NAME = 'ledger';
const PAGE = 1000;
const POLL_MS = 200;

export interface RebuildReport {
  entries: number;
  /** sha256 of every entry (sequence + JSON) in sequence order, before and after. */
  digestBefore: string;
  digestAfter: string;
  /** The stored ledger is exactly a prefix of the refolded one (equal when nothing arrived meanwhile). */
  identical: boolean;
}

/**
 * The contract ledger: a fold over the maintenance event store in global position order
 * (contract events, metered usage, work-order facts). State, entries and the position commit
 * together, so a crash neither loses nor repeats an entry; entry ids derive from their cause.
 */
@Injectable()
export class LedgerProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  private readonly topic: string;

  constructor(
    @Inject(PG_POOL) readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CONFIG) config: MaintenanceConfig,
    private readonly deadLetters: DeadLetterPublisher,
  ) {
    this.topic = topicName('billing', config.TOPIC_NAMESPACE);
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  notify(): void {
    this.wake?.();
  }

  /** Folds at most one page of new events; returns how many it read. */
  async projectOnce(): Promise<number> {
    const rejected: Rejection[] = [];
    const recorded: LedgerEntry[] = [];
    const read = await inTransaction(this.pool, async (client) => {
      const { position, sequence } = await lockProjection(client);
      const events = await new PostgresEventStore(client).readAll({ afterPosition: position, limit: PAGE });
      if (!events.length) return 0;
      const states = new StateCache(client);
      const entries = await foldEvents(client, events, (assetId) => states.get(assetId), (assetId, state) => states.set(assetId, state), rejected);
      await states.flush();
      const last = await insertEntries(client, entries, sequence);
      await client.query('UPDATE billing_projection SET position = $2, sequence = $3 WHERE name = $1', [NAME, events[events.length - 1]?.position ?? position, last]);
      recorded.push(...entries);
      return events.length;
    });
    for (const entry of recorded) ledgerEntries.inc({ kind: entry.kind });
    // After the commit: a crash before this loses the letter, never the ledger's consistency.
    for (const { event, reason } of rejected) {
      this.logger.error({ streamId: event.streamId, version: event.version, reason }, 'ledger input skipped');
      await this.deadLetters.publish({ topic: this.topic, key: event.streamId, original: Buffer.from(JSON.stringify(event)), reason, origin: `event-store:${event.position}` });
    }
    return read;
  }

  /**
   * Drops the fold state and refolds the whole store from position 0. The stored entries must be
   * reproduced byte for byte (same ids, sequences and amounts); the report says whether they were.
   */
  async rebuild(): Promise<RebuildReport> {
    return inTransaction(this.pool, async (client) => {
      await lockProjection(client);
      const before = await storedEntries(client);
      const states = new Map<string, AssetLedger>();
      const rebuilt: LedgerEntry[] = [];
      let position = 0;
      for await (const page of new PostgresEventStore(client).streamAll({ limit: PAGE })) {
        rebuilt.push(...(await foldEvents(client, page, async (assetId) => states.get(assetId), async (assetId, state) => void states.set(assetId, state), [])));
        position = page[page.length - 1]?.position ?? position;
      }
      const after = rebuilt.map((entry, i) => ({ sequence: i + 1, entry }));
      const identical = before.every((b, i) => canonical(b) === canonical(after[i]));
      await client.query('DELETE FROM billing_ledger_state');
      await client.query('DELETE FROM billing_ledger');
      for (const [assetId, state] of states) await client.query('INSERT INTO billing_ledger_state (asset_id, state) VALUES ($1, $2)', [assetId, state]);
      const last = await insertEntries(client, rebuilt, 0);
      await client.query('UPDATE billing_projection SET position = $2, sequence = $3 WHERE name = $1', [NAME, position, last]);
      return { entries: after.length, digestBefore: digest(before), digestAfter: digest(after), identical };
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      const read = await this.projectOnce().catch((error: unknown) => {
        this.logger.error({ err: error }, 'contract ledger projection failed; retrying from the stored position');
        return 0;
      });
      if (read < PAGE) await new Promise<void>((resolve) => {
        const timer = setTimeout(done, POLL_MS);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
    }
  }
}

interface Rejection {
  event: StoredEvent;
  reason: string;
}

/** Folds a page into the per-asset states; inputs it cannot read are skipped (and reported in `rejected`). */
async function foldEvents(
  client: PoolClient,
  events: readonly StoredEvent[],
  load: (assetId: string) => Promise<AssetLedger | undefined>,
  save: (assetId: string, state: AssetLedger) => Promise<void>,
  rejected: Rejection[],
): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  const assets = new Map<string, string | null>();
  for (const event of events) {
    const parsed = parseLedgerInput(event);
    if (!parsed) continue;
    if (!parsed.ok) {
      rejected.push({ event, reason: parsed.reason });
      continue;
    }
    const assetId = await assetOf(client, parsed.input, assets);
    if (!assetId) continue;
    const current = await load(assetId);
    // Only assets under contract have a ledger; it starts with the contract's creation.
    if (!current && parsed.input.type !== 'ContractCreated') continue;
    const step = applyToLedger(current ?? emptyAssetLedger, parsed.input);
    await save(assetId, step.state);
    entries.push(...step.entries);
  }
  return entries;
}

/** Fold states of the assets one page touches, read once and written once. */
class StateCache {
  private readonly states = new Map<string, AssetLedger | undefined>();
  private readonly dirty = new Set<string>();

  constructor(private readonly client: PoolClient) {}

  async get(assetId: string): Promise<AssetLedger | undefined> {
    if (!this.states.has(assetId)) {
      const { rows } = await this.client.query<{ state: AssetLedger }>('SELECT state FROM billing_ledger_state WHERE asset_id = $1 FOR UPDATE', [assetId]);
      this.states.set(assetId, rows[0]?.state);
    }
    return this.states.get(assetId);
  }

  async set(assetId: string, state: AssetLedger): Promise<void> {
    this.states.set(assetId, state);
    this.dirty.add(assetId);
  }

  async flush(): Promise<void> {
    for (const assetId of this.dirty) {
      await this.client.query('INSERT INTO billing_ledger_state (asset_id, state) VALUES ($1, $2) ON CONFLICT (asset_id) DO UPDATE SET state = EXCLUDED.state', [assetId, this.states.get(assetId)]);
    }
  }
}

async function lockProjection(client: PoolClient): Promise<{ position: number; sequence: number }> {
  await client.query('INSERT INTO billing_projection (name, position, sequence) VALUES ($1, 0, 0) ON CONFLICT (name) DO NOTHING', [NAME]);
  const { rows } = await client.query<{ position: string; sequence: string }>('SELECT position, sequence FROM billing_projection WHERE name = $1 FOR UPDATE', [NAME]);
  return { position: Number(rows[0]?.position ?? 0), sequence: Number(rows[0]?.sequence ?? 0) };
}

/** Appends entries after `sequence`; an id already present (a replayed cause) is skipped and takes no number. */
async function insertEntries(client: PoolClient, entries: readonly LedgerEntry[], sequence: number): Promise<number> {
  let last = sequence;
  for (const entry of entries) {
    const { rowCount } = await client.query(
      `INSERT INTO billing_ledger (sequence, entry_id, tenant, contract_id, period, kind, amount_minor, entry) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (entry_id) DO NOTHING`,
      [last + 1, entry.entryId, entry.tenant, entry.contractId, entry.period, entry.kind, entry.amountMinor, JSON.stringify(entry)],
    );
    if (rowCount) last += 1;
  }
  return last;
}

async function storedEntries(client: PoolClient): Promise<{ sequence: number; entry: LedgerEntry }[]> {
  const { rows } = await client.query<{ sequence: string; entry: LedgerEntry }>('SELECT sequence, entry FROM billing_ledger ORDER BY sequence');
  return rows.map((r) => ({ sequence: Number(r.sequence), entry: r.entry }));
}

function digest(entries: readonly { sequence: number; entry: LedgerEntry }[]): string {
  const hash = createHash('sha256');
  for (const e of entries) hash.update(`${e.sequence}\n${canonical(e.entry)}\n`);
  return hash.digest('hex');
}

/** JSON with sorted keys: jsonb does not keep key order, the digest must not depend on it. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value);
}
