import { z } from 'zod';
import { StorableInstant } from './telemetry';

/**
 * REST bodies of the custody ledger (`POST /v1/parts/{partId}/events`): one lifecycle command per
 * call. The acting organisation and user come from the caller's identity, never from the body.
 */
const Text = z.string().trim().min(1).max(2000);
// Found by fuzzing: `+25:00` passed `datetime()` and `new Date(…).toISOString()` then threw (a 500).
const Instant = StorableInstant;
const Counters = z.object({ hours: z.number().finite().nonnegative(), cycles: z.number().finite().nonnegative() }).strict();
const Certificate = z.object({ form: z.enum(['EASA_FORM_1', 'FAA_8130_3']), number: Text, issuer: Text }).strict();
export const CustodyOrganisation = z.object({ id: Text, name: Text, approval: Text.optional() }).strict();
export type CustodyOrganisation = z.infer<typeof CustodyOrganisation>;

const command = <C extends string, D extends z.ZodTypeAny>(name: C, data: D) =>
  z.object({
    command: z.literal(name),
    /** Event ids derive from it; defaults to a fresh id. */
    commandId: z.string().trim().min(1).max(200).optional(),
    /** When it happened; defaults to the time the service received it. */
    occurredAt: Instant.optional(),
    data,
  }).strict();

export const PART_COMMANDS = [
  'manufacture', 'certify', 'install', 'record-usage', 'remove', 'inspect', 'repair', 'store',
  'transfer', 'acknowledge-transfer', 'scrap', 'quarantine', 'resolve-quarantine', 'check-custody',
] as const;

export const RecordPartEventBody = z.discriminatedUnion('command', [
  command('manufacture', z.object({ partNumber: Text, serialNumber: Text, batch: Text, lifeLimits: z.object({ hours: z.number().finite().positive().optional(), cycles: z.number().finite().positive().optional() }).strict() }).strict()),
  command('certify', z.object({ certificate: Certificate }).strict()),
  command('install', z.object({ assetId: Text, position: Text, assetCounters: Counters }).strict()),
  command('record-usage', z.object({ assetId: Text, assetCounters: Counters }).strict()),
  command('remove', z.object({ assetId: Text, assetCounters: Counters.nullable(), reason: Text, serviceable: z.boolean() }).strict()),
  command('inspect', z.object({ findings: Text, serviceable: z.boolean() }).strict()),
  command('repair', z.object({ kind: z.enum(['repair', 'overhaul']), description: Text, releaseCertificate: Certificate.nullable() }).strict()),
  command('store', z.object({ location: Text, conditions: Text }).strict()),
  command('transfer', z.object({ transferId: Text, to: CustodyOrganisation }).strict()),
  command('acknowledge-transfer', z.object({ transferId: Text }).strict()),
  command('scrap', z.object({ reason: Text, mutilated: z.boolean() }).strict()),
  command('quarantine', z.object({ reason: Text }).strict()),
  command('resolve-quarantine', z.object({ reason: Text }).strict()),
  command('check-custody', z.object({}).strict()),
]);
export type RecordPartEventBody = z.infer<typeof RecordPartEventBody>;

/** Part ids are a part number and serial (`PN-2045M11/SN-X7731`): printable, no whitespace. */
export const PartId = z.string().min(1).max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'part ids are letters, digits and . _ : / -');
