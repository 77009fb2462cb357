import { remainingLife, type Part } from '@fleettwin/domain-part';

export type PartStatusName = 'scrapped' | 'quarantined' | 'in-transfer' | 'installed' | 'stored' | 'unplaced';

/** One word for lists and filters; quarantine wins over where the part is. */
export function partStatus(part: Part): PartStatusName {
  if (part.scrapped) return 'scrapped';
  if (part.quarantine) return 'quarantined';
  if (part.pendingTransfer) return 'in-transfer';
  return part.location.kind;
}

/** What `GET /v1/parts/{id}` answers: status, quarantine and life consumed, plus the full state. */
export function partView(part: Part) {
  return {
    partId: part.partId,
    status: partStatus(part),
    quarantined: part.quarantine !== null,
    quarantine: part.quarantine,
    released: part.released,
    owner: part.owner,
    location: part.location,
    pendingTransfer: part.pendingTransfer,
    life: { limits: part.lifeLimits, consumed: part.consumed, remaining: remainingLife(part) },
    version: part.version,
    state: part,
  };
}
export type PartView = ReturnType<typeof partView>;
