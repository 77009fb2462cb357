import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { PostgresEventStore } from '@fleettwin/event-store';
import { inTransaction } from '@fleettwin/postgres';
import { LOGGER, PG_POOL } from '@fleettwin/platform';
import { usageStreamId } from './ledger-inputs';
import { LedgerProjector } from './ledger.projector';

const POLL_MS = 250;
const BATCH = 500;

interface CycleRow {
  stream_id: string;
  version: string;
  asset_id: string;
  tenant: string;
  ended_at: Date;
  running_ms: string;
}

/**
 * Turns the completed cycles maintenance already counts (`usage_cycles`, from the twins'
 * CycleCompleted events) of assets under contract into `UsageMetered` events in the event store,
 * so the ledger folds usage, contracts and work orders in one global order and a rebuild replays
 * them identically. Each cycle is metered once (`billing_metered`), for the asset's registered tenant.
 */
@Injectable()
export class UsageMeter implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();

  constructor(@Inject(PG_POOL) private readonly pool: Pool, private readonly ledger: LedgerProjector, @Inject(LOGGER) private readonly logger: Logger) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.round = this.round.then(() => this.meterOnce()).then(
        (metered) => void (metered && this.ledger.notify()),
        (error: unknown) => this.logger.error({ err: error }, 'metering usage failed; retrying'),
      );
    }, POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  async meterOnce(): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('fleettwin.billing.usage-meter'))");
      const { rows } = await client.query<CycleRow>(
        `SELECT u.stream_id, u.version, u.asset_id, a.tenant, u.ended_at, u.running_ms
           FROM contracts c
           JOIN fleet_assets a ON a.asset_id = c.asset_id AND a.tenant = c.tenant
           JOIN usage_cycles u ON u.asset_id = c.asset_id
          WHERE NOT EXISTS (SELECT 1 FROM billing_metered m WHERE m.stream_id = u.stream_id AND m.version = u.version)
          ORDER BY u.ended_at, u.stream_id, u.version
          LIMIT ${BATCH}`,
      );
      if (!rows.length) return 0;
      const store = new PostgresEventStore(client);
      await store.appendBatch(
        client,
        rows.map((r) => ({
          streamId: usageStreamId(r.asset_id),
          expectedVersion: 'any' as const,
          events: [{ type: 'UsageMetered', occurredAt: r.ended_at, data: { tenant: r.tenant, assetId: r.asset_id, cycleKey: `${r.stream_id}:${r.version}`, endedAt: r.ended_at.toISOString(), runningMs: Number(r.running_ms) } }],
        })),
      );
      await client.query('INSERT INTO billing_metered (stream_id, version) SELECT * FROM unnest($1::text[], $2::bigint[])', [rows.map((r) => r.stream_id), rows.map((r) => r.version)]);
      return rows.length;
    });
  }
}
