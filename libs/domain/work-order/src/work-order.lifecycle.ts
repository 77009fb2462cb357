import type { WorkOrderStatus } from '@fleettwin/contracts';

/**
 * Which status may follow which. Deferral is a parking state, not an end: a deferred order goes
 * back to `scheduled` when a slot is found, or is cancelled. Completed and cancelled are final.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<WorkOrderStatus, readonly WorkOrderStatus[]>> = {
  open: ['acknowledged', 'deferred', 'cancelled'],
  acknowledged: ['scheduled', 'deferred', 'cancelled'],
  scheduled: ['in-progress', 'deferred', 'cancelled'],
  'in-progress': ['completed'],
  deferred: ['scheduled', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function mayTransition(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function isClosed(status: WorkOrderStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}
