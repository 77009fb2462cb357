import { Global, Module } from '@nestjs/common';
import { AssetPolicies } from '../assets/asset-policies';
import type { Pool } from 'pg';
import { PostgresEventStore } from '@fleettwin/event-store';
import { CONFIG, PG_POOL } from '@fleettwin/platform';
import { CommandDeadlines } from '../commands/command-deadlines';
import { FrameHistory } from '../history/frame-history';
import { HistoryController } from '../history/history.controller';
import type { TwinStateConfig } from '../config';
import { TelemetryConsumer } from './telemetry.consumer';
import { TwinsController } from './twins.controller';
import { TwinEventsRelay } from './twin-events.relay';
import { TwinLog } from './twin-log';
import { TWIN_EVOLVE, TWIN_SINKS } from './twin.tokens';

/** The twin fold and everything written beside the twins in the same transaction. */
@Global()
@Module({
  controllers: [TwinsController, HistoryController],
  providers: [
    FrameHistory,
    CommandDeadlines,
    AssetPolicies,
    { provide: TWIN_EVOLVE, inject: [AssetPolicies], useFactory: (policies: AssetPolicies) => policies.evolve },
    { provide: TWIN_SINKS, inject: [FrameHistory, CommandDeadlines], useFactory: (history: FrameHistory, deadlines: CommandDeadlines) => [history, deadlines] },
    { provide: PostgresEventStore, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresEventStore(pool) },
    { provide: TwinLog, inject: [PostgresEventStore, CONFIG], useFactory: (store: PostgresEventStore, config: TwinStateConfig) => new TwinLog(store, config.TWIN_SNAPSHOT_EVERY) },
    TwinEventsRelay,
    TelemetryConsumer,
  ],
  exports: [AssetPolicies, TWIN_EVOLVE, TWIN_SINKS, CommandDeadlines, PostgresEventStore, TwinLog, TwinEventsRelay],
})
export class TwinsModule {}
