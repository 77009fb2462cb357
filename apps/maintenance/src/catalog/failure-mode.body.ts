import { z } from 'zod';
import { WorkOrderKind } from '@fleettwin/contracts';

/**
 * The shapes of the catalog's REST bodies; the domain (validateFailureMode) then checks their meaning.
 * Without them a body such as `"text"` or `{"component": 1}` reached `.trim()` and answered 500 (found by fuzzing).
 */
const Text = z.string().max(2000);
const FailureModeFields = {
  component: Text,
  description: Text,
  signature: z.record(z.string().max(64), z.enum(['up', 'down'])),
  recommendedAction: z.object({ kind: WorkOrderKind, instructions: Text }).strict(),
  inspectionIntervalCycles: z.number().finite(),
};

export const AddFailureModeBody = z.object({ code: z.string().max(64), ...FailureModeFields }).strict();
export const UpdateFailureModeBody = z.object(FailureModeFields).partial().extend({ retired: z.boolean().optional() }).strict();
