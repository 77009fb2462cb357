import { useCallback, useMemo, useState } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ApiClient } from '../api/client';
import { LiveProvider, useLive } from '../live/LiveProvider';
import type { Session } from '../session/session';
import { clearSession, loadSession, saveSession } from '../session/session-store';
import { LoginView } from '../views/login/LoginView';
import { SessionContext, useSignedIn, type SignedIn } from './session-context';
import { VIEWS } from './views';

export function App() {
  const [session, setSession] = useState<Session | undefined>(() => loadSession());
  const navigate = useNavigate();
  const location = useLocation();

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setSession(next);
    const from = (location.state as { from?: string } | null)?.from;
    navigate(from && from !== '/login' ? from : '/', { replace: true });
  }, [location.state, navigate]);

  const signOut = useCallback(() => {
    clearSession();
    setSession(undefined);
  }, []);

  const signedIn = useMemo<SignedIn | undefined>(() => (session ? { session, api: new ApiClient(session.token, signOut), signOut } : undefined), [session, signOut]);

  if (!signedIn) {
    return (
      <Routes>
        <Route path="/login" element={<LoginView onSignedIn={signIn} />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />} />
      </Routes>
    );
  }
  return (
    <SessionContext.Provider value={signedIn}>
      <LiveProvider authorization={signedIn.api.authorization()} onUnauthorized={signOut}>
        <Layout />
      </LiveProvider>
    </SessionContext.Provider>
  );
}

function Layout() {
  const { session, signOut } = useSignedIn();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <span className="brand">fleettwin <span className="brand-sub">operations</span></span>
        <nav aria-label="Main">
          <ul>
            {VIEWS.filter((v) => v.nav).map((v) => (
              <li key={v.path}><NavLink to={v.path} end={v.path === '/'}>{v.nav}</NavLink></li>
            ))}
          </ul>
        </nav>
        <LiveIndicator />
        <div className="who" aria-label="Signed in as">
          <span className="tenant">{session.tenant}</span>
          <span className="roles">{session.roles.join(', ')}</span>
          <span className="sub">{session.sub}</span>
          <button type="button" className="link-button" onClick={signOut}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes>
          {VIEWS.map((v) => <Route key={v.path} path={v.path} element={v.element} />)}
          <Route path="/login" element={<Navigate to="/" replace />} />
          <Route path="*" element={<p className="empty">No such page. <NavLink to="/">Back to the fleet</NavLink></p>} />
        </Routes>
      </main>
    </div>
  );
}

function LiveIndicator() {
  const { state, received } = useLive();
  const label = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <div className={`live live-${state}`} role="status" aria-live="polite" data-testid="live-status" title={`${received} live updates received`}>
      <span className="dot" aria-hidden="true" /> {label}
    </div>
  );
}
