import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { cloudEventHeaders, topicName, type BillingEntry } from '@fleettwin/contracts';
import type { EventProducer, OutgoingRecord } from '@fleettwin/messaging';
import { outboxPublished } from '@fleettwin/metrics';
import { inTransaction } from '@fleettwin/postgres';
import { CONFIG, LOGGER, PG_POOL, PRODUCER } from '@fleettwin/platform';
import type { MaintenanceConfig } from '../config';
import { readLedgerAll } from './ledger.store';

const CURSOR = 'maintenance-billing';
const BATCH = 500;
const POLL_MS = 200;

/**
 * Publishes ledger entries to `fleet.billing.v1` in sequence order from a stored cursor (an
 * outbox over the append-only ledger). At least once: a crash between send and cursor update
 * sends a page again with the same `ce_id` (the entry id), which consumers dedupe by. A rebuilt
 * ledger keeps ids and sequences, so it sends nothing new.
 */
@Injectable()
export class BillingEventsRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly topic: string;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PRODUCER) private readonly producer: EventProducer,
    @Inject(CONFIG) config: MaintenanceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.topic = topicName('billing', config.TOPIC_NAMESPACE);
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  async relayOnce(): Promise<number> {
    await this.pool.query('INSERT INTO outbox_cursors (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [CURSOR]);
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ position: string }>('SELECT position FROM outbox_cursors WHERE name = $1 FOR UPDATE SKIP LOCKED', [CURSOR]);
      if (!rows[0]) return 0;
      const entries = await readLedgerAll(client, Number(rows[0].position), BATCH);
      const last = entries[entries.length - 1];
      if (!last) return 0;
      await this.producer.send(this.topic, entries.map(toRecord));
      await client.query('UPDATE outbox_cursors SET position = $2, updated_at = now() WHERE name = $1', [CURSOR, last.sequence]);
      outboxPublished.inc({ relay: CURSOR }, entries.length);
      return entries.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      const sent = await this.relayOnce().catch((error: unknown) => {
        this.logger.error({ err: error }, 'publishing billing events failed; retrying from the stored cursor');
        return 0;
      });
      if (sent < BATCH) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

/** Keyed by contract, so one contract's entries stay in order on one partition. */
export function toRecord(entry: BillingEntry): OutgoingRecord {
  return {
    key: entry.contractId,
    value: JSON.stringify(entry),
    headers: cloudEventHeaders({ id: entry.entryId, type: `io.fleettwin.billing.${entry.kind}.v1`, source: '/fleettwin/maintenance/billing', time: entry.occurredAt, subject: entry.contractId }),
  };
}
