import { Controller, Get, Param, Req } from '@nestjs/common';
import { verifyDossier, type DossierFailure } from '@fleettwin/merkle-log';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { notFound, ServiceClient } from '../upstream/service-client';

/** The part as maintenance's custody ledger reports it; the owning organisation is the tenant that sees it. */
interface PartView {
  partId: string;
  owner: { id: string; name?: string };
  [field: string]: unknown;
}

interface CustodyHistory {
  partId: string;
  events: unknown[];
}

export type CustodyVerification =
  | { valid: true; events: number; checkpoint: { origin: string; size: number; rootHash: string } }
  | { valid: false; failure: DossierFailure };

/**
 * Parts and their custody. A part belongs to the tenant whose organisation owns it now; anyone else's
 * answers 404. The custody view carries the ledger records and the verdict of checking the part's dossier
 * (hash chain, Merkle inclusion, signed checkpoint and stream head) against maintenance's published key.
 */
@Controller('v1/parts/:id')
export class PartsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Access('part')
  async part(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<PartView> {
    return this.owned(id, principalOf(req).tenant, req.requestId);
  }

  @Get('custody')
  @Access('partCustody')
  async custody(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<{ partId: string; part: PartView; events: unknown[]; verification: CustodyVerification }> {
    const part = await this.owned(id, principalOf(req).tenant, req.requestId);
    const path = `/v1/parts/${encodeURIComponent(id)}`;
    const [history, dossier, key] = await Promise.all([
      this.services.call<CustodyHistory>('maintenance', `${path}/history`, { requestId: req.requestId }),
      this.services.call<unknown>('maintenance', `${path}/dossier`, { requestId: req.requestId }),
      this.services.call<{ verifierKey: string }>('maintenance', '/v1/custody/key', { requestId: req.requestId }),
    ]);
    const verdict = verifyDossier(dossier, key.verifierKey);
    const verification: CustodyVerification = verdict.valid ? { valid: true, events: verdict.events, checkpoint: verdict.checkpoint } : { valid: false, failure: verdict.failure };
    return { partId: part.partId, part, events: history.events, verification };
  }

  private async owned(id: string, tenant: string, requestId?: string): Promise<PartView> {
    const part = await this.services.call<PartView>('maintenance', `/v1/parts/${encodeURIComponent(id)}`, { requestId });
    if (part.owner?.id !== tenant) throw notFound();
    return part;
  }
}
