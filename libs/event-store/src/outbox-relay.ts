import type { Pool } from 'pg';
import { outboxPublished } from '@fleettwin/metrics';
import { inTransaction } from '@fleettwin/postgres';
import type { StoredEvent } from './event';
import { PostgresEventStore } from './event-store';

/** Must resolve only once every event is durably published (e.g. Kafka acks=all). */
export type PublishEvents = (events: readonly StoredEvent[]) => Promise<void>;

export interface OutboxRelayOptions {
  pool: Pool;
  /** Cursor name in `outbox_cursors`; one per destination. */
  name: string;
  publish: PublishEvents;
  /** Called with every failed round; the relay keeps going and retries from its stored cursor. */
  onError: (error: unknown) => void;
  batchSize?: number;
  pollIntervalMs?: number;
}

/**
 * Publishes the event store in global order from a stored cursor, then advances the cursor.
 * At least once: a crash between publish and cursor update publishes that page again, so
 * consumers dedupe by ce_id (= stream id and version). Replicas sharing a name take turns on the
 * cursor row lock instead of publishing the same page twice.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private cursorReady: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private running = false;
  private wake: (() => void) | undefined;
  private notified = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  start(): void {
    if (this.loop) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Finishes the round in progress, then publishes what is already committed (a graceful drain),
   * and returns how many events that final flush sent; nothing is left half published.
   */
  async stop(): Promise<number> {
    if (!this.loop) return 0;
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    let flushed = 0;
    for (let page = await this.flushOnce(); page > 0; page = await this.flushOnce()) flushed += page;
    return flushed;
  }

  private flushOnce(): Promise<number> {
    return this.relayOnce().catch((error: unknown) => {
      this.options.onError(error);
      return 0;
    });
  }

  /** Call after committing appends so they leave now rather than at the next poll. */
  notify(): void {
    this.notified = true;
    this.wake?.();
  }

  async position(): Promise<number> {
    await this.ensureCursor();
    const { rows } = await this.options.pool.query<{ position: string }>('SELECT position FROM outbox_cursors WHERE name = $1', [this.options.name]);
    return Number(rows[0].position);
  }

  /** Publishes at most one page; returns how many events left (0 when another replica holds the cursor). */
  async relayOnce(): Promise<number> {
    await this.ensureCursor();
    return inTransaction(this.options.pool, async (client) => {
      const { rows } = await client.query<{ position: string }>(
        'SELECT position FROM outbox_cursors WHERE name = $1 FOR UPDATE SKIP LOCKED',
        [this.options.name],
      );
      if (!rows.length) return 0;
      const events = await new PostgresEventStore(client).readAll({ afterPosition: Number(rows[0].position), limit: this.batchSize, withTraceContext: true });
      if (!events.length) return 0;
      await this.options.publish(events);
      outboxPublished.inc({ relay: this.options.name }, events.length);
      await client.query('UPDATE outbox_cursors SET position = $2, updated_at = now() WHERE name = $1', [
        this.options.name,
        events[events.length - 1].position,
      ]);
      return events.length;
    });
  }

  private ensureCursor(): Promise<void> {
    this.cursorReady ??= this.options.pool
      .query('INSERT INTO outbox_cursors (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [this.options.name])
      .then(() => undefined, (error: unknown) => {
        this.cursorReady = undefined;
        throw error;
      });
    return this.cursorReady;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const published = await this.relayOnce().catch((error: unknown) => {
        this.options.onError(error);
        return 0;
      });
      // A full page means more is waiting: go again without sleeping.
      if (published < this.batchSize) await this.pause();
    }
  }

  private pause(): Promise<void> {
    if (this.notified || !this.running) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.notified = false;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wake = done;
    });
  }
}
