import type { PoolClient } from 'pg';
import type { LifeLimitApproaching, Part, PartEvent } from '@fleettwin/domain-part';
import type { OpenWorkOrder } from '@fleettwin/domain-work-order';
import { randomUUID } from 'node:crypto';

export const LIFE_LIMIT_MODE = 'LIFE-LIMIT';

/**
 * A life-limited part nearing its limit while installed → one replacement work order on its host
 * asset (in the host's tenant, due when the remaining life runs out at the assumed utilisation).
 * The idempotency key is the part and measure, so a warning replayed does not raise a second order.
 */
export async function lifeLimitWorkOrders(client: PoolClient, part: Part, events: readonly PartEvent[], cyclesPerDay: number): Promise<OpenWorkOrder[]> {
  const warnings = events.filter((e): e is LifeLimitApproaching => e.type === 'LifeLimitApproaching');
  if (!warnings.length || part.location.kind !== 'installed') return [];
  const assetId = part.location.assetId;
  const { rows } = await client.query<{ tenant: string }>('SELECT tenant FROM fleet_assets WHERE asset_id = $1', [assetId]);
  const tenant = rows[0]?.tenant;
  if (!tenant) return [];
  return warnings.map((warning) => {
    const remaining = Math.max(0, warning.data.limit - warning.data.consumed);
    const days = warning.data.measure === 'cycles' ? remaining / cyclesPerDay : remaining / 24;
    const at = warning.metadata.occurredAt;
    return {
      type: 'OpenWorkOrder',
      data: {
        tenant,
        workOrderId: randomUUID(),
        assetId,
        kind: 'replacement',
        failureModeCode: LIFE_LIMIT_MODE,
        priority: warning.data.ratio >= 0.97 ? 1 : 2,
        dueAt: new Date(Date.parse(at) + days * 86_400_000).toISOString(),
        description: `life-limited part ${part.partNumber} s/n ${part.serialNumber} at ${Math.round(warning.data.ratio * 100)} % of its ${warning.data.limit} ${warning.data.measure} limit`,
        evidence: null,
      },
      metadata: { at, actor: 'custody:life-limit', idempotencyKey: `life-limit:${part.partId}:${warning.data.measure}` },
    };
  });
}
