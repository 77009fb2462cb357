import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { findFailureMode, propagate, type FailureModeCatalog, type PropagationDecided } from '@fleettwin/domain-failure-mode';
import type { WorkOrder, WorkOrderCommand } from '@fleettwin/domain-work-order';
import { PostgresEventStore } from '@fleettwin/event-store';
import { CONFIG } from '@fleettwin/platform';
import type { MaintenanceConfig } from '../config';
import { FailureModeCatalogStore } from '../catalog/failure-mode-catalog';
import { FleetFacts } from '../fleet/fleet-facts';

export type Execute = (client: PoolClient, command: WorkOrderCommand) => Promise<WorkOrder>;

const DEFAULT_INSPECTION_CYCLES = 50;

/**
 * A failure mode confirmed on one asset → inspections for the assets most like it in the same
 * tenant, advisories to other tenants that name none of the source's data. The decision is an
 * event of its own (`propagation-{workOrderId}`), so every inspection's reason is auditable.
 */
@Injectable()
export class PropagationService {
  private readonly facts = new FleetFacts();
  private readonly catalog = new FailureModeCatalogStore();

  constructor(@Inject(CONFIG) private readonly config: MaintenanceConfig) {}

  async afterCompletion(client: PoolClient, order: WorkOrder, execute: Execute): Promise<PropagationDecided | undefined> {
    const outcome = order.completion?.outcome;
    if (!order.completion || outcome?.kind !== 'confirmed') return undefined;
    const all = await this.facts.all(client);
    const source = all.find((f) => f.assetId === order.assetId);
    if (!source) return undefined;
    const decided = propagate(
      { failureModeCode: outcome.failureModeCode, source, workOrderId: order.workOrderId, confirmedAt: order.completion.at, confirmedBy: order.completion.technician },
      all.filter((f) => f.assetId !== order.assetId),
      this.config.PROPAGATION_THRESHOLD,
    );
    await new PostgresEventStore(client).append(client, `propagation-${order.workOrderId}`, 'no-stream', [{ type: decided.type, data: decided.data, occurredAt: decided.data.at }]);
    const modes = await this.catalog.load(client);
    for (const inspection of decided.data.inspections) await this.openInspection(client, execute, decided, inspection, modes);
    for (const advisory of decided.data.advisories) {
      await client.query('INSERT INTO advisories (advisory_id, tenant, advisory, created_at) VALUES ($1, $2, $3, $4)', [randomUUID(), advisory.tenant, advisory, decided.data.at]);
    }
    return decided;
  }

  private async openInspection(client: PoolClient, execute: Execute, decided: PropagationDecided, inspection: PropagationDecided['data']['inspections'][number], modes: FailureModeCatalog): Promise<void> {
    const { tenant, failureModeCode, at, sourceAssetId } = decided.data;
    const open = await client.query('SELECT 1 FROM work_orders WHERE asset_id = $1 AND failure_mode = $2 AND status NOT IN (\'completed\', \'cancelled\')', [inspection.assetId, failureModeCode]);
    if (open.rowCount) return; // one open order per asset and mode
    const cycles = findFailureMode(modes, failureModeCode)?.inspectionIntervalCycles ?? DEFAULT_INSPECTION_CYCLES;
    const dueAt = new Date(Date.parse(at) + (cycles / this.config.CYCLES_PER_DAY) * 86_400_000).toISOString();
    await execute(client, {
      type: 'OpenWorkOrder',
      data: {
        tenant,
        workOrderId: randomUUID(),
        assetId: inspection.assetId,
        kind: 'inspection',
        failureModeCode,
        priority: inspection.priority,
        dueAt,
        description: `propagated from ${sourceAssetId}: ${inspection.reason}`,
        evidence: null,
      },
      metadata: { at, actor: `propagation:${decided.data.workOrderId ?? sourceAssetId}`, idempotencyKey: `propagation:${decided.data.workOrderId}:${inspection.assetId}` },
    });
  }
}
