/** Why a command was refused. Adapters map codes to HTTP/gRPC statuses; the message is for people. */
export type PartRejectionCode =
  | 'PART_NOT_FOUND'
  | 'PART_ALREADY_EXISTS'
  | 'WRONG_PART'
  | 'INVALID_INPUT'
  | 'PART_SCRAPPED'
  | 'PART_QUARANTINED'
  | 'PART_INSTALLED'
  | 'PART_NOT_INSTALLED'
  | 'WRONG_ASSET'
  | 'NOT_RELEASED'
  | 'LIFE_LIMIT_REACHED'
  | 'COUNTERS_WENT_BACKWARDS'
  | 'TRANSFER_PENDING'
  | 'NO_PENDING_TRANSFER'
  | 'NOT_OWNER'
  | 'NOT_RECEIVER'
  | 'ALREADY_QUARANTINED'
  | 'NOT_QUARANTINED'
  | 'NOT_AUTHORISED';

export interface PartRejection {
  code: PartRejectionCode;
  message: string;
}

export function reject(code: PartRejectionCode, message: string): PartRejection {
  return { code, message };
}

/** The authorisation a user needs to lift a quarantine (a quality manager, typically). */
export const RESOLVE_QUARANTINE = 'custody:resolve-quarantine';
