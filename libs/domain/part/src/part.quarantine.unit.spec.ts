import { foldPart } from './part.events';
import {
  acknowledge,
  AIRLINE_A,
  AIRLINE_B,
  at,
  certify,
  check,
  continued,
  given,
  inspect,
  install,
  installedOnEsn1,
  manufacture,
  MRO,
  OEM,
  quality,
  quarantinePart,
  recorded,
  remove,
  repair,
  resolveQuarantine,
  scrap,
  store,
  transfer,
  usage,
} from './part.test-kit';

describe('a broken chain quarantines the part', () => {
  it('gap in possession: installing elsewhere straight after a removal', () => {
    const history = continued(installedOnEsn1(), [remove(AIRLINE_A, at(10), 'ESN-1', { hours: 1100, cycles: 550 })]);
    const events = given(history).when(install(AIRLINE_A, at(11), 'ESN-2', 300, 100)).then([
      { type: 'PartInstalled', data: { assetId: 'ESN-2' } },
      { type: 'CustodyChainBroken', data: { rule: 'gap-in-possession' } },
      { type: 'PartQuarantined', data: { reasons: ['gap-in-possession'] } },
    ]);
    expect(foldPart([...history, ...events])).toMatchObject({ quarantine: { since: at(11), rules: ['gap-in-possession'] } });
  });

  it('repair without a release certificate', () => {
    const history = recorded([manufacture(), certify(OEM, at(1)), inspect(MRO, at(2), false)]);
    const events = given(history).when(repair(MRO, at(3), null)).then([
      { type: 'PartRepaired', data: { releaseCertificate: null } },
      { type: 'CustodyChainBroken', data: { rule: 'repair-without-release-certificate' } },
      { type: 'PartQuarantined' },
    ]);
    expect(foldPart([...history, ...events])).toMatchObject({ released: false, quarantine: { rules: ['repair-without-release-certificate'] } });
  });

  it('transfer not acknowledged: found by the periodic check after the window', () => {
    const history = recorded([manufacture(), transfer(OEM, at(1), AIRLINE_A, 't-1')]);
    given(history).when(check(OEM, at(2))).then([]);
    given(history).when(check(OEM, at(5))).then([
      { type: 'CustodyChainBroken', data: { rule: 'transfer-not-acknowledged' } },
      { type: 'PartQuarantined', data: { reasons: ['transfer-not-acknowledged'] } },
    ]);
  });

  it('transfer not acknowledged: a late acknowledgement is recorded and still breaks the chain', () => {
    const history = recorded([manufacture(), transfer(OEM, at(1), AIRLINE_A, 't-1')]);
    given(history).when(acknowledge(AIRLINE_A, at(6), 't-1')).then([
      { type: 'TransferAcknowledged' },
      { type: 'CustodyChainBroken', data: { rule: 'transfer-not-acknowledged' } },
      { type: 'PartQuarantined' },
    ]);
  });

  it('life used unknown: removed without counters', () => {
    given(installedOnEsn1()).when(remove(AIRLINE_A, at(10), 'ESN-1', null)).then([
      { type: 'PartRemoved', data: { assetCounters: null } },
      { type: 'CustodyChainBroken', data: { rule: 'life-used-unknown' } },
      { type: 'PartQuarantined' },
    ]);
  });

  it('life used unknown: no usage reported for too long', () => {
    given(installedOnEsn1()).when(check(AIRLINE_A, at(60))).then([{ type: 'CustodyChainBroken', data: { rule: 'life-used-unknown' } }, { type: 'PartQuarantined' }]);
    given(continued(installedOnEsn1(), [usage(AIRLINE_A, at(50), 'ESN-1', 1500, 700)])).when(check(AIRLINE_A, at(60))).then([]);
  });

  it('a repeated check adds nothing for a break already quarantined, but records a new kind of break', () => {
    const history = continued(installedOnEsn1(), [check(AIRLINE_A, at(60))]);
    given(history).when(check(AIRLINE_A, at(61))).then([]);
    const withTransfer = recorded([manufacture(), transfer(OEM, at(1), AIRLINE_A, 't-1'), quarantinePart(OEM, at(2))]);
    const events = given(withTransfer).when(check(OEM, at(9))).then([{ type: 'CustodyChainBroken', data: { rule: 'transfer-not-acknowledged' } }]);
    expect(foldPart([...withTransfer, ...events])?.quarantine?.rules).toEqual(['transfer-not-acknowledged']);
  });
});

describe('quarantine and its resolution', () => {
  const quarantined = () => recorded([manufacture(), certify(OEM, at(1)), quarantinePart(OEM, at(2))]);

  it('quarantines on demand with a reason', () => {
    given(recorded([manufacture()])).when(quarantinePart(OEM, at(1))).then([{ type: 'PartQuarantined', data: { reasons: ['suspected unapproved part'] } }]);
  });

  it('is lifted by an authorised user with a reason, naming who did it', () => {
    const events = given(quarantined()).when(resolveQuarantine(quality(OEM, at(3)))).then([
      { type: 'QuarantineResolved', data: { reason: 'records reconstructed from the operator tech log' }, metadata: { userId: 'user@oem' } },
    ]);
    expect(foldPart([...quarantined(), ...events])).toMatchObject({ quarantine: null });
  });

  it('lets a resolved part be installed again', () => {
    const resolved = continued(quarantined(), [resolveQuarantine(quality(OEM, at(3)))]);
    given(resolved).when(install(OEM, at(4), 'ESN-1', 0, 0)).then([{ type: 'PartInstalled' }]);
  });

  it('still allows inspection, storage and scrapping while quarantined', () => {
    given(quarantined()).when(inspect(MRO, at(3))).then([{ type: 'PartInspected' }]);
    given(quarantined()).when(store(OEM, at(3))).then([{ type: 'PartStored' }]);
    given(quarantined()).when(scrap(OEM, at(3))).then([{ type: 'PartScrapped' }]);
  });

  it('refuses to move a quarantined part to a new owner', () => {
    given(quarantined()).when(transfer(OEM, at(3), AIRLINE_B, 't-5')).thenRejects('PART_QUARANTINED');
  });
});
