import { defaultCustodyPolicy } from './custody-policy';
import { gapInPossession, lifeUsedUnknown, repairWithoutReleaseCertificate, transferNotAcknowledged } from './custody-rules';
import { foldPart, type Part, type PartEvent } from './part.events';
import { acknowledge, AIRLINE_A, at, continued, FORM_8130, installedOnEsn1, manufacture, OEM, recorded, remove, store, transfer, usage } from './part.test-kit';

const partOf = (events: PartEvent[]): Part => {
  const part = foldPart(events);
  if (!part) throw new Error('no part');
  return part;
};
const removedFromEsn1 = () => partOf(continued(installedOnEsn1(), [remove(AIRLINE_A, at(10), 'ESN-1', { hours: 1100, cycles: 550 })]));

describe('rule: gap in possession', () => {
  const afterRemoval = () => continued(installedOnEsn1(), [remove(AIRLINE_A, at(10), 'ESN-1', { hours: 1100, cycles: 550 })]);

  it('breaks when a removed part goes onto another asset with nothing between', () => {
    expect(gapInPossession(partOf(afterRemoval()), 'ESN-2')).toMatchObject({ rule: 'gap-in-possession', detail: expect.stringContaining('ESN-1') });
  });

  it('holds when the part goes back onto the asset it came off', () => {
    expect(gapInPossession(partOf(afterRemoval()), 'ESN-1')).toBeNull();
  });

  it('holds when the part was stored between', () => {
    expect(gapInPossession(partOf(continued(afterRemoval(), [store(AIRLINE_A, at(11))])), 'ESN-2')).toBeNull();
  });

  it('holds when the part was transferred between', () => {
    const moved = continued(afterRemoval(), [transfer(AIRLINE_A, at(11), OEM, 't-2'), acknowledge(OEM, at(12), 't-2')]);
    expect(gapInPossession(partOf(moved), 'ESN-2')).toBeNull();
  });

  it('holds for a part never removed', () => {
    expect(gapInPossession(partOf(recorded([manufacture()])), 'ESN-2')).toBeNull();
  });
});

describe('rule: repair without a release certificate', () => {
  it('breaks without a certificate or with an empty one', () => {
    expect(repairWithoutReleaseCertificate(null)).toMatchObject({ rule: 'repair-without-release-certificate' });
    expect(repairWithoutReleaseCertificate({ ...FORM_8130, number: '' })).toMatchObject({ rule: 'repair-without-release-certificate' });
  });

  it('holds with an authorised release certificate', () => {
    expect(repairWithoutReleaseCertificate(FORM_8130)).toBeNull();
  });
});

describe('rule: transfer not acknowledged', () => {
  const sent = () => partOf(recorded([manufacture(), transfer(OEM, at(1), AIRLINE_A, 't-1')]));

  it('holds inside the window', () => {
    expect(transferNotAcknowledged(sent(), at(3), defaultCustodyPolicy)).toBeNull();
  });

  it('breaks once the window has passed', () => {
    expect(transferNotAcknowledged(sent(), at(4, 1), defaultCustodyPolicy)).toMatchObject({ rule: 'transfer-not-acknowledged', detail: expect.stringContaining('t-1') });
  });

  it('follows the configured window', () => {
    expect(transferNotAcknowledged(sent(), at(2), { ...defaultCustodyPolicy, transferAcknowledgementHours: 12 })).not.toBeNull();
  });

  it('holds when nothing is pending', () => {
    expect(transferNotAcknowledged(partOf(recorded([manufacture()])), at(100), defaultCustodyPolicy)).toBeNull();
  });
});

describe('rule: life used unknown', () => {
  it('breaks when an installed part comes off without counters', () => {
    expect(lifeUsedUnknown(partOf(installedOnEsn1()), { kind: 'removal', at: at(10), counters: null }, defaultCustodyPolicy)).toMatchObject({ rule: 'life-used-unknown' });
  });

  it('holds when it comes off with counters', () => {
    expect(lifeUsedUnknown(partOf(installedOnEsn1()), { kind: 'removal', at: at(10), counters: { hours: 1, cycles: 1 } }, defaultCustodyPolicy)).toBeNull();
  });

  it('breaks when usage has not been reported for longer than allowed', () => {
    expect(lifeUsedUnknown(partOf(installedOnEsn1()), { kind: 'check', at: at(40) }, defaultCustodyPolicy)).toMatchObject({ rule: 'life-used-unknown' });
  });

  it('holds when usage was reported recently', () => {
    const reported = continued(installedOnEsn1(), [usage(AIRLINE_A, at(30), 'ESN-1', 1300, 640)]);
    expect(lifeUsedUnknown(partOf(reported), { kind: 'check', at: at(40) }, defaultCustodyPolicy)).toBeNull();
  });

  it('holds for a part that is not installed', () => {
    expect(lifeUsedUnknown(removedFromEsn1(), { kind: 'check', at: at(400) }, defaultCustodyPolicy)).toBeNull();
  });
});
