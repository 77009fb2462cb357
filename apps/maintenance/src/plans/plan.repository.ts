import type { PoolClient } from 'pg';
import type { PlanSettings } from '@fleettwin/contracts';
import type { Plan, PlanFigures, PlannableWorkOrder } from '@fleettwin/domain-plan';
import type { WorkOrder } from '@fleettwin/domain-work-order';
import type { Queryable } from '@fleettwin/event-store';

export interface PlanSummary {
  planId: string;
  status: Plan['status'];
  revision: number;
  acceptedRevision: number | null;
  startsOn: string;
  weeks: number;
  optimised: PlanFigures;
  greedy: PlanFigures;
  updatedAt: string;
}

/** Work orders that still need a shop slot. In-progress ones are already in the shop. */
const PLANNABLE = ['open', 'acknowledged', 'scheduled', 'deferred'];

export class PlanRepository {
  async find(db: Queryable, tenant: string, planId: string): Promise<Plan | null> {
    const { rows } = await db.query<{ state: Plan }>('SELECT state FROM plans WHERE plan_id = $1 AND tenant = $2', [planId, tenant]);
    return rows[0]?.state ?? null;
  }

  /** The tenant's plans, newest change first, without their problems: what a list shows. */
  async list(db: Queryable, tenant: string, limit: number): Promise<PlanSummary[]> {
    const { rows } = await db.query<PlanSummary>(
      `SELECT plan_id AS "planId", status, revision, (state ->> 'acceptedRevision')::int AS "acceptedRevision",
              state -> 'current' -> 'problem' ->> 'startsOn' AS "startsOn", (state -> 'current' -> 'problem' ->> 'weeks')::int AS weeks,
              state -> 'current' -> 'optimised' AS optimised, state -> 'current' -> 'greedy' AS greedy, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
       FROM plans WHERE tenant = $1 ORDER BY updated_at DESC, plan_id DESC LIMIT $2`,
      [tenant, limit],
    );
    return rows;
  }

  async loadForUpdate(client: PoolClient, planId: string): Promise<Plan | null> {
    const { rows } = await client.query<{ state: Plan }>('SELECT state FROM plans WHERE plan_id = $1 FOR UPDATE', [planId]);
    return rows[0]?.state ?? null;
  }

  async save(client: PoolClient, plan: Plan): Promise<void> {
    await client.query(
      `INSERT INTO plans (plan_id, tenant, status, revision, state, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (plan_id) DO UPDATE SET status = EXCLUDED.status, revision = EXCLUDED.revision, state = EXCLUDED.state, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [plan.planId, plan.tenant, plan.status, plan.revision, JSON.stringify(plan), plan.version, plan.updatedAt],
    );
  }

  async plannableOrders(db: Queryable, tenant: string): Promise<PlannableWorkOrder[]> {
    const { rows } = await db.query<{ state: WorkOrder }>('SELECT state FROM work_orders WHERE tenant = $1 AND status = ANY($2) ORDER BY work_order_id', [tenant, PLANNABLE]);
    return rows.map(({ state }) => ({ workOrderId: state.workOrderId, tenant: state.tenant, assetId: state.assetId, kind: state.kind, dueAt: state.dueAt, evidence: state.evidence }));
  }

  async settings(db: Queryable, tenant: string): Promise<PlanSettings | null> {
    const { rows } = await db.query<{ settings: PlanSettings }>('SELECT settings FROM plan_settings WHERE tenant = $1', [tenant]);
    return rows[0]?.settings ?? null;
  }

  async storeSettings(db: Queryable, tenant: string, settings: PlanSettings, at: string): Promise<void> {
    await db.query(
      'INSERT INTO plan_settings (tenant, settings, updated_at) VALUES ($1, $2, $3) ON CONFLICT (tenant) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at',
      [tenant, JSON.stringify(settings), at],
    );
  }
}
