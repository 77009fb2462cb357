import type { WorkOrder, WorkOrderStatus } from '../../api/types';

/** Board columns, left to right, in the order work flows; deferred and closed ones sit at the end. */
export const BOARD_COLUMNS: readonly WorkOrderStatus[] = ['open', 'acknowledged', 'scheduled', 'in-progress', 'deferred', 'completed', 'cancelled'];

export type WorkOrderAction = 'acknowledge' | 'schedule' | 'start' | 'complete' | 'defer' | 'cancel';

/** The gateway's transitions (docs/gateway.md) from each status, as maintenance's lifecycle allows them. */
const ACTIONS: Readonly<Record<WorkOrderStatus, readonly WorkOrderAction[]>> = {
  open: ['acknowledge', 'defer', 'cancel'],
  acknowledged: ['schedule', 'defer', 'cancel'],
  scheduled: ['start', 'defer', 'cancel'],
  'in-progress': ['complete'],
  deferred: ['schedule', 'cancel'],
  completed: [],
  cancelled: [],
};

export function actionsFor(status: WorkOrderStatus): readonly WorkOrderAction[] {
  return ACTIONS[status];
}

/** Actions that need more than a click: what the form asks for. */
export const ACTION_FIELDS: Readonly<Record<WorkOrderAction, readonly ('scheduledFor' | 'site' | 'reason' | 'until' | 'findings' | 'confirmedFailureMode')[]>> = {
  acknowledge: [],
  schedule: ['scheduledFor', 'site'],
  start: [],
  complete: ['findings', 'confirmedFailureMode'],
  defer: ['reason', 'until'],
  cancel: ['reason'],
};

export type ActionForm = Partial<Record<'scheduledFor' | 'site' | 'reason' | 'until' | 'findings' | 'confirmedFailureMode', string>>;

/** The request body of one transition from what the user typed; datetime-local values are read as UTC. */
export function transitionBody(action: WorkOrderAction, form: ActionForm): Record<string, unknown> {
  const instant = (value: string | undefined) => (value ? new Date(value.endsWith('Z') ? value : `${value}Z`).toISOString() : undefined);
  switch (action) {
    case 'acknowledge':
    case 'start':
      return {};
    case 'schedule':
      return { scheduledFor: instant(form.scheduledFor), ...(form.site ? { site: form.site } : {}) };
    case 'defer':
      return { reason: form.reason ?? '', ...(form.until ? { until: instant(form.until) } : {}) };
    case 'cancel':
      return { reason: form.reason ?? '' };
    case 'complete':
      return { completion: { findings: form.findings ?? '', confirmedFailureMode: form.confirmedFailureMode ?? '' } };
  }
}

export function groupByStatus(orders: readonly WorkOrder[]): Record<WorkOrderStatus, WorkOrder[]> {
  const columns = Object.fromEntries(BOARD_COLUMNS.map((s) => [s, [] as WorkOrder[]])) as Record<WorkOrderStatus, WorkOrder[]>;
  for (const order of orders) columns[order.status]?.push(order);
  for (const status of BOARD_COLUMNS) columns[status].sort((a, b) => a.priority - b.priority || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
  return columns;
}

/** A propagated order's reason names its source: "propagated from ESN-3247: same build batch …". */
export function propagationSource(order: Pick<WorkOrder, 'reason'>): string | undefined {
  return /propagated from\s+([A-Za-z0-9][A-Za-z0-9._:-]*[A-Za-z0-9])/i.exec(order.reason)?.[1];
}

/** Replaces one order by its newer version (by `version`, then `updatedAt`), or adds it. */
export function upsertWorkOrder(orders: readonly WorkOrder[], changed: WorkOrder): WorkOrder[] {
  const index = orders.findIndex((o) => o.id === changed.id);
  if (index < 0) return [changed, ...orders];
  const current = orders[index] as WorkOrder;
  if (Number(current.version) > Number(changed.version)) return orders.slice();
  const copy = orders.slice();
  copy[index] = changed;
  return copy;
}
