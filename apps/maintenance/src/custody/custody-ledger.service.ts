import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { decide, evolve, type Part, type PartCommand, type PartEvent, type PartRejection, type PartState } from '@fleettwin/domain-part';
import { PostgresEventStore } from '@fleettwin/event-store';
import { DOSSIER_FORMAT, MerkleLog, signStreamHead, type Dossier, type LoggedRecord } from '@fleettwin/merkle-log';
import { inTransaction } from '@fleettwin/postgres';
import { CONFIG, LOGGER, PG_POOL } from '@fleettwin/platform';
import type { MaintenanceConfig } from '../config';
import { checkpointIfGrown, latestCheckpoint, type StoredCheckpoint } from './custody-checkpoints';
import { CustodyEventsRelay } from './custody-events.relay';
import { loadCustodyKeys, type CustodyKeys } from './custody-keys';
import { appendCustodyRecord, CUSTODY_LOCK_SQL, PostgresLeafStore, PostgresRecordStore } from './custody-log.store';
import { WorkOrders } from '../work-orders/work-orders.service';
import { lifeLimitWorkOrders } from './life-limit-work-orders';
import { PartRepository } from './part.repository';

async function commandRecorded(client: PoolClient, partId: string, commandId: string): Promise<boolean> {
  const { rows } = await client.query(
    "SELECT 1 FROM custody_leaves WHERE part_id = $1 AND starts_with((record::jsonb) -> 'event' -> 'metadata' ->> 'eventId', $2) LIMIT 1",
    [partId, `${commandId}/`],
  );
  return rows.length > 0;
}

export const partStreamId = (partId: string): string => `part-${partId}`;

/** A domain refusal, carried to the adapter that maps its code to an HTTP or gRPC status. */
export class PartRefused extends Error {
  constructor(readonly rejection: PartRejection) {
    super(rejection.message);
  }
}

export class CustodyRangeError extends Error {}

export interface Recorded {
  part: Part;
  records: LoggedRecord<PartEvent>[];
}

/**
 * The custody ledger: decides part commands, appends the events to the part's stream in the
 * event store and, as leaves, to the one global Merkle log, and updates the parts read model,
 * in one transaction under the custody lock (leaf order is evidence).
 */
@Injectable()
export class CustodyLedger {
  readonly keys: CustodyKeys;
  private readonly parts = new PartRepository();
  private readonly cyclesPerDay: number;

  constructor(
    @Inject(PG_POOL) readonly pool: Pool,
    @Inject(CONFIG) config: MaintenanceConfig,
    @Inject(LOGGER) logger: Logger,
    private readonly relay: CustodyEventsRelay,
    private readonly workOrders: WorkOrders,
  ) {
    this.cyclesPerDay = config.CYCLES_PER_DAY;
    this.keys = loadCustodyKeys(config, logger);
  }

  async record(command: PartCommand): Promise<Recorded> {
    const result = await inTransaction(this.pool, async (client) => {
      await client.query(CUSTODY_LOCK_SQL);
      const { partId } = command.metadata;
      const current = await this.parts.loadForUpdate(client, partId);
      // A retried command (same commandId) has its events already: record nothing twice.
      if (current && (await commandRecorded(client, partId, command.metadata.commandId))) return { part: current, records: [] };
      const decision = decide(command, current);
      if (!decision.ok) throw new PartRefused(decision.rejection);
      if (!decision.events.length && current) return { part: current, records: [] };
      const next = decision.events.reduce<PartState>(evolve, current);
      if (!next) throw new Error(`part ${partId}: events produced no state`);
      await new PostgresEventStore(client).append(
        client,
        partStreamId(partId),
        current ? current.version : 'no-stream',
        decision.events.map((e) => ({ type: e.type, data: e.data, metadata: { ...e.metadata }, occurredAt: e.metadata.occurredAt })),
      );
      const records: LoggedRecord<PartEvent>[] = [];
      for (const event of decision.events) records.push(await appendCustodyRecord(client, partId, event));
      await this.parts.save(client, next, command.metadata.now);
      for (const order of await lifeLimitWorkOrders(client, next, decision.events, this.cyclesPerDay)) await this.workOrders.executeIn(client, order);
      return { part: next, records };
    });
    this.relay.notify();
    this.workOrders.notify();
    return result;
  }

  find(partId: string): Promise<Part | null> {
    return this.parts.find(this.pool, partId);
  }

  history(partId: string): Promise<LoggedRecord[]> {
    return new PostgresRecordStore(this.pool).read(partId);
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return latestCheckpoint(this.pool);
  }

  async checkpointIfGrown(): Promise<StoredCheckpoint | undefined> {
    const result = await checkpointIfGrown(this.pool, this.keys.signer);
    if (result.signed) this.relay.notify();
    return result.checkpoint;
  }

  /**
   * The part's dossier against the latest checkpoint, or a fresh one when the latest does not
   * cover the part's last record. Records past the checkpoint are left out, so the signed stream
   * head states exactly what the checkpoint covers.
   */
  async dossier(partId: string): Promise<Dossier | undefined> {
    let checkpoint = await this.latestCheckpoint();
    let logged = await this.history(partId);
    if (!logged.length) return undefined;
    if (!checkpoint || logged.some((l) => l.leafIndex >= (checkpoint?.treeSize ?? 0))) {
      checkpoint = await this.checkpointIfGrown();
      logged = await this.history(partId);
    }
    if (!checkpoint) throw new Error('the custody log has records but no checkpoint could be signed');
    const size = checkpoint.treeSize;
    const covered = logged.filter((l) => l.leafIndex < size);
    const log = new MerkleLog(new PostgresLeafStore(this.pool));
    const entries = [];
    for (const { record, leafIndex } of covered) {
      entries.push({ record, leafIndex, inclusionProof: (await log.inclusionProof(leafIndex, size)).map((h) => h.toString('base64')) });
    }
    const last = covered[covered.length - 1];
    if (!last) throw new Error(`part ${partId}: no record is covered by checkpoint ${size}`);
    const streamHead = signStreamHead({ origin: this.keys.signer.name, streamId: partId, count: covered.length, lastHash: last.record.hash, treeSize: size }, this.keys.signer);
    return { format: DOSSIER_FORMAT, streamId: partId, checkpoint: checkpoint.signed, streamHead, entries };
  }

  /** RFC 9162 consistency proof between two tree sizes (base64 hashes). */
  async consistency(from: number, to: number): Promise<string[]> {
    const log = new MerkleLog(new PostgresLeafStore(this.pool));
    const size = await log.size();
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || from > to || to > size) {
      throw new CustodyRangeError(`need 1 <= from <= to <= ${size} (the log size)`);
    }
    return (await log.consistencyProof(from, to)).map((h) => h.toString('base64'));
  }
}
