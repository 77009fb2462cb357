import { defaultCustodyPolicy, type CustodyPolicy } from './custody-policy';
import { decide, type CommandMetadata, type PartCommand } from './part.decider';
import { foldPart, type PartEvent } from './part.events';
import { RESOLVE_QUARANTINE, type PartRejectionCode } from './part.rejections';
import type { LifeLimits, OrganisationRef, ReleaseCertificate } from './part.values';

/** Fixtures and the given/when/then harness for the part decider specs. Not part of the public API. */
export const PART_ID = 'HPT-DISK/PN-2045M11/SN-X7731';
export const OEM: OrganisationRef = { id: 'oem', name: 'Engine Maker', approval: 'EASA.21G.0001' };
export const AIRLINE_A: OrganisationRef = { id: 'airline-a', name: 'Airline A', approval: 'EASA.CAMO.0042' };
export const AIRLINE_B: OrganisationRef = { id: 'airline-b', name: 'Airline B', approval: 'FAA.CAMO.7001' };
export const LESSOR: OrganisationRef = { id: 'lessor', name: 'Engine Lessor' };
export const MRO: OrganisationRef = { id: 'mro', name: 'Overhaul Shop', approval: 'EASA.145.0099' };

export const FORM_1: ReleaseCertificate = { form: 'EASA_FORM_1', number: 'F1-0001', issuer: 'Engine Maker EASA.21G.0001' };
export const FORM_8130: ReleaseCertificate = { form: 'FAA_8130_3', number: '8130-5555', issuer: 'Overhaul Shop EASA.145.0099' };

let counter = 0;

export function at(day: number, hour = 0): string {
  return new Date(Date.UTC(2026, 0, 1 + day, hour)).toISOString();
}

export function meta(organisation: OrganisationRef, now: string, authorisations: string[] = []): CommandMetadata {
  counter += 1;
  return { commandId: `cmd-${counter}`, partId: PART_ID, now, organisation, user: { id: `user@${organisation.id}`, authorisations } };
}

export const quality = (organisation: OrganisationRef, now: string): CommandMetadata => meta(organisation, now, [RESOLVE_QUARANTINE]);

/** Records commands one after another, as the service would, and returns the events. */
export function recorded(commands: readonly PartCommand[], policy: CustodyPolicy = defaultCustodyPolicy): PartEvent[] {
  return continued([], commands, policy);
}

/** The history followed by what the commands record on top of it. */
export function continued(history: readonly PartEvent[], commands: readonly PartCommand[], policy: CustodyPolicy = defaultCustodyPolicy): PartEvent[] {
  const events: PartEvent[] = [...history];
  for (const command of commands) {
    const decision = decide(command, foldPart(events), policy);
    if (!decision.ok) throw new Error(`${command.type} rejected: ${decision.rejection.code} ${decision.rejection.message}`);
    events.push(...decision.events);
  }
  return events;
}

type Expected = { type: PartEvent['type']; data?: object; metadata?: object };

export function given(events: readonly PartEvent[], policy: CustodyPolicy = defaultCustodyPolicy) {
  return {
    when: (command: PartCommand) => {
      const decision = decide(command, foldPart(events), policy);
      return {
        then: (expected: Expected[]) => {
          expect(decision).toMatchObject({ ok: true });
          if (decision.ok) expect(decision.events).toMatchObject(expected);
          return decision.ok ? decision.events : [];
        },
        thenRejects: (code: PartRejectionCode) => expect(decision).toMatchObject({ ok: false, rejection: { code, message: expect.any(String) } }),
      };
    },
  };
}

export const manufacture = (limits: LifeLimits = { cycles: 20_000, hours: 40_000 }): PartCommand => ({
  type: 'ManufacturePart',
  data: { partNumber: '2045M11', serialNumber: 'X7731', batch: 'B-2025-17', lifeLimits: limits },
  metadata: meta(OEM, at(0)),
});
export const certify = (org: OrganisationRef, when: string, certificate = FORM_1): PartCommand => ({ type: 'CertifyPart', data: { certificate }, metadata: meta(org, when) });
export const install = (org: OrganisationRef, when: string, assetId: string, hours: number, cycles: number): PartCommand => ({
  type: 'InstallPart',
  data: { assetId, position: 'HPT stage 1', assetCounters: { hours, cycles } },
  metadata: meta(org, when),
});
export const usage = (org: OrganisationRef, when: string, assetId: string, hours: number, cycles: number): PartCommand => ({
  type: 'RecordUsage',
  data: { assetId, assetCounters: { hours, cycles } },
  metadata: meta(org, when),
});
export const remove = (org: OrganisationRef, when: string, assetId: string, counters: { hours: number; cycles: number } | null, serviceable = true): PartCommand => ({
  type: 'RemovePart',
  data: { assetId, assetCounters: counters, reason: serviceable ? 'engine shop visit' : 'blade tip rub found', serviceable },
  metadata: meta(org, when),
});
export const inspect = (org: OrganisationRef, when: string, serviceable = true): PartCommand => ({
  type: 'InspectPart',
  data: { findings: serviceable ? 'no findings' : 'crack indication', serviceable },
  metadata: meta(org, when),
});
export const repair = (org: OrganisationRef, when: string, certificate: ReleaseCertificate | null = FORM_8130): PartCommand => ({
  type: 'RepairPart',
  data: { kind: 'overhaul', description: 'overhauled per CMM 72-41-00', releaseCertificate: certificate },
  metadata: meta(org, when),
});
export const store = (org: OrganisationRef, when: string): PartCommand => ({
  type: 'StorePart',
  data: { location: 'Bonded store 3, bin 14', conditions: 'sealed, 18 °C, 40 % RH' },
  metadata: meta(org, when),
});
export const transfer = (org: OrganisationRef, when: string, to: OrganisationRef, transferId: string): PartCommand => ({
  type: 'TransferPart',
  data: { transferId, to },
  metadata: meta(org, when),
});
export const acknowledge = (org: OrganisationRef, when: string, transferId: string): PartCommand => ({
  type: 'AcknowledgeTransfer',
  data: { transferId },
  metadata: meta(org, when),
});
export const scrap = (org: OrganisationRef, when: string): PartCommand => ({ type: 'ScrapPart', data: { reason: 'life expired', mutilated: true }, metadata: meta(org, when) });
export const quarantinePart = (org: OrganisationRef, when: string): PartCommand => ({ type: 'QuarantinePart', data: { reason: 'suspected unapproved part' }, metadata: meta(org, when) });
export const resolveQuarantine = (metadata: CommandMetadata, reason = 'records reconstructed from the operator tech log'): PartCommand => ({
  type: 'ResolveQuarantine',
  data: { reason },
  metadata,
});
export const check = (org: OrganisationRef, when: string): PartCommand => ({ type: 'CheckCustody', data: {}, metadata: meta(org, when) });

/** A certified part on engine ESN-1 of airline A, installed at 1000 h / 500 cyc. */
export const installedOnEsn1 = (): PartEvent[] =>
  recorded([manufacture(), certify(OEM, at(1)), transfer(OEM, at(2), AIRLINE_A, 't-1'), acknowledge(AIRLINE_A, at(3), 't-1'), install(AIRLINE_A, at(4), 'ESN-1', 1000, 500)]);
