import { hoursBetween, type CustodyPolicy } from './custody-policy';
import type { Part } from './part.events';
import type { AssetCounters, ReleaseCertificate } from './part.values';

/**
 * The rules that say a part's custody chain is broken. Each is a pure function of the part and
 * the fact being recorded; decide runs them and quarantines the part when any returns a break.
 */
export type ChainRule = 'gap-in-possession' | 'repair-without-release-certificate' | 'transfer-not-acknowledged' | 'life-used-unknown';

export interface ChainBreak {
  rule: ChainRule;
  detail: string;
}

/** Removed from one asset, then installed on another, with no storage or transfer recorded between. */
export function gapInPossession(part: Part, installOnAssetId: string): ChainBreak | null {
  const removal = part.unaccountedRemoval;
  if (!removal || removal.assetId === installOnAssetId) return null;
  return {
    rule: 'gap-in-possession',
    detail: `removed from ${removal.assetId} at ${removal.at} and installed on ${installOnAssetId} with no storage or transfer recorded between`,
  };
}

/** A repair or overhaul must come back with an authorised release certificate (Form 1 / 8130-3). */
export function repairWithoutReleaseCertificate(certificate: ReleaseCertificate | null): ChainBreak | null {
  if (certificate && certificate.number.trim() && certificate.issuer.trim()) return null;
  return { rule: 'repair-without-release-certificate', detail: 'repair or overhaul recorded without an authorised release certificate' };
}

/** A transfer the receiver has not acknowledged within the window, evaluated at `at`. */
export function transferNotAcknowledged(part: Part, at: string, policy: CustodyPolicy): ChainBreak | null {
  const transfer = part.pendingTransfer;
  if (!transfer) return null;
  const waited = hoursBetween(transfer.at, at);
  if (waited <= policy.transferAcknowledgementHours) return null;
  return {
    rule: 'transfer-not-acknowledged',
    detail: `transfer ${transfer.transferId} to ${transfer.to.id} not acknowledged within ${policy.transferAcknowledgementHours} h (${Math.floor(waited)} h since ${transfer.at})`,
  };
}

/** A periodic check, or a removal with or without the host's counters. */
export type UsageObservation = { kind: 'check'; at: string } | { kind: 'removal'; at: string; counters: AssetCounters | null };

/**
 * Life used is unknown for a period when an installed part comes off without the host's counters,
 * or when no usage has been reported for longer than the policy allows.
 */
export function lifeUsedUnknown(part: Part, observation: UsageObservation, policy: CustodyPolicy): ChainBreak | null {
  const location = part.location;
  if (location.kind !== 'installed') return null;
  if (observation.kind === 'removal') {
    if (observation.counters) return null;
    return { rule: 'life-used-unknown', detail: `removed from ${location.assetId} without counters: life used since ${location.lastUsageAt} unknown` };
  }
  const silent = hoursBetween(location.lastUsageAt, observation.at);
  if (silent <= policy.usageReportHours) return null;
  return { rule: 'life-used-unknown', detail: `no usage reported from ${location.assetId} since ${location.lastUsageAt} (${Math.floor(silent)} h)` };
}
