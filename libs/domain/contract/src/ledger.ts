import { periodEndMs, periodOf, type BillingPeriod } from './billing-period';
import { evolveContract, lastClosedPeriod, type Contract, type ContractEvent } from './contract.events';
import { termsAt, type TermsVersion } from './contract.terms';
import type { Minor } from './money';
import { advanceOf, availabilityPenalty, downtimeMs, settleCompletion, usageCharge, type HealthPoint, type Interval } from './settlement';

/** Where a ledger input came from in the log: the ledger cites it on every entry it causes. */
export interface LedgerSource {
  streamId: string;
  version: number;
}

/** A completed operating cycle, metered for billing (from the twin's CycleCompleted). */
export interface UsageMetered {
  type: 'UsageMetered';
  data: { tenant: string; assetId: string; cycleKey: string; endedAt: string; runningMs: number };
}

interface WorkStamp {
  tenant: string;
  workOrderId: string;
  at: string;
}

/** The work-order facts the ledger reads (a subset of `fleet.maintenance.v1`'s events). */
export type WorkFact =
  | { type: 'WorkOrderScheduled'; data: WorkStamp & { scheduledFor: string } }
  | { type: 'WorkStarted'; data: WorkStamp }
  | { type: 'WorkOrderCompleted'; data: WorkStamp }
  | { type: 'WorkOrderCancelled'; data: WorkStamp }
  | { type: 'EffectVerified'; data: WorkStamp & { outcome: 'verified' | 'ineffective'; before: HealthPoint; after: HealthPoint } };

export type LedgerInput = (ContractEvent | UsageMetered | WorkFact) & { source: LedgerSource };

export type LedgerEntryKind = 'usage-charge' | 'usage-late-charge' | 'availability-penalty' | 'completion-advance' | 'completion-payment' | 'completion-refund';

/**
 * One line of the contract ledger, signed from the operator's side: what the operator owes is
 * positive, penalties and refunds are negative. The id is derived from what caused it, so a
 * replay of the same log produces the same ids and nothing new.
 */
export interface LedgerEntry {
  entryId: string;
  tenant: string;
  contractId: string;
  assetId: string;
  currency: string;
  period: BillingPeriod;
  kind: LedgerEntryKind;
  amountMinor: Minor;
  termsVersion: number;
  occurredAt: string;
  source: LedgerSource;
  detail: Record<string, string | number | null>;
}

interface MeteredCycle {
  cycleKey: string;
  endedAt: string;
  runningMs: number;
}

/** An order's shop visit: the asset is down from the scheduled visit (or the start, if earlier) until completion. */
interface WorkVisit {
  scheduledFor: string | null;
  startedAt: string | null;
  completedAt: string | null;
  /** Set when a completion under contract released an advance (possibly 0). */
  advance: { termsVersion: number; amountMinor: Minor } | null;
  settled: boolean;
}

/** The ledger's fold state for one asset under contract. */
export interface AssetLedger {
  contract: Contract | null;
  openUsage: MeteredCycle[];
  work: Record<string, WorkVisit>;
}

export const emptyAssetLedger: AssetLedger = { contract: null, openUsage: [], work: {} };

export interface LedgerStep {
  state: AssetLedger;
  entries: LedgerEntry[];
}

export function applyToLedger(state: AssetLedger, input: LedgerInput): LedgerStep {
  switch (input.type) {
    case 'ContractCreated':
    case 'ContractAmended':
      return { state: { ...state, contract: evolveContract(state.contract, input) }, entries: [] };
    case 'BillingPeriodClosed':
      return closePeriod(state, input);
    case 'UsageMetered':
      return meter(state, input);
    default:
      return work(state, input);
  }
}

export function foldLedger(inputs: readonly LedgerInput[], state: AssetLedger = emptyAssetLedger): LedgerStep {
  const entries: LedgerEntry[] = [];
  let current = state;
  for (const input of inputs) {
    const step = applyToLedger(current, input);
    current = step.state;
    entries.push(...step.entries);
  }
  return { state: current, entries };
}

