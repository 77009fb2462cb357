import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { decide, evolve, type WorkOrder, type WorkOrderCommand, type WorkOrderError, type WorkOrderEvent } from '@fleettwin/domain-work-order';
import { PostgresEventStore } from '@fleettwin/event-store';
import { workOrderEvents } from '@fleettwin/metrics';
import { inTransaction } from '@fleettwin/postgres';
import { PG_POOL } from '@fleettwin/platform';
import { activeTraceContext } from '@fleettwin/tracing';
import { WorkOrderRepository } from './work-order.repository';
import { PropagationService } from '../propagation/propagation.service';
import { WorkOrderEventsRelay } from './work-order-events.relay';

export const workOrderStreamId = (workOrderId: string): string => `work-order-${workOrderId}`;

/** A domain refusal, carried to the adapter that maps it to a gRPC or HTTP status. */
export class WorkOrderRefused extends Error {
  constructor(readonly refusal: WorkOrderError) {
    super(refusal.message);
  }
}

/**
 * Runs work-order commands: lock, decide, append to the order's stream with its expected version,
 * update the read model, all in one transaction. A command repeated with the same idempotency key
 * decides no events and returns the order as it is.
 */
@Injectable()
export class WorkOrders {
  private readonly orders = new WorkOrderRepository();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly relay: WorkOrderEventsRelay,
    private readonly propagation: PropagationService,
  ) {}

  /** Runs a command; a completion that confirms a failure mode propagates it in the same transaction. */
  async execute(command: WorkOrderCommand): Promise<WorkOrder> {
    const order = await inTransaction(this.pool, async (client) => {
      const before = command.type === 'CompleteWorkOrder' ? (await this.orders.loadForUpdate(client, command.data.workOrderId))?.status : undefined;
      const after = await this.executeIn(client, command);
      if (before && before !== 'completed' && after.status === 'completed') await this.propagation.afterCompletion(client, after, (c, cmd) => this.executeIn(c, cmd));
      return after;
    });
    this.relay.notify();
    return order;
  }

  /** After a transaction that ran `executeIn` elsewhere has committed: publish its events now. */
  notify(): void {
    this.relay.notify();
  }

  async executeIn(client: PoolClient, command: WorkOrderCommand): Promise<WorkOrder> {
    const current = await this.orders.loadForUpdate(client, command.data.workOrderId);
    if (current && current.tenant !== command.data.tenant) throw new WorkOrderRefused({ code: 'NOT_FOUND', message: `no work order ${command.data.workOrderId}` });
    const decision = decide(command, current);
    if (!decision.ok) throw new WorkOrderRefused(decision.error);
    if (!decision.events.length && current) return current;
    const next = decision.events.reduce<WorkOrder | null>(evolve, current);
    if (!next) throw new Error(`work order ${command.data.workOrderId}: events produced no state`);
    const traceContext = activeTraceContext();
    await new PostgresEventStore(client).append(client, workOrderStreamId(next.workOrderId), current ? current.version : 'no-stream', decision.events.map((e) => ({ ...toNewEvent(e), ...(traceContext ? { traceContext } : {}) })));
    await this.orders.save(client, next);
    workOrderEvents.inc({ status: next.status }, decision.events.length);
    return next;
  }
}

function toNewEvent(event: WorkOrderEvent) {
  return { type: event.type, data: event.data, occurredAt: event.data.at };
}
