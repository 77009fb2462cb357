import type { PoolClient } from 'pg';
import type { AssetFacts, SignatureVector } from '@fleettwin/domain-failure-mode';

/** The registry events maintenance reads (published by twin-state on `fleet.twin-events.v1`). */
interface RegistryEventData {
  tenant: string;
  assetId: string;
  model?: string;
  variant?: string;
  buildBatch?: string;
  tolerances?: Record<string, number>;
  environment?: { climate: string; route: string };
  inServiceDate?: string;
  changes?: Partial<RegistryEventData>;
}

export interface StoredRecord {
  streamId: string;
  version: number;
  type: string;
  occurredAt: string;
  data: unknown;
}

type Facts = Omit<AssetFacts, 'usage' | 'signature'>;

/**
 * Keeps the facts propagation compares (model, batch, tolerances, environment, age) from the
 * registry's own events, and completed cycles for usage — a read model of another service's log.
 */
export class FleetFacts {
  async apply(client: PoolClient, record: StoredRecord): Promise<void> {
    if (record.streamId.startsWith('asset-')) return this.applyRegistry(client, record);
    if (record.streamId.startsWith('twin-') && record.type === 'CycleCompleted') return this.applyCycle(client, record);
  }

  private async applyRegistry(client: PoolClient, record: StoredRecord): Promise<void> {
    const data = record.data as RegistryEventData;
    const { rows } = await client.query<{ facts: Facts; version: string }>('SELECT facts, version FROM fleet_assets WHERE asset_id = $1 FOR UPDATE', [data.assetId]);
    const current = rows[0];
    if (current && Number(current.version) >= record.version) return; // redelivered
    const facts = record.type === 'AssetRegistered' ? factsOf(data) : current ? merge(current.facts, record.type === 'AssetUpdated' ? data.changes ?? {} : {}) : undefined;
    if (!facts) return;
    await client.query(
      `INSERT INTO fleet_assets (asset_id, tenant, facts, retired, version) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (asset_id) DO UPDATE SET facts = EXCLUDED.facts, retired = EXCLUDED.retired, version = EXCLUDED.version`,
      [data.assetId, data.tenant, facts, record.type === 'AssetRetired', record.version],
    );
  }

  private async applyCycle(client: PoolClient, record: StoredRecord): Promise<void> {
    const data = record.data as { assetId: string; end: string; runningMs: number };
    const tenant = await client.query<{ tenant: string }>('SELECT tenant FROM fleet_assets WHERE asset_id = $1', [data.assetId]);
    await client.query(
      'INSERT INTO usage_cycles (stream_id, version, asset_id, tenant, ended_at, running_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [record.streamId, record.version, data.assetId, tenant.rows[0]?.tenant ?? 'unknown', data.end, Math.round(data.runningMs)],
    );
  }

  /** Every active asset's facts with its usage and latest signature: the candidates of a propagation. */
  async all(client: PoolClient): Promise<AssetFacts[]> {
    const { rows } = await client.query<{ facts: Facts; signature: SignatureVector | null; cycles: string | null; running_ms: string | null }>(
      `SELECT a.facts, s.signature, u.cycles, u.running_ms FROM fleet_assets a
       LEFT JOIN asset_signatures s ON s.asset_id = a.asset_id
       LEFT JOIN (SELECT asset_id, count(*) AS cycles, sum(running_ms) AS running_ms FROM usage_cycles GROUP BY asset_id) u ON u.asset_id = a.asset_id
       WHERE NOT a.retired`,
    );
    return rows.map((r) => ({
      ...r.facts,
      usage: r.cycles === null ? {} : { cycles: Number(r.cycles), hours: Number(r.running_ms) / 3_600_000 },
      signature: r.signature,
    }));
  }
}

function factsOf(data: RegistryEventData): Facts | undefined {
  if (!data.model || !data.variant || !data.buildBatch || !data.environment || !data.inServiceDate) return undefined;
  return {
    tenant: data.tenant,
    assetId: data.assetId,
    model: data.model,
    variant: data.variant,
    buildBatch: data.buildBatch,
    tolerances: data.tolerances ?? {},
    climate: data.environment.climate,
    route: data.environment.route,
    inServiceDate: data.inServiceDate,
  };
}

function merge(facts: Facts, changes: Partial<RegistryEventData>): Facts {
  return {
    ...facts,
    ...(changes.model ? { model: changes.model } : {}),
    ...(changes.variant ? { variant: changes.variant } : {}),
    ...(changes.buildBatch ? { buildBatch: changes.buildBatch } : {}),
    ...(changes.tolerances ? { tolerances: changes.tolerances } : {}),
    ...(changes.environment ? { climate: changes.environment.climate, route: changes.environment.route } : {}),
    ...(changes.inServiceDate ? { inServiceDate: changes.inServiceDate } : {}),
  };
}
