import type { ChainRule } from './custody-rules';
import type { AssetCounters, LifeLimits, LifeMeasure, OrganisationRef, ReleaseCertificate } from './part.values';

/** Who recorded an event, when, and as which organisation: every custody fact names its actor. */
export interface PartEventMetadata {
  eventId: string;
  partId: string;
  occurredAt: string;
  organisation: OrganisationRef;
  userId: string;
}

type PartEventOf<T extends string, D> = { type: T; data: D; metadata: PartEventMetadata };

export type PartManufactured = PartEventOf<'PartManufactured', { partNumber: string; serialNumber: string; batch: string; lifeLimits: LifeLimits }>;
export type PartCertified = PartEventOf<'PartCertified', { certificate: ReleaseCertificate }>;
export type PartInstalled = PartEventOf<'PartInstalled', { assetId: string; position: string; assetCounters: AssetCounters }>;
export type UsageRecorded = PartEventOf<'UsageRecorded', { assetId: string; assetCounters: AssetCounters }>;
/** assetCounters null: the part came off without the host's counters being read. */
export type PartRemoved = PartEventOf<'PartRemoved', { assetId: string; assetCounters: AssetCounters | null; reason: string; serviceable: boolean }>;
export type PartInspected = PartEventOf<'PartInspected', { findings: string; serviceable: boolean }>;
export type PartRepaired = PartEventOf<'PartRepaired', { kind: 'repair' | 'overhaul'; description: string; releaseCertificate: ReleaseCertificate | null }>;
export type PartStored = PartEventOf<'PartStored', { location: string; conditions: string }>;
export type PartTransferred = PartEventOf<'PartTransferred', { transferId: string; from: OrganisationRef; to: OrganisationRef }>;
export type TransferAcknowledged = PartEventOf<'TransferAcknowledged', { transferId: string }>;
export type PartScrapped = PartEventOf<'PartScrapped', { reason: string; mutilated: boolean }>;
export type CustodyChainBroken = PartEventOf<'CustodyChainBroken', { rule: ChainRule; detail: string }>;
export type PartQuarantined = PartEventOf<'PartQuarantined', { reasons: string[] }>;
export type QuarantineResolved = PartEventOf<'QuarantineResolved', { reason: string }>;
export type LifeLimitApproaching = PartEventOf<'LifeLimitApproaching', { measure: LifeMeasure; consumed: number; limit: number; ratio: number; threshold: number }>;

export type PartEvent =
  | PartManufactured
  | PartCertified
  | PartInstalled
  | UsageRecorded
  | PartRemoved
  | PartInspected
  | PartRepaired
  | PartStored
  | PartTransferred
  | TransferAcknowledged
  | PartScrapped
  | CustodyChainBroken
  | PartQuarantined
  | QuarantineResolved
  | LifeLimitApproaching;

export type PartEventType = PartEvent['type'];

export type PartLocation =
  | { kind: 'unplaced' }
  | { kind: 'installed'; assetId: string; position: string; lastCounters: AssetCounters; lastUsageAt: string }
  | { kind: 'stored'; location: string; conditions: string };

export interface PendingTransfer {
  transferId: string;
  from: OrganisationRef;
  to: OrganisationRef;
  at: string;
}

export interface Part {
  partId: string;
  partNumber: string;
  serialNumber: string;
  batch: string;
  owner: OrganisationRef;
  scrapped: boolean;
  /** Holds a release certificate that nothing since (removal as unserviceable, repair) has voided. */
  released: boolean;
  certificate: ReleaseCertificate | null;
  location: PartLocation;
  lifeLimits: LifeLimits;
  consumed: AssetCounters;
  warned: Record<LifeMeasure, boolean>;
  pendingTransfer: PendingTransfer | null;
  /** The last removal while no storage, transfer or installation has accounted for the part since. */
  unaccountedRemoval: { assetId: string; at: string } | null;
  quarantine: { since: string; reasons: string[]; rules: ChainRule[] } | null;
  version: number;
}

export type PartState = Part | null;

export const initialPartState: PartState = null;

export function evolve(state: PartState, event: PartEvent): PartState {
  if (event.type === 'PartManufactured') return manufactured(event);
  if (!state) return state;
  return { ...apply(state, event), version: state.version + 1 };
}

export function foldPart(events: readonly PartEvent[], from: PartState = initialPartState): PartState {
  return events.reduce(evolve, from);
}

