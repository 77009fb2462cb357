import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../api/types';
import { sessionFromToken, type Session } from '../../session/session';

const SUGGESTED_TENANTS = ['airline-a', 'airline-b', 'acme', 'globex'];

/**
 * Development: pick a tenant and a role and the gateway mints a token (POST /v1/dev/token, only while it
 * runs with AUTH_DEV_SECRET). Otherwise: paste a token from your identity provider.
 */
export function LoginView({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [tenant, setTenant] = useState('airline-a');
  const [role, setRole] = useState<Role>('planner');
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const devSignIn = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch('/v1/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: tenant.trim(), roles: [role] }) });
      const body = (await res.json().catch(() => ({}))) as { token?: string; error?: { message?: string } };
      if (res.status === 404) throw new Error('Development sign-in is off on this gateway (it trusts an identity provider): paste a token instead.');
      if (!res.ok || !body.token) throw new Error(body.error?.message ?? `the gateway answered ${res.status}`);
      const session = sessionFromToken(body.token);
      if (!session) throw new Error('the gateway returned a token the console cannot read');
      onSignedIn(session);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const tokenSignIn = (event: FormEvent) => {
    event.preventDefault();
    const session = sessionFromToken(pasted);
    if (!session) return setError('That is not a fleettwin token (it needs sub, tenant, roles and exp claims).');
    if (session.expiresAt * 1000 <= Date.now()) return setError('That token has expired.');
    onSignedIn(session);
  };

  return (
    <main id="main" className="login">
      <h1>fleettwin operations</h1>
      <p className="muted">Sign in to see your tenant’s fleet, twins, work orders and parts.</p>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="login-panels">
        <form onSubmit={devSignIn} aria-labelledby="dev-login">
          <h2 id="dev-login">Development sign-in</h2>
          <label htmlFor="tenant">Tenant</label>
          <input id="tenant" name="tenant" list="tenants" value={tenant} onChange={(e) => setTenant(e.target.value)} required pattern="[a-z0-9\-]+" autoComplete="off" />
          <datalist id="tenants">{SUGGESTED_TENANTS.map((t) => <option key={t} value={t} />)}</datalist>
          <label htmlFor="role">Role</label>
          <select id="role" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        </form>
        <form onSubmit={tokenSignIn} aria-labelledby="token-login">
          <h2 id="token-login">Paste a token</h2>
          <label htmlFor="token">Bearer token (JWT)</label>
          <textarea id="token" name="token" rows={5} value={pasted} onChange={(e) => setPasted(e.target.value)} spellCheck={false} required />
          <button type="submit">Use token</button>
        </form>
      </div>
    </main>
  );
}
