import type { PartCommand } from './part.decider';
import type { PartEvent } from './part.events';
import type { PartRejectionCode } from './part.rejections';
import {
  acknowledge,
  AIRLINE_A,
  AIRLINE_B,
  at,
  certify,
  given,
  inspect,
  install,
  installedOnEsn1,
  manufacture,
  meta,
  OEM,
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

const released = () => recorded([manufacture(), certify(OEM, at(1))]);
const quarantined = () => recorded([manufacture(), certify(OEM, at(1)), quarantinePart(OEM, at(2))]);
const inTransit = () => recorded([manufacture(), certify(OEM, at(1)), transfer(OEM, at(2), AIRLINE_A, 't-1')]);
const scrapped = () => recorded([manufacture(), scrap(OEM, at(1))]);

const cases: Array<[string, () => PartEvent[], PartCommand, PartRejectionCode]> = [
  ['any command on a part never manufactured', () => [], certify(OEM, at(1)), 'PART_NOT_FOUND'],
  ['manufacturing the same part twice', () => recorded([manufacture()]), manufacture(), 'PART_ALREADY_EXISTS'],
  ['a command addressed to another part', () => recorded([manufacture()]), { ...store(OEM, at(1)), metadata: { ...meta(OEM, at(1)), partId: 'OTHER' } }, 'WRONG_PART'],
  ['manufacturing without a serial number', () => [], { ...manufacture(), data: { ...(manufacture().data as object), serialNumber: ' ' } } as PartCommand, 'INVALID_INPUT'],
  ['manufacturing with a zero life limit', () => [], manufacture({ cycles: 0, hours: 10 }), 'INVALID_INPUT'],
  ['anything after scrapping', scrapped, store(OEM, at(2)), 'PART_SCRAPPED'],
  ['installing a part with no release certificate', () => recorded([manufacture()]), install(OEM, at(1), 'ESN-1', 0, 0), 'NOT_RELEASED'],
  ['installing a part removed as unserviceable', () => recorded([manufacture(), certify(OEM, at(1)), install(OEM, at(2), 'ESN-1', 0, 0), remove(OEM, at(3), 'ESN-1', { hours: 5, cycles: 2 }, false)]), install(OEM, at(4), 'ESN-1', 5, 2), 'NOT_RELEASED'],
  ['installing a part that is already installed', installedOnEsn1, install(AIRLINE_A, at(5), 'ESN-2', 0, 0), 'PART_INSTALLED'],
  ['installing a quarantined part', quarantined, install(OEM, at(3), 'ESN-1', 0, 0), 'PART_QUARANTINED'],
  ['installing while a transfer awaits acknowledgement', inTransit, install(OEM, at(3), 'ESN-1', 0, 0), 'TRANSFER_PENDING'],
  ['installing with negative counters', released, install(OEM, at(2), 'ESN-1', -1, 0), 'INVALID_INPUT'],
  ['installing a part that has used its life', () => recorded([manufacture({ cycles: 100, hours: 1000 }), certify(OEM, at(1)), install(OEM, at(2), 'ESN-1', 0, 0), remove(OEM, at(3), 'ESN-1', { hours: 10, cycles: 100 })]), install(OEM, at(4), 'ESN-1', 10, 100), 'LIFE_LIMIT_REACHED'],
  ['removing a part that is not installed', released, remove(OEM, at(2), 'ESN-1', { hours: 1, cycles: 1 }), 'PART_NOT_INSTALLED'],
  ['removing from the wrong asset', installedOnEsn1, remove(AIRLINE_A, at(5), 'ESN-2', { hours: 1, cycles: 1 }), 'WRONG_ASSET'],
  ['removing at counters behind installation', installedOnEsn1, remove(AIRLINE_A, at(5), 'ESN-1', { hours: 999, cycles: 500 }), 'COUNTERS_WENT_BACKWARDS'],
  ['reporting usage for a part not installed', released, usage(OEM, at(2), 'ESN-1', 1, 1), 'PART_NOT_INSTALLED'],
  ['reporting usage that goes backwards', installedOnEsn1, usage(AIRLINE_A, at(5), 'ESN-1', 1000, 499), 'COUNTERS_WENT_BACKWARDS'],
  ['certifying an installed part', installedOnEsn1, certify(AIRLINE_A, at(5)), 'PART_INSTALLED'],
  ['certifying a quarantined part', quarantined, certify(OEM, at(3)), 'PART_QUARANTINED'],
  ['certifying without an issuer', released, certify(OEM, at(2), { form: 'EASA_FORM_1', number: 'F1-2', issuer: '' }), 'INVALID_INPUT'],
  ['repairing an installed part', installedOnEsn1, repair(AIRLINE_A, at(5)), 'PART_INSTALLED'],
  ['storing an installed part', installedOnEsn1, store(AIRLINE_A, at(5)), 'PART_INSTALLED'],
  ['storing while a transfer awaits acknowledgement', inTransit, store(AIRLINE_A, at(3)), 'TRANSFER_PENDING'],
  ['transferring a part one does not own', released, transfer(AIRLINE_A, at(2), AIRLINE_B, 't-2'), 'NOT_OWNER'],
  ['transferring an installed part', installedOnEsn1, transfer(AIRLINE_A, at(5), AIRLINE_B, 't-2'), 'PART_INSTALLED'],
  ['transferring a quarantined part', quarantined, transfer(OEM, at(3), AIRLINE_A, 't-2'), 'PART_QUARANTINED'],
  ['transferring twice before acknowledgement', inTransit, transfer(OEM, at(3), AIRLINE_B, 't-2'), 'TRANSFER_PENDING'],
  ['transferring to the owner itself', released, transfer(OEM, at(2), OEM, 't-2'), 'INVALID_INPUT'],
  ['acknowledging by someone other than the receiver', inTransit, acknowledge(AIRLINE_B, at(3), 't-1'), 'NOT_RECEIVER'],
  ['acknowledging a transfer that is not pending', released, acknowledge(AIRLINE_A, at(3), 't-1'), 'NO_PENDING_TRANSFER'],
  ['scrapping an installed part', installedOnEsn1, scrap(AIRLINE_A, at(5)), 'PART_INSTALLED'],
  ['inspecting without findings', released, { ...inspect(OEM, at(2)), data: { findings: '', serviceable: true } } as PartCommand, 'INVALID_INPUT'],
  ['quarantining twice', quarantined, quarantinePart(OEM, at(3)), 'ALREADY_QUARANTINED'],
  ['resolving a quarantine that does not exist', released, resolveQuarantine(meta(OEM, at(2), ['custody:resolve-quarantine'])), 'NOT_QUARANTINED'],
  ['resolving a quarantine without the authorisation', quarantined, resolveQuarantine(meta(OEM, at(3))), 'NOT_AUTHORISED'],
  ['resolving a quarantine without a reason', quarantined, resolveQuarantine(meta(OEM, at(3), ['custody:resolve-quarantine']), '  '), 'INVALID_INPUT'],
];

describe('illegal transitions are rejected with a typed error', () => {
  it.each(cases)('%s', (_, history, command, code) => {
    given(history()).when(command).thenRejects(code);
  });
});