function manufactured({ data, metadata }: PartManufactured): Part {
  return {
    partId: metadata.partId,
    partNumber: data.partNumber,
    serialNumber: data.serialNumber,
    batch: data.batch,
    owner: metadata.organisation,
    scrapped: false,
    released: false,
    certificate: null,
    location: { kind: 'unplaced' },
    lifeLimits: data.lifeLimits,
    consumed: { hours: 0, cycles: 0 },
    warned: { hours: false, cycles: false },
    pendingTransfer: null,
    unaccountedRemoval: null,
    quarantine: null,
    version: 1,
  };
}

function apply(part: Part, event: PartEvent): Part {
  switch (event.type) {
    case 'PartManufactured':
      return part;
    case 'PartCertified':
      return { ...part, released: true, certificate: event.data.certificate };
    case 'PartInstalled':
      return installed(part, event);
    case 'UsageRecorded':
      return usageRecorded(part, event);
    case 'PartRemoved':
      return removed(part, event);
    case 'PartInspected':
      return event.data.serviceable ? part : { ...part, released: false };
    case 'PartRepaired':
      return { ...part, released: event.data.releaseCertificate !== null, certificate: event.data.releaseCertificate };
    case 'PartStored':
      return { ...part, location: { kind: 'stored', ...event.data }, unaccountedRemoval: null };
    case 'PartTransferred':
      return transferred(part, event);
    case 'TransferAcknowledged':
      return part.pendingTransfer ? { ...part, owner: part.pendingTransfer.to, pendingTransfer: null } : part;
    case 'PartScrapped':
      return { ...part, scrapped: true, released: false };
    case 'CustodyChainBroken':
      return chainBroken(part, event);
    case 'PartQuarantined':
      return quarantined(part, event);
    case 'QuarantineResolved':
      return { ...part, quarantine: null };
    case 'LifeLimitApproaching':
      return { ...part, warned: { ...part.warned, [event.data.measure]: true } };
  }
}

function installed(part: Part, { data, metadata }: PartInstalled): Part {
  const location: PartLocation = { kind: 'installed', assetId: data.assetId, position: data.position, lastCounters: data.assetCounters, lastUsageAt: metadata.occurredAt };
  return { ...part, location, unaccountedRemoval: null };
}

/** Life consumed while installed is the host's usage since the last counters the part saw. */
function consume(part: Part, counters: AssetCounters): AssetCounters {
  if (part.location.kind !== 'installed') return part.consumed;
  const last = part.location.lastCounters;
  return { hours: part.consumed.hours + counters.hours - last.hours, cycles: part.consumed.cycles + counters.cycles - last.cycles };
}

function usageRecorded(part: Part, { data, metadata }: UsageRecorded): Part {
  if (part.location.kind !== 'installed') return part;
  const location = { ...part.location, lastCounters: data.assetCounters, lastUsageAt: metadata.occurredAt };
  return { ...part, consumed: consume(part, data.assetCounters), location };
}

function removed(part: Part, { data, metadata }: PartRemoved): Part {
  return {
    ...part,
    consumed: data.assetCounters ? consume(part, data.assetCounters) : part.consumed,
    location: { kind: 'unplaced' },
    released: part.released && data.serviceable,
    unaccountedRemoval: { assetId: data.assetId, at: metadata.occurredAt },
  };
}

function transferred(part: Part, { data, metadata }: PartTransferred): Part {
  const pendingTransfer = { transferId: data.transferId, from: data.from, to: data.to, at: metadata.occurredAt };
  return { ...part, pendingTransfer, location: { kind: 'unplaced' }, unaccountedRemoval: null };
}

/** A break found while already quarantined joins the reasons the quarantine must answer for. */
function chainBroken(part: Part, { data }: CustodyChainBroken): Part {
  if (!part.quarantine || part.quarantine.rules.includes(data.rule)) return part;
  const quarantine = { ...part.quarantine, reasons: [...part.quarantine.reasons, data.rule], rules: [...part.quarantine.rules, data.rule] };
  return { ...part, quarantine };
}

function quarantined(part: Part, { data, metadata }: PartQuarantined): Part {
  const rules = data.reasons.filter(isChainRule);
  return { ...part, quarantine: { since: metadata.occurredAt, reasons: data.reasons, rules } };
}

const CHAIN_RULES: readonly string[] = ['gap-in-possession', 'repair-without-release-certificate', 'transfer-not-acknowledged', 'life-used-unknown'];

function isChainRule(reason: string): reason is ChainRule {
  return CHAIN_RULES.includes(reason);
}
