import { z } from 'zod';
import type { WorkOrderAction, } from '../routes/route-table';
import type { WorkOrderRpc } from '../upstream/work-order-client';

const Text = z.string().min(1).max(2000);
const Instant = z.string().datetime({ offset: true });
const Part = z.object({ partNumber: z.string().max(200).optional(), serial: z.string().min(1).max(200) }).strict();

/** What each lifecycle call takes in its body; tenant, id, actor and idempotency key come from elsewhere. */
export const TRANSITION_BODIES = {
  acknowledge: z.object({}).strict(),
  schedule: z.object({ scheduledFor: Instant, site: Text.optional() }).strict(),
  start: z.object({}).strict(),
  complete: z.object({
    completion: z.object({
      findings: Text,
      confirmedFailureMode: Text,
      partsRemoved: z.array(Part).max(500).default([]),
      partsInstalled: z.array(Part).max(500).default([]),
      organisation: Text.optional(),
      completedAt: Instant.optional(),
    }).strict(),
  }).strict(),
  defer: z.object({ reason: Text, until: Instant.optional() }).strict(),
  cancel: z.object({ reason: Text }).strict(),
} as const satisfies Record<WorkOrderAction, z.ZodTypeAny>;

export const TRANSITION_RPCS: Record<WorkOrderAction, WorkOrderRpc> = {
  acknowledge: 'Acknowledge',
  schedule: 'Schedule',
  start: 'Start',
  complete: 'Complete',
  defer: 'Defer',
  cancel: 'Cancel',
};
