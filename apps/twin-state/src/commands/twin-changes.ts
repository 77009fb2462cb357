import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { decide, type Twin, type TwinCommand, type TwinEvent, type TwinEvolve, type TwinRejection } from '@fleettwin/domain-twin';
import { inTransaction } from '@fleettwin/postgres';
import { PG_POOL } from '@fleettwin/platform';
import { TwinEventsRelay } from '../twins/twin-events.relay';
import { TwinLog } from '../twins/twin-log';
import { TwinRepository, type ProjectionSink } from '../twins/twin.repository';
import { TWIN_EVOLVE, TWIN_SINKS } from '../twins/twin.tokens';

export type ChangeResult = { ok: true; twin: Twin | null; events: TwinEvent[] } | { ok: false; rejection: TwinRejection };

/** Runs one command against one twin in a transaction: lock, decide, evolve, append, save, feed the sinks. */
@Injectable()
export class TwinChanges {
  private readonly twins = new TwinRepository();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(TWIN_EVOLVE) private readonly evolve: TwinEvolve,
    @Inject(TWIN_SINKS) private readonly sinks: ProjectionSink[],
    private readonly log: TwinLog,
    private readonly relay: TwinEventsRelay,
  ) {}

  async execute(assetId: string, command: TwinCommand): Promise<ChangeResult> {
    const result = await this.transact(assetId, command);
    if (result.ok && result.events.length) this.relay.notify();
    return result;
  }

  private transact(assetId: string, command: TwinCommand): Promise<ChangeResult> {
    return inTransaction(this.pool, async (client) => {
      const before = (await this.twins.loadForUpdate(client, [assetId])).get(assetId);
      const current = before?.twin ?? null;
      const decision = decide(command, current, this.evolve);
      if (!decision.ok) return decision;
      const after = decision.events.reduce<Twin | null>((state, event) => this.evolve(state, event), current);
      const change = after && decision.events.length ? [{ before, after, events: decision.events }] : [];
      await this.twins.save(client, this.log.plan(change));
      for (const sink of this.sinks) await sink.onApplied(client, decision.events);
      await this.log.append(client, change); // last: the append lock is held until commit
      return { ok: true, twin: after, events: decision.events };
    });
  }
}
