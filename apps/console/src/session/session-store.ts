import { isExpired, sessionFromToken, type Session } from './session';

const KEY = 'fleettwin.console.token';

/**
 * The token lives in sessionStorage: it survives a reload of the tab but not the browser, and other
 * tabs sign in on their own.
 */
export function loadSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  const session = token ? sessionFromToken(token) : undefined;
  if (!session || isExpired(session, Date.now())) {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
  return session;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, session.token);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
