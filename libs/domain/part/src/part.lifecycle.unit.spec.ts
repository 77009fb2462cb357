import { foldPart } from './part.events';
import {
  acknowledge,
  AIRLINE_A,
  at,
  certify,
  FORM_1,
  FORM_8130,
  given,
  inspect,
  install,
  installedOnEsn1,
  manufacture,
  MRO,
  OEM,
  PART_ID,
  recorded,
  remove,
  repair,
  scrap,
  store,
  transfer,
  usage,
} from './part.test-kit';

describe('part lifecycle: every custody event', () => {
  it('manufactures a part with its numbers, batch and life limits, owned by the maker', () => {
    const [event] = given([]).when(manufacture()).then([
      { type: 'PartManufactured', data: { partNumber: '2045M11', serialNumber: 'X7731', batch: 'B-2025-17', lifeLimits: { cycles: 20_000, hours: 40_000 } } },
    ]);
    expect(event.metadata).toMatchObject({ partId: PART_ID, organisation: OEM, occurredAt: at(0), eventId: expect.stringMatching(/\/0$/) });
    expect(foldPart([event])).toMatchObject({ owner: OEM, released: false, consumed: { hours: 0, cycles: 0 } });
  });

  it('certifies with an authorised release certificate', () => {
    given(recorded([manufacture()])).when(certify(OEM, at(1))).then([{ type: 'PartCertified', data: { certificate: FORM_1 } }]);
  });

  it('installs a released part at the host asset counters', () => {
    const history = recorded([manufacture(), certify(OEM, at(1))]);
    given(history).when(install(OEM, at(2), 'ESN-1', 1000, 500)).then([
      { type: 'PartInstalled', data: { assetId: 'ESN-1', assetCounters: { hours: 1000, cycles: 500 } }, metadata: { organisation: OEM } },
    ]);
  });

  it('records usage of the host while installed', () => {
    given(installedOnEsn1()).when(usage(AIRLINE_A, at(10), 'ESN-1', 1200, 600)).then([{ type: 'UsageRecorded', data: { assetCounters: { hours: 1200, cycles: 600 } } }]);
  });

  it('removes with a reason at the host counters', () => {
    given(installedOnEsn1()).when(remove(AIRLINE_A, at(20), 'ESN-1', { hours: 1500, cycles: 700 })).then([
      { type: 'PartRemoved', data: { assetId: 'ESN-1', reason: 'engine shop visit', serviceable: true } },
    ]);
  });

  it('records inspections, and an unserviceable finding voids the release', () => {
    const history = recorded([manufacture(), certify(OEM, at(1))]);
    const events = given(history).when(inspect(MRO, at(2), false)).then([{ type: 'PartInspected', data: { serviceable: false }, metadata: { organisation: MRO } }]);
    expect(foldPart([...history, ...events])).toMatchObject({ released: false });
  });

  it('records a repair or overhaul with the shop and its release certificate', () => {
    const history = recorded([manufacture(), certify(OEM, at(1)), inspect(MRO, at(2), false)]);
    const events = given(history).when(repair(MRO, at(3))).then([{ type: 'PartRepaired', data: { kind: 'overhaul', releaseCertificate: FORM_8130 }, metadata: { organisation: MRO } }]);
    expect(foldPart([...history, ...events])).toMatchObject({ released: true, certificate: FORM_8130 });
  });

  it('stores with location and conditions', () => {
    given(recorded([manufacture()])).when(store(OEM, at(1))).then([{ type: 'PartStored', data: { location: 'Bonded store 3, bin 14', conditions: 'sealed, 18 °C, 40 % RH' } }]);
  });

  it('transfers from owner to owner, and ownership moves only when the receiver acknowledges', () => {
    const history = recorded([manufacture()]);
    const sent = given(history).when(transfer(OEM, at(1), AIRLINE_A, 't-9')).then([{ type: 'PartTransferred', data: { transferId: 't-9', from: OEM, to: AIRLINE_A } }]);
    expect(foldPart([...history, ...sent])).toMatchObject({ owner: OEM, pendingTransfer: { transferId: 't-9' } });
    const acked = given([...history, ...sent]).when(acknowledge(AIRLINE_A, at(2), 't-9')).then([{ type: 'TransferAcknowledged', metadata: { organisation: AIRLINE_A } }]);
    expect(foldPart([...history, ...sent, ...acked])).toMatchObject({ owner: AIRLINE_A, pendingTransfer: null });
  });

  it('scraps and mutilates a part that is off the asset', () => {
    given(recorded([manufacture()])).when(scrap(OEM, at(5))).then([{ type: 'PartScrapped', data: { mutilated: true } }]);
  });

  it('gives every event of one command a distinct id derived from the command', () => {
    const events = recorded([manufacture(), certify(OEM, at(1))]);
    expect(new Set(events.map((e) => e.metadata.eventId)).size).toBe(events.length);
  });
});
