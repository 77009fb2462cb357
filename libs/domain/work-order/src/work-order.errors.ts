import type { WorkOrderStatus } from '@fleettwin/contracts';

export type WorkOrderErrorCode = 'ILLEGAL_TRANSITION' | 'NOT_FOUND' | 'ALREADY_EXISTS' | 'INVALID' | 'NOT_COMPLETED' | 'ALREADY_VERIFIED';

/** A refused command. Adapters map codes to status codes (NOT_FOUND → 404, the rest → 409/422). */
export type WorkOrderError =
  | { code: 'ILLEGAL_TRANSITION'; message: string; from: WorkOrderStatus; to: WorkOrderStatus }
  | { code: Exclude<WorkOrderErrorCode, 'ILLEGAL_TRANSITION'>; message: string };

export const illegalTransition = (workOrderId: string, from: WorkOrderStatus, to: WorkOrderStatus): WorkOrderError => ({
  code: 'ILLEGAL_TRANSITION',
  message: `work order ${workOrderId} cannot go from ${from} to ${to}`,
  from,
  to,
});

export const workOrderError = (code: Exclude<WorkOrderErrorCode, 'ILLEGAL_TRANSITION'>, message: string): WorkOrderError => ({ code, message });
