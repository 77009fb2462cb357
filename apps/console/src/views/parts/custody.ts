import type { CustodyRecord, PartCustody } from '../../api/types';

export interface ChainBreak {
  sequence: number;
  rule: string;
  detail: string;
  at?: string;
}

/** The custody rules the ledger found broken, in order (`CustodyChainBroken` events). */
export function chainBreaks(events: readonly CustodyRecord[]): ChainBreak[] {
  return events.filter((e) => e.event.type === 'CustodyChainBroken').map((e) => ({
    sequence: e.sequence,
    rule: typeof e.event.data.rule === 'string' ? e.event.data.rule : 'unknown',
    detail: typeof e.event.data.detail === 'string' ? e.event.data.detail : '',
    ...(e.event.metadata.occurredAt ? { at: e.event.metadata.occurredAt } : {}),
  }));
}

export type CustodyBadge = { kind: 'verified'; label: string; title: string } | { kind: 'broken'; label: string; title: string };

/**
 * Verified only when the signed dossier checks out and no custody rule was broken; a failed check
 * (tampered or truncated history) or a recorded break is a broken chain, with the reason as title.
 */
export function custodyBadge(custody: Pick<PartCustody, 'events' | 'verification'>): CustodyBadge {
  if (!custody.verification.valid) {
    return { kind: 'broken', label: 'Broken chain', title: `${custody.verification.failure.reason}: ${custody.verification.failure.message}` };
  }
  const breaks = chainBreaks(custody.events);
  if (breaks.length) return { kind: 'broken', label: 'Broken chain', title: breaks.map((b) => `#${b.sequence} ${b.rule}`).join(', ') };
  const { checkpoint } = custody.verification;
  return { kind: 'verified', label: 'Verified', title: `${custody.verification.events} records, in checkpoint ${checkpoint.origin} of size ${checkpoint.size}` };
}

/** One line a person can read for a custody record: who did what, where. */
export function describeRecord(record: CustodyRecord): string {
  const d = record.event.data;
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  switch (record.event.type) {
    case 'PartManufactured': return `Manufactured, batch ${text('batch') ?? '?'}`;
    case 'PartInstalled': return `Installed on ${text('assetId') ?? '?'} at ${text('position') ?? '?'}`;
    case 'PartRemoved': return `Removed from ${text('assetId') ?? '?'}: ${text('reason') ?? ''}`;
    case 'PartStored': return `Stored at ${text('location') ?? '?'}`;
    case 'CustodyChainBroken': return `Custody rule broken: ${text('rule') ?? '?'} — ${text('detail') ?? ''}`;
    default: return record.event.type.replace(/^Part/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  }
}
