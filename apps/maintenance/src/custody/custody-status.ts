import { status as GrpcStatus } from '@grpc/grpc-js';
import type { PartRejectionCode } from '@fleettwin/domain-part';

/** Domain refusals to HTTP: missing → 404, bad input → 422, not allowed → 403, wrong state → 409. */
export const HTTP_STATUS: Record<PartRejectionCode, number> = {
  PART_NOT_FOUND: 404,
  PART_ALREADY_EXISTS: 409,
  WRONG_PART: 422,
  INVALID_INPUT: 422,
  PART_SCRAPPED: 409,
  PART_QUARANTINED: 409,
  PART_INSTALLED: 409,
  PART_NOT_INSTALLED: 409,
  WRONG_ASSET: 409,
  NOT_RELEASED: 409,
  LIFE_LIMIT_REACHED: 409,
  COUNTERS_WENT_BACKWARDS: 422,
  TRANSFER_PENDING: 409,
  NO_PENDING_TRANSFER: 409,
  NOT_OWNER: 403,
  NOT_RECEIVER: 403,
  ALREADY_QUARANTINED: 409,
  NOT_QUARANTINED: 409,
  NOT_AUTHORISED: 403,
};

const BY_HTTP: Record<number, GrpcStatus> = {
  404: GrpcStatus.NOT_FOUND,
  422: GrpcStatus.INVALID_ARGUMENT,
  403: GrpcStatus.PERMISSION_DENIED,
  409: GrpcStatus.FAILED_PRECONDITION,
};

export function grpcStatusOf(code: PartRejectionCode): GrpcStatus {
  if (code === 'PART_ALREADY_EXISTS') return GrpcStatus.ALREADY_EXISTS;
  return BY_HTTP[HTTP_STATUS[code]] ?? GrpcStatus.FAILED_PRECONDITION;
}
