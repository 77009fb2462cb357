import type { OrganisationRef } from '@fleettwin/domain-part';

/** Who records a custody fact: the organisation and user acting, as the caller's identity says. */
export interface CustodyActor {
  organisation: OrganisationRef;
  userId: string;
  authorisations: string[];
}

export class MissingIdentity extends Error {}

type HeaderValue = string | string[] | undefined;

/**
 * Identity from `x-organisation` (id), `x-organisation-name`, `x-organisation-approval`, `x-actor`
 * and `x-authorisations` (comma separated). The gateway authenticates callers and sets these; the
 * ledger refuses to record anything without an organisation and a user.
 */
export function actorFrom(header: (name: string) => HeaderValue): CustodyActor {
  const id = single(header('x-organisation'));
  const userId = single(header('x-actor'));
  if (!id) throw new MissingIdentity('the x-organisation header (acting organisation id) is required');
  if (!userId) throw new MissingIdentity('the x-actor header (acting user id) is required');
  const approval = single(header('x-organisation-approval'));
  const organisation: OrganisationRef = { id, name: single(header('x-organisation-name')) ?? id, ...(approval ? { approval } : {}) };
  const authorisations = (single(header('x-authorisations')) ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  return { organisation, userId, authorisations };
}

function single(value: HeaderValue): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (text.length > 200) throw new MissingIdentity('identity headers are at most 200 characters');
  return text;
}
