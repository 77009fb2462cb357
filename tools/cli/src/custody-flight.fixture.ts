import {
  decide,
  foldPart,
  RESOLVE_QUARANTINE,
  type CommandMetadata,
  type OrganisationRef,
  type PartCommand,
  type PartEvent,
} from '@fleettwin/domain-part';
import { generateNoteKeyPair, InMemoryRecordStore, MerkleLog, parseSignerKey, StreamLedger, type Dossier } from '@fleettwin/merkle-log';

/**
 * One HPT disk's life, recorded as the maintenance service would: made by the OEM, sold to
 * airline A, flown on engine ESN-1001, pulled and overhauled by an MRO, sold to airline B and
 * flown on ESN-2002. Three owners, two engines, a repair between. Another part's events are
 * interleaved in the same global log, as in production.
 */
export const PART_ID = 'PN-2045M11/SN-X7731';
const OEM: OrganisationRef = { id: 'oem', name: 'Engine Maker', approval: 'EASA.21G.0001' };
const AIRLINE_A: OrganisationRef = { id: 'airline-a', name: 'Airline A', approval: 'EASA.CAMO.0042' };
const AIRLINE_B: OrganisationRef = { id: 'airline-b', name: 'Airline B', approval: 'FAA.CAMO.7001' };
const MRO: OrganisationRef = { id: 'mro', name: 'Overhaul Shop', approval: 'EASA.145.0099' };

let sequence = 0;
function by(organisation: OrganisationRef, day: number, partId = PART_ID): CommandMetadata {
  sequence += 1;
  const now = new Date(Date.UTC(2024, 0, 1 + day)).toISOString();
  return { commandId: `cmd-${sequence}`, partId, now, organisation, user: { id: `inspector@${organisation.id}`, authorisations: [RESOLVE_QUARANTINE] } };
}

function flight(): PartCommand[] {
  return [
    { type: 'ManufacturePart', data: { partNumber: '2045M11', serialNumber: 'X7731', batch: 'B-2023-41', lifeLimits: { cycles: 20_000 } }, metadata: by(OEM, 0) },
    { type: 'CertifyPart', data: { certificate: { form: 'EASA_FORM_1', number: 'F1-77310', issuer: 'Engine Maker EASA.21G.0001' } }, metadata: by(OEM, 1) },
    { type: 'StorePart', data: { location: 'OEM bonded store', conditions: 'sealed, dry' }, metadata: by(OEM, 2) },
    { type: 'TransferPart', data: { transferId: 'sale-1', to: AIRLINE_A }, metadata: by(OEM, 10) },
    { type: 'AcknowledgeTransfer', data: { transferId: 'sale-1' }, metadata: by(AIRLINE_A, 11) },
    { type: 'InstallPart', data: { assetId: 'ESN-1001', position: 'HPT stage 1', assetCounters: { hours: 2_000, cycles: 900 } }, metadata: by(AIRLINE_A, 12) },
    { type: 'RecordUsage', data: { assetId: 'ESN-1001', assetCounters: { hours: 4_500, cycles: 2_100 } }, metadata: by(AIRLINE_A, 200) },
    { type: 'RemovePart', data: { assetId: 'ESN-1001', assetCounters: { hours: 6_000, cycles: 2_900 }, reason: 'borescope finding', serviceable: false }, metadata: by(AIRLINE_A, 300) },
    { type: 'StorePart', data: { location: 'Airline A quarantine store', conditions: 'tagged unserviceable' }, metadata: by(AIRLINE_A, 301) },
    { type: 'InspectPart', data: { findings: 'coating loss on rim', serviceable: false }, metadata: by(MRO, 310) },
    { type: 'RepairPart', data: { kind: 'overhaul', description: 'recoated per CMM 72-41-00', releaseCertificate: { form: 'FAA_8130_3', number: '8130-5555', issuer: 'Overhaul Shop EASA.145.0099' } }, metadata: by(MRO, 330) },
    { type: 'StorePart', data: { location: 'Airline A bonded store', conditions: 'sealed, dry' }, metadata: by(AIRLINE_A, 335) },
    { type: 'TransferPart', data: { transferId: 'sale-2', to: AIRLINE_B }, metadata: by(AIRLINE_A, 400) },
    { type: 'AcknowledgeTransfer', data: { transferId: 'sale-2' }, metadata: by(AIRLINE_B, 402) },
    { type: 'InstallPart', data: { assetId: 'ESN-2002', position: 'HPT stage 1', assetCounters: { hours: 10_000, cycles: 5_000 } }, metadata: by(AIRLINE_B, 410) },
    { type: 'RecordUsage', data: { assetId: 'ESN-2002', assetCounters: { hours: 11_000, cycles: 5_400 } }, metadata: by(AIRLINE_B, 500) },
  ];
}

export interface FlownPart {
  events: PartEvent[];
  dossier: Dossier<PartEvent>;
  verifierKey: string;
  publicKeyBase64: string;
}

/** Decides every command against the folded stream and appends the events to the ledger. */
export async function flyPartThroughTwoEnginesAndThreeOwners(): Promise<FlownPart> {
  const keys = generateNoteKeyPair('fleettwin.example/custody');
  const ledger = new StreamLedger({ log: new MerkleLog(), records: new InMemoryRecordStore(), signer: parseSignerKey(keys.signerKey) });
  const events: PartEvent[] = [];
  for (const command of flight()) {
    const decision = decide(command, foldPart(events));
    if (!decision.ok) throw new Error(`${command.type}: ${decision.rejection.code} ${decision.rejection.message}`);
    for (const event of decision.events) {
      events.push(event);
      await ledger.append(PART_ID, event);
      await ledger.append('PN-OTHER/SN-1', { type: 'Unrelated', data: { n: events.length } });
    }
  }
  const dossier = (await ledger.exportDossier(PART_ID)) as Dossier<PartEvent>;
  const publicKeyBase64 = Buffer.from(keys.verifierKey.split('+').slice(2).join('+'), 'base64').subarray(1).toString('base64');
  return { events, dossier, verifierKey: keys.verifierKey, publicKeyBase64 };
}
