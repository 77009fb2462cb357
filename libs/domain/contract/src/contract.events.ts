import type { BillingPeriod } from './billing-period';
import type { ContractTerms, TermsVersion } from './contract.terms';

interface Stamp {
  tenant: string;
  contractId: string;
  at: string;
  by: string;
  idempotencyKey: string;
}

export interface ContractCreated {
  type: 'ContractCreated';
  data: Stamp & { assetId: string; currency: string; terms: ContractTerms; effectiveFrom: string };
}

/** New terms from a date on; earlier versions stay, so any past entry can be re-derived. */
export interface ContractAmended {
  type: 'ContractAmended';
  data: Stamp & { termsVersion: number; terms: ContractTerms; effectiveFrom: string };
}

/** Usage and availability of the period are settled; the ledger charges them now. */
export interface BillingPeriodClosed {
  type: 'BillingPeriodClosed';
  data: Stamp & { period: BillingPeriod };
}

export type ContractEvent = ContractCreated | ContractAmended | BillingPeriodClosed;

export interface Contract {
  tenant: string;
  contractId: string;
  assetId: string;
  currency: string;
  versions: TermsVersion[];
  closedPeriods: BillingPeriod[];
  appliedKeys: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ContractState = Contract | null;

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  if (event.type === 'ContractCreated') {
    const { tenant, contractId, assetId, currency, terms, effectiveFrom, at, idempotencyKey } = event.data;
    return { tenant, contractId, assetId, currency, versions: [{ version: 1, effectiveFrom, terms }], closedPeriods: [], appliedKeys: [idempotencyKey], createdAt: at, updatedAt: at, version: 1 };
  }
  if (!state) return state;
  const next = { ...state, appliedKeys: [...state.appliedKeys, event.data.idempotencyKey], updatedAt: event.data.at, version: state.version + 1 };
  switch (event.type) {
    case 'ContractAmended':
      return { ...next, versions: [...state.versions, { version: event.data.termsVersion, effectiveFrom: event.data.effectiveFrom, terms: event.data.terms }] };
    case 'BillingPeriodClosed':
      return { ...next, closedPeriods: [...state.closedPeriods, event.data.period] };
  }
}

export function foldContract(events: readonly ContractEvent[], state: ContractState = null): ContractState {
  return events.reduce(evolveContract, state);
}

export function lastClosedPeriod(contract: Contract): BillingPeriod | null {
  return contract.closedPeriods[contract.closedPeriods.length - 1] ?? null;
}
