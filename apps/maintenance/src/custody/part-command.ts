import type { RecordPartEventBody } from '@fleettwin/contracts';
import type { CommandMetadata, PartCommand } from '@fleettwin/domain-part';
import type { CustodyActor } from './custody-actor';

/** A validated REST/gRPC body plus the caller's identity and the time → the domain command. */
export function toPartCommand(partId: string, body: RecordPartEventBody, actor: CustodyActor, commandId: string, now: string): PartCommand {
  const metadata: CommandMetadata = { commandId, partId, now, organisation: actor.organisation, user: { id: actor.userId, authorisations: actor.authorisations } };
  switch (body.command) {
    case 'manufacture':
      return { type: 'ManufacturePart', data: body.data, metadata };
    case 'certify':
      return { type: 'CertifyPart', data: body.data, metadata };
    case 'install':
      return { type: 'InstallPart', data: body.data, metadata };
    case 'record-usage':
      return { type: 'RecordUsage', data: body.data, metadata };
    case 'remove':
      return { type: 'RemovePart', data: body.data, metadata };
    case 'inspect':
      return { type: 'InspectPart', data: body.data, metadata };
    case 'repair':
      return { type: 'RepairPart', data: body.data, metadata };
    case 'store':
      return { type: 'StorePart', data: body.data, metadata };
    case 'transfer':
      return { type: 'TransferPart', data: body.data, metadata };
    case 'acknowledge-transfer':
      return { type: 'AcknowledgeTransfer', data: body.data, metadata };
    case 'scrap':
      return { type: 'ScrapPart', data: body.data, metadata };
    case 'quarantine':
      return { type: 'QuarantinePart', data: body.data, metadata };
    case 'resolve-quarantine':
      return { type: 'ResolveQuarantine', data: body.data, metadata };
    case 'check-custody':
      return { type: 'CheckCustody', data: {}, metadata };
  }
}
