import { ROLES, type Role } from '../api/types';

/** Who is signed in, as read from the token (the gateway verifies it; the console only displays it). */
export interface Session {
  token: string;
  sub: string;
  tenant: string;
  roles: Role[];
  /** Epoch seconds. */
  expiresAt: number;
}

/** Reads a JWT's claims without verifying it; undefined when it is not a token with sub, tenant and roles. */
export function sessionFromToken(token: string): Session | undefined {
  const payload = token.trim().split('.')[1];
  if (!payload) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(decodeBase64Url(payload));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { sub, tenant, roles, exp } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof tenant !== 'string' || !Array.isArray(roles) || typeof exp !== 'number') return undefined;
  const known = roles.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
  if (!known.length) return undefined;
  return { token: token.trim(), sub, tenant, roles: known, expiresAt: exp };
}

export function isExpired(session: Session, nowMs: number): boolean {
  return session.expiresAt * 1000 <= nowMs;
}

/** Whether the session may use an action the gateway allows only to some roles (docs/gateway.md). */
export function mayAct(session: Session, allowed: readonly Role[]): boolean {
  return session.roles.some((role) => allowed.includes(role));
}

export const WORK_ORDER_ACTORS: readonly Role[] = ['planner', 'admin', 'integration'];
export const COMMAND_SENDERS: readonly Role[] = ['engineer', 'planner', 'admin'];

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
