import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createTwinEvolve, defaultDataQualityPolicy, type TwinEvent, type TwinEvolve } from '@fleettwin/domain-twin';
import { toDataQualityPolicy, type AssetModel } from '@fleettwin/dtdl';
import { CONFIG, LOGGER, PG_POOL } from '@fleettwin/platform';
import type { TwinStateConfig } from '../config';

const REFRESH_MS = 2000;

/**
 * Which data-quality policy each twin is judged by: the ranges of the DTDL model its registry
 * entry names, else the turbofan defaults. Kept in memory so the fold stays synchronous and pure;
 * refreshed after registry changes here and every few seconds for changes made by other replicas.
 */
@Injectable()
export class AssetPolicies implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly fallback: TwinEvolve;
  private byAsset = new Map<string, TwinEvolve>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: TwinStateConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.fallback = createTwinEvolve({ ...defaultDataQualityPolicy, stuckAfter: config.STUCK_AFTER_FRAMES });
  }

  /** The twin fold, each event judged by its asset's policy. */
  readonly evolve: TwinEvolve = (state, event: TwinEvent) => (this.byAsset.get(event.data.assetId) ?? this.fallback)(state, event);

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'refreshing asset models failed')), REFRESH_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const { rows } = await this.pool.query<{ asset_id: string; dtmi: string; model: AssetModel }>(
      `SELECT a.asset_id, m.dtmi, m.model FROM assets a JOIN asset_models m ON m.dtmi = a.state ->> 'dtmi'`,
    );
    const byModel = new Map<string, TwinEvolve>();
    const next = new Map<string, TwinEvolve>();
    for (const row of rows) {
      let evolve = byModel.get(row.dtmi);
      if (!evolve) {
        evolve = createTwinEvolve(toDataQualityPolicy(row.model, { stuckAfter: this.config.STUCK_AFTER_FRAMES, ranges: defaultDataQualityPolicy.ranges }));
        byModel.set(row.dtmi, evolve);
      }
      next.set(row.asset_id, evolve);
    }
    this.byAsset = next;
  }
}