/** Metered usage not yet charged, per open period: what closing the period would bill. */
export function openUsageByPeriod(state: AssetLedger): Record<BillingPeriod, { cycles: number; runningMs: number }> {
  const totals: Record<BillingPeriod, { cycles: number; runningMs: number }> = {};
  for (const c of state.openUsage) {
    const t = (totals[periodOf(c.endedAt)] ??= { cycles: 0, runningMs: 0 });
    t.cycles += 1;
    t.runningMs += c.runningMs;
  }
  return totals;
}

function meter(state: AssetLedger, input: UsageMetered & { source: LedgerSource }): LedgerStep {
  const contract = state.contract;
  const { data } = input;
  if (!contract || data.tenant !== contract.tenant || state.openUsage.some((c) => c.cycleKey === data.cycleKey)) return { state, entries: [] };
  const cycle = { cycleKey: data.cycleKey, endedAt: data.endedAt, runningMs: data.runningMs };
  const closed = lastClosedPeriod(contract);
  const period = periodOf(data.endedAt);
  if (!closed || period > closed) return { state: { ...state, openUsage: [...state.openUsage, cycle] }, entries: [] };
  // The period was billed already: this cycle arrived late and is charged on its own line.
  const version = termsAt(contract.versions, data.endedAt);
  if (!version) return { state, entries: [] };
  const amount = usageCharge(version.terms, { runningMs: cycle.runningMs, cycles: 1 });
  return { state, entries: [entry(contract, input, `usage-late:${data.cycleKey}`, 'usage-late-charge', period, amount, version.version, data.endedAt, usageDetail(version, cycle.runningMs, 1))] };
}

function closePeriod(state: AssetLedger, input: ContractEvent & { type: 'BillingPeriodClosed'; source: LedgerSource }): LedgerStep {
  const contract = evolveContract(state.contract, input);
  if (!contract) return { state, entries: [] };
  const { period, at } = input.data;
  const endMs = periodEndMs(period);
  const lastInstant = new Date(endMs - 1).toISOString();
  const entries: LedgerEntry[] = [];

  const due = state.openUsage.filter((c) => periodOf(c.endedAt) <= period);
  const groups = new Map<number, { version: TermsVersion; runningMs: number; cycles: number }>();
  for (const c of due) {
    const version = termsAt(contract.versions, c.endedAt);
    if (!version || periodOf(c.endedAt) !== period) continue;
    const group = groups.get(version.version) ?? { version, runningMs: 0, cycles: 0 };
    groups.set(version.version, { ...group, runningMs: group.runningMs + c.runningMs, cycles: group.cycles + 1 });
  }
  const atEnd = termsAt(contract.versions, lastInstant);
  if (!groups.size && atEnd) groups.set(atEnd.version, { version: atEnd, runningMs: 0, cycles: 0 });
  for (const g of [...groups.values()].sort((a, b) => a.version.version - b.version.version)) {
    const amount = usageCharge(g.version.terms, g);
    entries.push(entry(contract, input, `usage:${period}:v${g.version.version}`, 'usage-charge', period, amount, g.version.version, at, usageDetail(g.version, g.runningMs, g.cycles)));
  }

  const availability = atEnd?.terms.availability;
  if (atEnd && availability) {
    const down = downtimeMs(visitIntervals(state.work, endMs), period);
    const result = availabilityPenalty(availability, period, down);
    entries.push(
      entry(contract, input, `availability:${period}`, 'availability-penalty', period, -result.penaltyMinor, atEnd.version, at, {
        downtimeMs: down,
        availabilityBps: result.availabilityBps,
        guaranteedBps: availability.guaranteedBps,
        shortfallBps: result.shortfallBps,
        penaltyPerPointMinor: availability.penaltyPerPointMinor,
      }),
    );
  }

  const work = Object.fromEntries(Object.entries(state.work).filter(([, v]) => !(v.completedAt && Date.parse(v.completedAt) < endMs && (v.settled || !v.advance))));
  return { state: { contract, openUsage: state.openUsage.filter((c) => !due.includes(c)), work }, entries };
}

