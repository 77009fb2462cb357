import type { Pool, PoolClient } from 'pg';
import type { WorkOrder } from '@fleettwin/domain-work-order';

type Db = Pool | PoolClient;

export interface WorkOrderFilter {
  tenant: string;
  statuses?: string[];
  assetId?: string;
  updatedSince?: string;
  limit: number;
  /** Keyset paging: orders strictly after this (updated_at, id), newest first. */
  after?: { updatedAt: string; id: string };
}

/** The work-orders read model; state rows are written in the same transaction as their events. */
export class WorkOrderRepository {
  async loadForUpdate(client: PoolClient, workOrderId: string): Promise<WorkOrder | null> {
    const { rows } = await client.query<{ state: WorkOrder }>('SELECT state FROM work_orders WHERE work_order_id = $1 FOR UPDATE', [workOrderId]);
    return rows[0]?.state ?? null;
  }

  async find(db: Db, tenant: string, workOrderId: string): Promise<WorkOrder | null> {
    const { rows } = await db.query<{ state: WorkOrder }>('SELECT state FROM work_orders WHERE work_order_id = $1 AND tenant = $2', [workOrderId, tenant]);
    return rows[0]?.state ?? null;
  }

  /** Open (not completed or cancelled) orders of one asset, locked: the policy's one-per-mode rule reads them. */
  async openForAsset(client: PoolClient, assetId: string): Promise<WorkOrder[]> {
    const { rows } = await client.query<{ state: WorkOrder }>(
      "SELECT state FROM work_orders WHERE asset_id = $1 AND status NOT IN ('completed', 'cancelled') ORDER BY work_order_id FOR UPDATE",
      [assetId],
    );
    return rows.map((r) => r.state);
  }

  /** Completed orders whose effect has not been judged yet (their state carries no effect). */
  async completedUnverified(client: PoolClient, assetId: string): Promise<WorkOrder[]> {
    const { rows } = await client.query<{ state: WorkOrder }>(
      "SELECT state FROM work_orders WHERE asset_id = $1 AND status = 'completed' AND state -> 'effect' = 'null'::jsonb ORDER BY work_order_id FOR UPDATE",
      [assetId],
    );
    return rows.map((r) => r.state);
  }

  async save(client: PoolClient, order: WorkOrder): Promise<void> {
    await client.query(
      `INSERT INTO work_orders (work_order_id, tenant, asset_id, failure_mode, status, state, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (work_order_id) DO UPDATE SET status = EXCLUDED.status, state = EXCLUDED.state, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [order.workOrderId, order.tenant, order.assetId, order.failureModeCode, order.status, order, order.version, order.updatedAt],
    );
  }

  async list(db: Db, filter: WorkOrderFilter): Promise<WorkOrder[]> {
    const { rows } = await db.query<{ state: WorkOrder }>(
      `SELECT state FROM work_orders
       WHERE tenant = $1
         AND ($2::text[] IS NULL OR status = ANY($2))
         AND ($3::text IS NULL OR asset_id = $3)
         AND ($4::timestamptz IS NULL OR updated_at >= $4)
         AND ($5::timestamptz IS NULL OR (updated_at, work_order_id) < ($5, $6))
       ORDER BY updated_at DESC, work_order_id DESC LIMIT $7`,
      [filter.tenant, filter.statuses?.length ? filter.statuses : null, filter.assetId ?? null, filter.updatedSince ?? null, filter.after?.updatedAt ?? null, filter.after?.id ?? null, filter.limit],
    );
    return rows.map((r) => r.state);
  }
}
