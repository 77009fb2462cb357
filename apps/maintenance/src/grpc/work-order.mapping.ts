import { status as GrpcStatus } from '@grpc/grpc-js';
import type { PredictionEvidence } from '@fleettwin/contracts';
import type { WorkOrder, WorkOrderError } from '@fleettwin/domain-work-order';

/** Domain refusal → the gRPC status an ERP client can act on. */
export const GRPC_STATUS: Record<WorkOrderError['code'], GrpcStatus> = {
  NOT_FOUND: GrpcStatus.NOT_FOUND,
  ILLEGAL_TRANSITION: GrpcStatus.FAILED_PRECONDITION,
  ALREADY_EXISTS: GrpcStatus.ALREADY_EXISTS,
  INVALID: GrpcStatus.INVALID_ARGUMENT,
  NOT_COMPLETED: GrpcStatus.FAILED_PRECONDITION,
  ALREADY_VERIFIED: GrpcStatus.FAILED_PRECONDITION,
};

export interface WorkOrderMessage {
  id: string;
  tenant: string;
  assetId: string;
  kind: string;
  failureMode: string;
  priority: number;
  status: string;
  dueAt: string;
  scheduledFor: string;
  evidence: ReturnType<typeof evidenceMessage>[];
  completion: Record<string, unknown> | null;
  effect: string;
  reason: string;
  createdAt: string;
  updatedAt: string;
  version: string;
}

export function toMessage(order: WorkOrder): WorkOrderMessage {
  return {
    id: order.workOrderId,
    tenant: order.tenant,
    assetId: order.assetId,
    kind: order.kind,
    failureMode: order.failureModeCode,
    priority: order.priority,
    status: order.status,
    dueAt: order.dueAt,
    scheduledFor: order.scheduledFor ?? '',
    evidence: order.evidence.map(evidenceMessage),
    completion: order.completion
      ? {
          findings: order.completion.findings,
          confirmedFailureMode: order.completion.outcome.kind === 'confirmed' ? order.completion.outcome.failureModeCode : 'NO-FAULT-FOUND',
          partsRemoved: order.completion.partsRemoved.map((serial) => ({ partNumber: '', serial })),
          partsInstalled: order.completion.partsInstalled.map((serial) => ({ partNumber: '', serial })),
          technician: order.completion.technician,
          organisation: order.completion.organisation,
          completedAt: order.completion.at,
        }
      : null,
    effect: order.effect?.outcome ?? '',
    reason: order.description ?? '',
    createdAt: order.openedAt,
    updatedAt: order.updatedAt,
    version: String(order.version),
  };
}

function evidenceMessage(e: PredictionEvidence) {
  return {
    predictionStream: e.source.streamId,
    predictionVersion: String(e.source.version),
    failureProbability: e.failureProbability,
    rulMean: e.rul.mean,
    rulLower: e.rul.lower,
    rulUpper: e.rul.upper,
    topSensors: e.topSensors,
    modelVersion: e.modelVersion,
    reason: `P(failure within ${e.horizon} cycles) ${e.failureProbability}, RUL ${e.rul.lower}-${e.rul.upper}`,
  };
}
