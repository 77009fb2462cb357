import type { Pool, PoolClient } from 'pg';
import type { Contract } from '@fleettwin/domain-contract';

type Db = Pool | PoolClient;

export const contractStreamId = (contractId: string): string => `contract-${contractId}`;

/** The contracts read model; rows are written in the same transaction as their events. */
export class ContractRepository {
  async loadForUpdate(client: PoolClient, contractId: string): Promise<Contract | null> {
    const { rows } = await client.query<{ state: Contract }>('SELECT state FROM contracts WHERE contract_id = $1 FOR UPDATE', [contractId]);
    return rows[0]?.state ?? null;
  }

  async find(db: Db, tenant: string, contractId: string): Promise<Contract | null> {
    const { rows } = await db.query<{ state: Contract }>('SELECT state FROM contracts WHERE contract_id = $1 AND tenant = $2', [contractId, tenant]);
    return rows[0]?.state ?? null;
  }

  async forAsset(db: Db, assetId: string): Promise<Contract | null> {
    const { rows } = await db.query<{ state: Contract }>('SELECT state FROM contracts WHERE asset_id = $1', [assetId]);
    return rows[0]?.state ?? null;
  }

  async list(db: Db, tenant: string): Promise<Contract[]> {
    const { rows } = await db.query<{ state: Contract }>('SELECT state FROM contracts WHERE tenant = $1 ORDER BY contract_id LIMIT 1000', [tenant]);
    return rows.map((r) => r.state);
  }

  async save(client: PoolClient, contract: Contract): Promise<void> {
    await client.query(
      `INSERT INTO contracts (contract_id, tenant, asset_id, state, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (contract_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [contract.contractId, contract.tenant, contract.assetId, contract, contract.version, contract.updatedAt],
    );
  }
}
