import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { PlanSettings, PredictedOrder } from '@fleettwin/contracts';
import { decidePlan, evolvePlan, planDrift, planProblemFrom, predictedWorkOrders, type PlanDrift, type Assignment, type Plan, type PlanCommand, type PlanError, type PlanEvent, type PlanProposal } from '@fleettwin/domain-plan';
import { PostgresEventStore } from '@fleettwin/event-store';
import { optimisePlanInWorker } from '@fleettwin/plan-solver';
import { inTransaction } from '@fleettwin/postgres';
import { CONFIG, PG_POOL } from '@fleettwin/platform';
import type { MaintenanceConfig } from '../config';
import { PlanRepository, type PlanSummary } from './plan.repository';

export const planStreamId = (planId: string): string => `plan-${planId}`;

/** A domain refusal, or a request that cannot be planned; the controller maps the code to a status. */
export class PlanRefused extends Error {
  constructor(readonly refusal: PlanError | { code: 'NO_SETTINGS' | 'CHANGED_MEANWHILE'; message: string }) {
    super(refusal.message);
  }
}

/**
 * Computes plans (greedy + HiGHS, outside any transaction: a solve takes seconds) and records them
 * as events of the plan's stream with its read model, in one transaction.
 */
@Injectable()
export class Plans {
  private readonly plans = new PlanRepository();

  constructor(@Inject(PG_POOL) private readonly pool: Pool, @Inject(CONFIG) private readonly config: MaintenanceConfig) {}

  async propose(tenant: string, actor: string, at: string, request: { settings?: PlanSettings; planId?: string; predictedOrders?: PredictedOrder[] }): Promise<Plan> {
    const planId = request.planId ?? `plan-${randomUUID()}`;
    const proposal = await this.compute(tenant, await this.settingsFor(tenant, request.settings), [], request.predictedOrders ?? []);
    return this.execute({ type: 'ProposePlan', data: { planId, tenant, proposal }, metadata: { at, actor } }, null);
  }

  /** The tenant's open orders now, against the accepted assignments: moving one costs the change penalty. */
  async replan(tenant: string, planId: string, actor: string, at: string, settings?: PlanSettings, predictedOrders: PredictedOrder[] = []): Promise<Plan> {
    const plan = await this.find(tenant, planId);
    if (!plan) throw new PlanRefused({ code: 'NOT_FOUND', message: `no plan ${planId}` });
    const proposal = await this.compute(tenant, settings ?? plan.current.settings, plan.accepted ?? [], predictedOrders);
    return this.execute({ type: 'RevisePlan', data: { planId, tenant, proposal }, metadata: { at, actor } }, plan.version);
  }

  async accept(tenant: string, planId: string, revision: number, actor: string, at: string): Promise<Plan> {
    return this.execute({ type: 'AcceptPlan', data: { planId, tenant, revision }, metadata: { at, actor } }, undefined);
  }

  find(tenant: string, planId: string): Promise<Plan | null> {
    return this.plans.find(this.pool, tenant, planId);
  }

  /** How the tenant's open orders moved since the plan's current revision was computed. */
  async drift(plan: Plan): Promise<PlanDrift> {
    return planDrift(plan.current.problem, await this.plans.plannableOrders(this.pool, plan.tenant));
  }

  list(tenant: string, limit: number): Promise<PlanSummary[]> {
    return this.plans.list(this.pool, tenant, limit);
  }

  storedSettings(tenant: string): Promise<PlanSettings | null> {
    return this.plans.settings(this.pool, tenant);
  }

  storeSettings(tenant: string, settings: PlanSettings, at: string): Promise<void> {
    return this.plans.storeSettings(this.pool, tenant, settings, at);
  }

  private async settingsFor(tenant: string, given?: PlanSettings): Promise<PlanSettings> {
    const settings = given ?? (await this.plans.settings(this.pool, tenant));
    if (!settings) throw new PlanRefused({ code: 'NO_SETTINGS', message: `no settings given and none stored for ${tenant} (POST /v1/plan-settings)` });
    return settings;
  }

  private async compute(tenant: string, settings: PlanSettings, accepted: readonly Assignment[], predicted: readonly PredictedOrder[]): Promise<PlanProposal> {
    const open = await this.plans.plannableOrders(this.pool, tenant);
    const context = { tenant, cyclesPerDay: this.config.CYCLES_PER_DAY, accepted };
    const problem = planProblemFrom(settings, [...open, ...predictedWorkOrders(predicted, open, settings, context)], context);
    const result = await optimisePlanInWorker(problem, settings.solver);
    return { settings, problem, assignments: result.assignments, optimised: result.optimised, greedy: result.greedy, solver: result.solver };
  }

  /**
   * Decides and records one command. `expectedVersion` (when given) is the version the proposal
   * was computed from: a plan changed meanwhile is not overwritten by a stale computation.
   */
  private async execute(command: PlanCommand, expectedVersion: number | null | undefined): Promise<Plan> {
    return inTransaction(this.pool, async (client: PoolClient) => {
      const current = await this.plans.loadForUpdate(client, command.data.planId);
      if (current && current.tenant !== command.data.tenant) throw new PlanRefused({ code: 'NOT_FOUND', message: `no plan ${command.data.planId}` });
      if (typeof expectedVersion === 'number' && current && current.version !== expectedVersion) {
        throw new PlanRefused({ code: 'CHANGED_MEANWHILE', message: `plan ${command.data.planId} changed while it was being re-planned; try again` });
      }
      const decision = decidePlan(command, current);
      if (!decision.ok) throw new PlanRefused(decision.error);
      if (!decision.events.length && current) return current;
      const next = decision.events.reduce<Plan | null>(evolvePlan, current);
      if (!next) throw new Error(`plan ${command.data.planId}: events produced no state`);
      await new PostgresEventStore(client).append(client, planStreamId(next.planId), current ? current.version : 'no-stream', decision.events.map(toNewEvent));
      await this.plans.save(client, next);
      return next;
    });
  }
}

function toNewEvent(event: PlanEvent) {
  return { type: event.type, data: event.data, occurredAt: event.data.at };
}
