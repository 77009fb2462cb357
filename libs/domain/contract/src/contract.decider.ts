import { isBillingPeriod, nextPeriod, periodEndMs, periodOf } from './billing-period';
import { lastClosedPeriod, type Contract, type ContractEvent, type ContractState } from './contract.events';
import { termsIssues, type ContractTerms } from './contract.terms';

/** Outside inputs arrive with the command: when, who, and the key that makes a retry harmless. */
export interface CommandMetadata {
  at: string;
  actor: string;
  idempotencyKey: string;
}

interface Target {
  tenant: string;
  contractId: string;
}

export interface CreateContract {
  type: 'CreateContract';
  data: Target & { assetId: string; currency: string; terms: ContractTerms; effectiveFrom: string };
  metadata: CommandMetadata;
}

export interface AmendContract {
  type: 'AmendContract';
  data: Target & { terms: ContractTerms; effectiveFrom: string };
  metadata: CommandMetadata;
}

export interface CloseBillingPeriod {
  type: 'CloseBillingPeriod';
  data: Target & { period: string };
  metadata: CommandMetadata;
}

export type ContractCommand = CreateContract | AmendContract | CloseBillingPeriod;

export type ContractErrorCode = 'NOT_FOUND' | 'ALREADY_EXISTS' | 'INVALID' | 'CONFLICT';

export interface ContractError {
  code: ContractErrorCode;
  message: string;
  issues?: { path: string; message: string }[];
}

export type ContractDecision = { ok: true; events: ContractEvent[] } | { ok: false; error: ContractError };

const accept = (events: ContractEvent[]): ContractDecision => ({ ok: true, events });
const refuse = (code: ContractErrorCode, message: string, issues?: ContractError['issues']): ContractDecision => ({ ok: false, error: { code, message, ...(issues ? { issues } : {}) } });

const CURRENCY = /^[A-Z]{3}$/;

export function decideContract(command: ContractCommand, state: ContractState): ContractDecision {
  if (state && state.tenant === command.data.tenant && state.appliedKeys.includes(command.metadata.idempotencyKey)) return accept([]);
  switch (command.type) {
    case 'CreateContract':
      return create(command, state);
    case 'AmendContract':
      return withContract(command, state, (contract) => amend(command, contract));
    case 'CloseBillingPeriod':
      return withContract(command, state, (contract) => close(command, contract));
  }
}

function create(command: CreateContract, state: ContractState): ContractDecision {
  const { data } = command;
  if (state) return refuse('ALREADY_EXISTS', `contract ${data.contractId} already exists`);
  if (!data.assetId.trim()) return refuse('INVALID', 'assetId must not be empty');
  if (!CURRENCY.test(data.currency)) return refuse('INVALID', `currency "${data.currency}" is not an ISO 4217 code`);
  const problem = invalidTerms(data.terms) ?? invalidInstant(data.effectiveFrom, 'effectiveFrom');
  if (problem) return problem;
  return accept([{ type: 'ContractCreated', data: { ...stamp(command), assetId: data.assetId, currency: data.currency, terms: data.terms, effectiveFrom: iso(data.effectiveFrom) } }]);
}

/**
 * Terms are never edited: an amendment is a new version from a date on. It may not reach back
 * into a closed period (what was billed stays billed) nor before the current version's start.
 */
function amend(command: AmendContract, contract: Contract): ContractDecision {
  const { data } = command;
  const problem = invalidTerms(data.terms) ?? invalidInstant(data.effectiveFrom, 'effectiveFrom');
  if (problem) return problem;
  const from = Date.parse(data.effectiveFrom);
  const latest = contract.versions[contract.versions.length - 1];
  if (latest && from <= Date.parse(latest.effectiveFrom)) return refuse('CONFLICT', `an amendment must take effect after version ${latest.version} (from ${latest.effectiveFrom})`);
  const closed = lastClosedPeriod(contract);
  if (closed && from < periodEndMs(closed)) return refuse('CONFLICT', `period ${closed} is closed; an amendment can take effect from ${new Date(periodEndMs(closed)).toISOString()} on`);
  return accept([{ type: 'ContractAmended', data: { ...stamp(command), termsVersion: contract.versions.length + 1, terms: data.terms, effectiveFrom: iso(data.effectiveFrom) } }]);
}

/** Periods close in order, from the month the contract starts, and only once they are over. */
function close(command: CloseBillingPeriod, contract: Contract): ContractDecision {
  const { period } = command.data;
  if (!isBillingPeriod(period)) return refuse('INVALID', `period "${period}" is not YYYY-MM`);
  const closed = lastClosedPeriod(contract);
  const first = contract.versions[0];
  const expected = closed ? nextPeriod(closed) : first ? periodOf(first.effectiveFrom) : period;
  if (period !== expected) return refuse('CONFLICT', `the next period to close is ${expected}`);
  if (Date.parse(command.metadata.at) < periodEndMs(period)) return refuse('CONFLICT', `period ${period} is not over yet`);
  return accept([{ type: 'BillingPeriodClosed', data: { ...stamp(command), period } }]);
}

function withContract(command: AmendContract | CloseBillingPeriod, state: ContractState, decideFor: (contract: Contract) => ContractDecision): ContractDecision {
  // Another tenant's contract answers like a missing one, so ids cannot be probed across tenants.
  if (!state || state.tenant !== command.data.tenant || state.contractId !== command.data.contractId) return refuse('NOT_FOUND', `no contract ${command.data.contractId}`);
  return decideFor(state);
}

function invalidTerms(terms: ContractTerms): ContractDecision | null {
  const issues = termsIssues(terms);
  return issues.length ? refuse('INVALID', `terms: ${issues[0]?.path} ${issues[0]?.message}`, issues) : null;
}

function invalidInstant(value: string, field: string): ContractDecision | null {
  return Number.isNaN(Date.parse(value)) ? refuse('INVALID', `${field} "${value}" is not a timestamp`) : null;
}

function iso(value: string): string {
  return new Date(value).toISOString();
}

function stamp(command: ContractCommand) {
  const { tenant, contractId } = command.data;
  const { at, actor, idempotencyKey } = command.metadata;
  return { tenant, contractId, at, by: actor, idempotencyKey };
}
