import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { decideContract, evolveContract, type Contract, type ContractCommand, type ContractError, type ContractEvent } from '@fleettwin/domain-contract';
import { PostgresEventStore } from '@fleettwin/event-store';
import { inTransaction } from '@fleettwin/postgres';
import { PG_POOL } from '@fleettwin/platform';
import { ContractRepository, contractStreamId } from './contract.repository';

/** A domain refusal, carried to the adapter that maps it to an HTTP status. */
export class ContractRefused extends Error {
  constructor(readonly refusal: ContractError) {
    super(refusal.message);
  }
}

/**
 * Runs contract commands: lock, decide, append to the contract's stream with its expected
 * version, update the read model, in one transaction. The ledger projector folds the appended
 * events with usage and work orders.
 */
@Injectable()
export class Contracts {
  readonly repository = new ContractRepository();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(command: ContractCommand): Promise<Contract> {
    return inTransaction(this.pool, async (client) => {
      const current = await this.repository.loadForUpdate(client, command.data.contractId);
      if (current && current.tenant !== command.data.tenant) throw new ContractRefused({ code: 'NOT_FOUND', message: `no contract ${command.data.contractId}` });
      if (command.type === 'CreateContract' && !current) {
        const taken = await this.repository.forAsset(client, command.data.assetId);
        if (taken) throw new ContractRefused({ code: 'ALREADY_EXISTS', message: `asset ${command.data.assetId} is already under contract` });
        const asset = await client.query<{ tenant: string }>('SELECT tenant FROM fleet_assets WHERE asset_id = $1', [command.data.assetId]);
        // Another tenant's asset is as unknown as a missing one.
        if (asset.rows[0] && asset.rows[0].tenant !== command.data.tenant) throw new ContractRefused({ code: 'NOT_FOUND', message: `no asset ${command.data.assetId}` });
      }
      const decision = decideContract(command, current);
      if (!decision.ok) throw new ContractRefused(decision.error);
      if (!decision.events.length && current) return current;
      const next = decision.events.reduce<Contract | null>(evolveContract, current);
      if (!next) throw new Error(`contract ${command.data.contractId}: events produced no state`);
      await new PostgresEventStore(client).append(client, contractStreamId(next.contractId), current ? current.version : 'no-stream', decision.events.map(toNewEvent));
      await this.repository.save(client, next);
      return next;
    });
  }
}

function toNewEvent(event: ContractEvent) {
  return { type: event.type, data: event.data, occurredAt: event.data.at };
}
