import { decideContract, type ContractCommand } from './contract.decider';
import { foldContract, type ContractEvent } from './contract.events';
import { amended, closed, create, created, CONTRACT, meta, TENANT, TERMS } from './contract.fixtures';

function given(events: ContractEvent[]) {
  const state = foldContract(events);
  return {
    when: (command: ContractCommand) => ({
      then: (expected: ContractEvent[]) => expect(decideContract(command, state)).toEqual({ ok: true, events: expected }),
      thenRejects: (error: object) => expect(decideContract(command, state)).toMatchObject({ ok: false, error }),
    }),
  };
}

const amend = (effectiveFrom: string, key = 'k-amend-2'): ContractCommand => ({ type: 'AmendContract', data: { tenant: TENANT, contractId: CONTRACT, terms: TERMS, effectiveFrom }, metadata: meta(key, '2026-10-10T00:00:00.000Z') });
const close = (period: string, at = '2026-11-02T09:00:00.000Z'): ContractCommand => ({ type: 'CloseBillingPeriod', data: { tenant: TENANT, contractId: CONTRACT, period }, metadata: meta(`k-close-${period}`, at) });

describe('contract decider', () => {
  it('given nothing, when created, then ContractCreated with the terms as version 1; again with a new key → ALREADY_EXISTS, same key → nothing', () => {
    given([]).when(create).then([created]);
    given([created]).when({ ...create, metadata: meta('k-other') }).thenRejects({ code: 'ALREADY_EXISTS' });
    given([created]).when(create).then([]);
  });

  it('given nothing, when created with a fractional amount, bad basis points or a bad currency, then INVALID with the field', () => {
    given([]).when({ ...create, data: { ...create.data, terms: { ...TERMS, usage: { basis: 'operating-hour', rateMinor: 420.5 } } } } as ContractCommand).thenRejects({ code: 'INVALID', issues: [{ path: 'usage.rateMinor' }] });
    given([]).when({ ...create, data: { ...create.data, terms: { ...TERMS, availability: { guaranteedBps: 10_001, penaltyPerPointMinor: 1 } } } } as ContractCommand).thenRejects({ code: 'INVALID' });
    given([]).when({ ...create, data: { ...create.data, currency: 'euro' } } as ContractCommand).thenRejects({ code: 'INVALID' });
  });

  it('given a contract, when amended from a later date, then a new terms version (the old one stays)', () => {
    given([created]).when(amend('2026-10-15T00:00:00Z')).then([amended('2026-10-15T00:00:00.000Z')]);
    const contract = foldContract([created, amended('2026-10-15T00:00:00.000Z')]);
    expect(contract?.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('given a closed period, when amended to take effect inside it, then CONFLICT; not after the current version → CONFLICT', () => {
    given([created, closed('2026-10')]).when(amend('2026-10-20T00:00:00Z')).thenRejects({ code: 'CONFLICT' });
    given([created]).when(amend('2026-09-01T00:00:00Z')).thenRejects({ code: 'CONFLICT' });
  });

  it('closes periods in order from the first month, only once they are over', () => {
    given([created]).when(close('2026-10')).then([closed('2026-10')]);
    given([created]).when(close('2026-11', '2026-12-01T00:00:00.000Z')).thenRejects({ code: 'CONFLICT', message: 'the next period to close is 2026-10' });
    given([created]).when(close('2026-10', '2026-10-31T23:59:59.999Z')).thenRejects({ code: 'CONFLICT', message: 'period 2026-10 is not over yet' });
    given([created, closed('2026-10')]).when(close('2026-11', '2026-12-01T00:00:00.000Z')).then([closed('2026-11', '2026-12-01T00:00:00.000Z')]);
    given([created]).when(close('2026-13')).thenRejects({ code: 'INVALID' });
  });

  it('given another tenant\'s contract, when amended or closed, then NOT_FOUND', () => {
    given([created]).when({ type: 'CloseBillingPeriod', data: { tenant: 'airline-b', contractId: CONTRACT, period: '2026-10' }, metadata: meta('k-foreign') }).thenRejects({ code: 'NOT_FOUND' });
    given([]).when(amend('2026-10-15T00:00:00Z')).thenRejects({ code: 'NOT_FOUND' });
  });
});
