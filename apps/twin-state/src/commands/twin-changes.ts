import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { decide, type Twin, type TwinCommand, type TwinEvent, type TwinEvolve, type TwinRejection } from '@fleettwin/domain-twin';
import { inTransaction } from '@fleettwin/postgres';
import { PG_POOL } from '@fleettwin/platform';
import { TwinRepository, type ProjectionSink } from '../twins/twin.repository';
import { TWIN_EVOLVE, TWIN_SINKS } from '../twins/twin.tokens';

export type ChangeResult = { ok: true; twin: Twin | null; events: TwinEvent[] } | { ok: false; rejection: TwinRejection };

/** Runs one command against one twin in a transaction: lock, decide, evolve, save, feed the sinks. */
@Injectable()
export class TwinChanges {
  private readonly twins = new TwinRepository();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(TWIN_EVOLVE) private readonly evolve: TwinEvolve,
    @Inject(TWIN_SINKS) private readonly sinks: ProjectionSink[],
  ) {}

  execute(assetId: string, command: TwinCommand): Promise<ChangeResult> {
    return inTransaction(this.pool, async (client) => {
      const twin = (await this.twins.loadForUpdate(client, [assetId])).get(assetId) ?? null;
      const decision = decide(command, twin, this.evolve);
      if (!decision.ok) return decision;
      const next = decision.events.reduce<Twin | null>((state, event) => this.evolve(state, event), twin);
      if (next && decision.events.length) await this.twins.save(client, [next]);
      for (const sink of this.sinks) await sink.onApplied(client, decision.events);
      return { ok: true, twin: next, events: decision.events };
    });
  }
}