function work(state: AssetLedger, input: WorkFact & { source: LedgerSource }): LedgerStep {
  const contract = state.contract;
  const { data } = input;
  if (!contract || data.tenant !== contract.tenant) return { state, entries: [] };
  const visit: WorkVisit = state.work[data.workOrderId] ?? { scheduledFor: null, startedAt: null, completedAt: null, advance: null, settled: false };
  const put = (next: WorkVisit | null, entries: LedgerEntry[] = []): LedgerStep => {
    const { [data.workOrderId]: _old, ...rest } = state.work;
    return { state: { ...state, work: next ? { ...rest, [data.workOrderId]: next } : rest }, entries };
  };
  switch (input.type) {
    case 'WorkOrderScheduled':
      return put({ ...visit, scheduledFor: input.data.scheduledFor });
    case 'WorkStarted':
      return put({ ...visit, startedAt: data.at });
    case 'WorkOrderCancelled':
      return put(visit.startedAt ? visit : null);
    case 'WorkOrderCompleted': {
      const version = termsAt(contract.versions, data.at);
      const terms = version?.terms.completion;
      if (!version || !terms || visit.completedAt) return put({ ...visit, completedAt: visit.completedAt ?? data.at });
      const amount = advanceOf(terms);
      const advance = { termsVersion: version.version, amountMinor: amount };
      const entries = amount > 0 ? [entry(contract, input, `advance:${data.workOrderId}`, 'completion-advance', periodOf(data.at), amount, version.version, data.at, { workOrderId: data.workOrderId, amountMinor: terms.amountMinor, advanceBps: terms.advanceBps })] : [];
      return put({ ...visit, completedAt: data.at, advance }, entries);
    }
    case 'EffectVerified': {
      if (!visit.advance || visit.settled) return { state, entries: [] };
      const version = contract.versions.find((v) => v.version === visit.advance?.termsVersion);
      const terms = version?.terms.completion;
      if (!version || !terms) return { state, entries: [] };
      const { outcome, before, after } = input.data;
      const s = settleCompletion(terms, outcome, before, after, visit.advance.amountMinor);
      const kind = s.dueMinor >= 0 ? 'completion-payment' : 'completion-refund';
      return put({ ...visit, settled: true }, [
        entry(contract, input, `settlement:${data.workOrderId}`, kind, periodOf(data.at), s.dueMinor, version.version, data.at, {
          workOrderId: data.workOrderId,
          outcome,
          settlement: s.settlement,
          recoveryBps: s.recoveryBps,
          earnedMinor: s.earnedMinor,
          advanceMinor: visit.advance.amountMinor,
          failureProbabilityBefore: before.failureProbability,
          failureProbabilityAfter: after.failureProbability,
        }),
      ]);
    }
  }
}

/** Down from the scheduled visit (or the start, if earlier) until completion; still in the shop at close → until the period end. */
function visitIntervals(visits: Record<string, WorkVisit>, endMs: number): Interval[] {
  return Object.values(visits)
    .filter((v) => v.startedAt)
    .map((v) => {
      const started = Date.parse(v.startedAt as string);
      const scheduled = v.scheduledFor ? Date.parse(v.scheduledFor) : started;
      return { fromMs: Math.min(scheduled, started), toMs: v.completedAt ? Date.parse(v.completedAt) : endMs };
    });
}

function usageDetail(version: TermsVersion, runningMs: number, cycles: number): Record<string, string | number> {
  return { basis: version.terms.usage.basis, rateMinor: version.terms.usage.rateMinor, runningMs, cycles };
}

function entry(contract: Contract, input: LedgerInput, suffix: string, kind: LedgerEntryKind, period: BillingPeriod, amountMinor: Minor, termsVersion: number, occurredAt: string, detail: LedgerEntry['detail']): LedgerEntry {
  return {
    entryId: `${contract.contractId}:${suffix}`,
    tenant: contract.tenant,
    contractId: contract.contractId,
    assetId: contract.assetId,
    currency: contract.currency,
    period,
    kind,
    amountMinor: amountMinor === 0 ? 0 : amountMinor,
    termsVersion,
    occurredAt,
    source: input.source,
    detail,
  };
}
