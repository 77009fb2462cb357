import { z } from 'zod';
import { isStorableInstant } from '@fleettwin/contracts';
import type { WorkOrderAction, } from '../routes/route-table';
import type { WorkOrderRpc } from '../upstream/work-order-client';

// Maintenance refuses blank text (found by fuzzing: " " passed here and was refused there).
const Text = z.string().min(1).max(2000).refine((s) => s.trim() !== '', 'must not be blank');
// Maintenance stores these as PostgreSQL timestamps: refused here, naming the field, as maintenance would.
const Instant = z.string().datetime({ offset: true }).refine(isStorableInstant, 'must lie between 1900-01-01 and 2200-01-01');
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
      // Maintenance requires who did the work (found by fuzzing: the gateway let it be omitted, maintenance then refused).
      organisation: Text,
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
