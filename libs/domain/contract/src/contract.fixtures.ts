import type { ContractCommand, CommandMetadata } from './contract.decider';
import type { ContractEvent } from './contract.events';
import type { ContractTerms } from './contract.terms';

export const TENANT = 'airline-a';
export const CONTRACT = 'PBH-ESN-1';
export const ASSET = 'ESN-1';

export const TERMS: ContractTerms = {
  usage: { basis: 'operating-hour', rateMinor: 42_000 },
  availability: { guaranteedBps: 9500, penaltyPerPointMinor: 100_000 },
  completion: { amountMinor: 1_000_000, advanceBps: 3000, partialMinRecoveryBps: 5000 },
};

export const meta = (idempotencyKey: string, at = '2026-11-02T09:00:00.000Z'): CommandMetadata => ({ at, actor: 'planner-1', idempotencyKey });

export const create: ContractCommand = {
  type: 'CreateContract',
  data: { tenant: TENANT, contractId: CONTRACT, assetId: ASSET, currency: 'EUR', terms: TERMS, effectiveFrom: '2026-10-01T00:00:00Z' },
  metadata: meta('k-create', '2026-09-20T00:00:00.000Z'),
};

const stamp = (idempotencyKey: string, at: string) => ({ tenant: TENANT, contractId: CONTRACT, at, by: 'planner-1', idempotencyKey });

export const created: ContractEvent = {
  type: 'ContractCreated',
  data: { ...stamp('k-create', '2026-09-20T00:00:00.000Z'), assetId: ASSET, currency: 'EUR', terms: TERMS, effectiveFrom: '2026-10-01T00:00:00.000Z' },
};

export const amended = (effectiveFrom: string, terms: ContractTerms = TERMS, termsVersion = 2): ContractEvent => ({
  type: 'ContractAmended',
  data: { ...stamp(`k-amend-${termsVersion}`, '2026-10-10T00:00:00.000Z'), termsVersion, terms, effectiveFrom },
});

export const closed = (period: string, at = '2026-11-02T09:00:00.000Z'): ContractEvent => ({ type: 'BillingPeriodClosed', data: { ...stamp(`k-close-${period}`, at), period } });
