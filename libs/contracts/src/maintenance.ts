import { z } from 'zod';
import { StorableInstant } from './telemetry';
import { AssetId, SensorName, TenantId } from './identifiers';

/** What a work order asks a technician to do. */
export const WORK_ORDER_KINDS = ['inspection', 'repair', 'replacement', 'calibration'] as const;
export const WorkOrderKind = z.enum(WORK_ORDER_KINDS);
export type WorkOrderKind = z.infer<typeof WorkOrderKind>;

export const WORK_ORDER_STATUSES = ['open', 'acknowledged', 'scheduled', 'in-progress', 'completed', 'cancelled', 'deferred'] as const;
export const WorkOrderStatus = z.enum(WORK_ORDER_STATUSES);
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>;

/** 1 is the most urgent. Names are accepted at the edge so ERP systems can send either. */
export const PRIORITY_NAMES = { critical: 1, high: 2, medium: 3, low: 4 } as const;
export const PriorityLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type PriorityLevel = z.infer<typeof PriorityLevel>;
export const Priority = z.union([PriorityLevel, z.enum(['critical', 'high', 'medium', 'low']).transform((name) => PRIORITY_NAMES[name])]);

/** Failure-mode codes are short upper-case tokens (`HPC-DEG`); `UNCLASSIFIED` when no mode matched. */
export const FailureModeCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, 'failure-mode codes are 2-32 upper-case letters, digits or "-"');
export type FailureModeCode = z.infer<typeof FailureModeCode>;

// Found by fuzzing: `+25:00` passed `datetime()` and `new Date(…).toISOString()` then threw (a 500).
const Instant = StorableInstant;
const Probability = z.number().min(0).max(1);
const Text = z.string().trim().min(1).max(2000);

/**
 * The part of a prediction (`fleet.predictions.v1`) that justifies maintenance: where it came
 * from, the scores and the sensors that drove them. The failure mode is classified by the
 * maintenance service against its catalog before the policy sees it.
 */
export const PredictionEvidence = z
  .object({
    tenant: TenantId,
    assetId: AssetId,
    source: z.object({ streamId: z.string().min(1), version: z.number().int().nonnegative() }),
    modelVersion: z.string().min(1),
    cycle: z.number().int().nonnegative(),
    occurredAt: Instant,
    healthIndex: z.number(),
    rul: z.object({ mean: z.number(), lower: z.number(), upper: z.number(), coverage: Probability }),
    failureProbability: Probability,
    horizon: z.number().int().positive(),
    topSensors: z.array(SensorName).max(16),
    failureMode: z.object({ code: FailureModeCode, similarity: z.number().min(-1).max(1) }).nullable(),
  })
  .strict();
export type PredictionEvidence = z.infer<typeof PredictionEvidence>;

export const PartSerial = z.string().trim().min(1).max(128);

/** What the technician found: the confirmed mode, or that nothing was wrong. */
export const WorkOrderOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirmed'), failureModeCode: FailureModeCode }).strict(),
  z.object({ kind: z.literal('no-fault-found') }).strict(),
]);
export type WorkOrderOutcome = z.infer<typeof WorkOrderOutcome>;

export const HealthSnapshot = z.object({ healthIndex: z.number(), failureProbability: Probability }).strict();
export type HealthSnapshot = z.infer<typeof HealthSnapshot>;

/** `POST /v1/work-orders` body: a work order raised by hand (the policy raises the rest). */
export const CreateWorkOrderRequest = z
  .object({
    tenant: TenantId,
    assetId: AssetId,
    kind: WorkOrderKind,
    failureModeCode: FailureModeCode,
    priority: Priority,
    dueAt: Instant,
    description: Text.optional(),
  })
  .strict();
export type CreateWorkOrderRequest = z.infer<typeof CreateWorkOrderRequest>;

export const AcknowledgeWorkOrderRequest = z.object({ tenant: TenantId }).strict();
export const ScheduleWorkOrderRequest = z.object({ tenant: TenantId, scheduledFor: Instant, organisation: Text.optional() }).strict();
export const StartWorkOrderRequest = z.object({ tenant: TenantId, technician: Text }).strict();
export const DeferWorkOrderRequest = z.object({ tenant: TenantId, reason: Text, until: Instant.optional() }).strict();
export const CancelWorkOrderRequest = z.object({ tenant: TenantId, reason: Text }).strict();
export const CompleteWorkOrderRequest = z
  .object({
    tenant: TenantId,
    findings: Text,
    outcome: WorkOrderOutcome,
    partsRemoved: z.array(PartSerial).max(200).default([]),
    partsInstalled: z.array(PartSerial).max(200).default([]),
    technician: Text,
    organisation: Text,
  })
  .strict();
export const VerifyEffectRequest = z.object({ tenant: TenantId, before: HealthSnapshot, after: HealthSnapshot }).strict();
export type ScheduleWorkOrderRequest = z.infer<typeof ScheduleWorkOrderRequest>;
export type StartWorkOrderRequest = z.infer<typeof StartWorkOrderRequest>;
export type DeferWorkOrderRequest = z.infer<typeof DeferWorkOrderRequest>;
export type CancelWorkOrderRequest = z.infer<typeof CancelWorkOrderRequest>;
export type CompleteWorkOrderRequest = z.infer<typeof CompleteWorkOrderRequest>;
export type VerifyEffectRequest = z.infer<typeof VerifyEffectRequest>;

/** `GET /v1/work-orders/{id}` body. */
export const WorkOrderView = z.object({
  tenant: z.string(),
  workOrderId: z.string(),
  assetId: z.string(),
  kind: WorkOrderKind,
  failureModeCode: z.string(),
  status: WorkOrderStatus,
  priority: PriorityLevel,
  dueAt: z.string(),
  description: z.string().nullable(),
  evidence: z.array(PredictionEvidence),
  scheduledFor: z.string().nullable(),
  deferral: z.object({ reason: z.string(), until: z.string().nullable(), at: z.string() }).nullable(),
  cancellation: z.object({ reason: z.string(), at: z.string() }).nullable(),
  completion: z
    .object({
      findings: z.string(),
      outcome: WorkOrderOutcome,
      partsRemoved: z.array(z.string()),
      partsInstalled: z.array(z.string()),
      technician: z.string(),
      organisation: z.string(),
      at: z.string(),
    })
    .nullable(),
  effect: z.object({ outcome: z.enum(['verified', 'ineffective']), before: HealthSnapshot, after: HealthSnapshot, at: z.string() }).nullable(),
  openedAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type WorkOrderView = z.infer<typeof WorkOrderView>;

/** Why one asset looks like another; categories only, so they can cross a tenant boundary. */
export const SIMILARITY_REASONS = ['same-model-variant', 'same-model', 'same-build-batch', 'close-tolerances', 'same-climate', 'same-route', 'similar-usage', 'signature-match'] as const;
export const SimilarityReason = z.enum(SIMILARITY_REASONS);
export type SimilarityReason = z.infer<typeof SimilarityReason>;

/**
 * What another tenant is told when a confirmed failure mode may affect its assets: the mode, the
 * build it concerns and why, and its own assets at risk, never anything of the source's asset.
 */
export const PropagationAdvisory = z
  .object({
    tenant: TenantId,
    failureModeCode: FailureModeCode,
    model: z.string(),
    variant: z.string(),
    buildBatch: z.string(),
    assets: z.array(z.object({ assetId: AssetId, score: Probability, reasons: z.array(SimilarityReason) })),
  })
  .strict();
export type PropagationAdvisory = z.infer<typeof PropagationAdvisory>;
