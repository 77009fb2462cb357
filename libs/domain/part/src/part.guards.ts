import type { Part } from './part.events';
import { reject, type PartRejection } from './part.rejections';
import type { AssetCounters } from './part.values';

/** Each guard returns the reason a command may not proceed, or null. */
export type Guard = () => PartRejection | null;

export function firstRejection(guards: readonly Guard[]): PartRejection | null {
  for (const guard of guards) {
    const rejection = guard();
    if (rejection) return rejection;
  }
  return null;
}

export const notQuarantined = (part: Part): Guard => () =>
  part.quarantine ? reject('PART_QUARANTINED', `part ${part.partId} is quarantined: ${part.quarantine.reasons.join('; ')}`) : null;

export const notInstalled = (part: Part): Guard => () =>
  part.location.kind === 'installed' ? reject('PART_INSTALLED', `part ${part.partId} is installed on ${part.location.assetId}; remove it first`) : null;

export const installedOn = (part: Part, assetId: string): Guard => () => {
  if (part.location.kind !== 'installed') return reject('PART_NOT_INSTALLED', `part ${part.partId} is not installed`);
  if (part.location.assetId !== assetId) return reject('WRONG_ASSET', `part ${part.partId} is installed on ${part.location.assetId}, not ${assetId}`);
  return null;
};

export const noPendingTransfer = (part: Part): Guard => () =>
  part.pendingTransfer ? reject('TRANSFER_PENDING', `transfer ${part.pendingTransfer.transferId} to ${part.pendingTransfer.to.id} awaits acknowledgement`) : null;

export const validCounters = (counters: AssetCounters): Guard => () =>
  [counters.hours, counters.cycles].every((v) => Number.isFinite(v) && v >= 0) ? null : reject('INVALID_INPUT', 'asset counters must be finite and non-negative');

/** Host counters only grow; lower ones mean a wrong asset, a reset meter or a typo. */
export const countersNotBehind = (part: Part, counters: AssetCounters): Guard => () => {
  if (part.location.kind !== 'installed') return null;
  const last = part.location.lastCounters;
  if (counters.hours >= last.hours && counters.cycles >= last.cycles) return null;
  return reject('COUNTERS_WENT_BACKWARDS', `counters ${counters.hours} h / ${counters.cycles} cyc are behind the last known ${last.hours} h / ${last.cycles} cyc`);
};

export const required = (field: string, value: string): Guard => () =>
  value.trim() ? null : reject('INVALID_INPUT', `${field} is required`);
