import type { AssetCounters, LifeLimits, OrganisationRef, ReleaseCertificate } from './part.values';

/**
 * Everything from outside the decision: the command's id (event ids derive from it), the part it
 * is for, the time it happened, and the organisation and user acting. decide never reads a clock.
 */
export interface CommandMetadata {
  commandId: string;
  partId: string;
  now: string;
  organisation: OrganisationRef;
  user: { id: string; authorisations: string[] };
}

type CommandOf<T extends string, D> = { type: T; data: D; metadata: CommandMetadata };

export type ManufacturePart = CommandOf<'ManufacturePart', { partNumber: string; serialNumber: string; batch: string; lifeLimits: LifeLimits }>;
export type CertifyPart = CommandOf<'CertifyPart', { certificate: ReleaseCertificate }>;
export type InstallPart = CommandOf<'InstallPart', { assetId: string; position: string; assetCounters: AssetCounters }>;
export type RecordUsage = CommandOf<'RecordUsage', { assetId: string; assetCounters: AssetCounters }>;
export type RemovePart = CommandOf<'RemovePart', { assetId: string; assetCounters: AssetCounters | null; reason: string; serviceable: boolean }>;
export type InspectPart = CommandOf<'InspectPart', { findings: string; serviceable: boolean }>;
export type RepairPart = CommandOf<'RepairPart', { kind: 'repair' | 'overhaul'; description: string; releaseCertificate: ReleaseCertificate | null }>;
export type StorePart = CommandOf<'StorePart', { location: string; conditions: string }>;
export type TransferPart = CommandOf<'TransferPart', { transferId: string; to: OrganisationRef }>;
export type AcknowledgeTransfer = CommandOf<'AcknowledgeTransfer', { transferId: string }>;
export type ScrapPart = CommandOf<'ScrapPart', { reason: string; mutilated: boolean }>;
export type QuarantinePart = CommandOf<'QuarantinePart', { reason: string }>;
export type ResolveQuarantine = CommandOf<'ResolveQuarantine', { reason: string }>;
/** A periodic sweep: evaluates the time-based rules at metadata.now. */
export type CheckCustody = CommandOf<'CheckCustody', Record<string, never>>;

export type PartCommand =
  | ManufacturePart
  | CertifyPart
  | InstallPart
  | RecordUsage
  | RemovePart
  | InspectPart
  | RepairPart
  | StorePart
  | TransferPart
  | AcknowledgeTransfer
  | ScrapPart
  | QuarantinePart
  | ResolveQuarantine
  | CheckCustody;
