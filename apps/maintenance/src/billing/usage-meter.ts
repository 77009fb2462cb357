import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { PostgresEventStore } from '@fleettwin/event-store';
import { inTransaction } from '@fleettwin/postgres';
import { LOGGER, PG_POOL } from '@fleettwin/platform';
import { usageStreamId } from './ledger-inputs';
import { LedgerProjector } from './ledger.projector';

const POLL_MS = 500;
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
 * them identically. Each cycle is metered once (a mark per twin stream: cycles arrive in stream
 * order), for the asset's registered tenant.
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
      // Per contract, the twin stream's cycles after its mark (PK range scan on usage_cycles).
      const { rows } = await client.query<CycleRow>(
        `SELECT u.stream_id, u.version, u.asset_id, a.tenant, u.ended_at, u.running_ms
           FROM contracts c
           JOIN fleet_assets a ON a.asset_id = c.asset_id AND a.tenant = c.tenant
           CROSS JOIN LATERAL (
             SELECT * FROM usage_cycles u
              WHERE u.stream_id = 'twin-' || c.asset_id
                AND u.version > COALESCE((SELECT version FROM billing_meter_marks m WHERE m.stream_id = 'twin-' || c.asset_id), 0)
              ORDER BY u.version
              LIMIT ${BATCH}) u
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
      const marks = new Map<string, number>();
      for (const r of rows) marks.set(r.stream_id, Math.max(marks.get(r.stream_id) ?? 0, Number(r.version)));
      await client.query(
        `INSERT INTO billing_meter_marks (stream_id, version) SELECT * FROM unnest($1::text[], $2::bigint[])
         ON CONFLICT (stream_id) DO UPDATE SET version = GREATEST(billing_meter_marks.version, EXCLUDED.version)`,
        [[...marks.keys()], [...marks.values()]],
      );
      return rows.length;
    });
  }
}
