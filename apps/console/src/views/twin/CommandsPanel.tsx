import { useState, type FormEvent } from 'react';
import { segment } from '../../api/client';
import type { CommandView, TwinView } from '../../api/types';
import { useSignedIn } from '../../app/session-context';
import { COMMAND_SENDERS, mayAct } from '../../session/session';
import { describeError } from '../../ui/Async';
import { formatTimestamp } from '../../ui/format';

const STATUS_TONE: Record<CommandView['status'], string> = { pending: 'info', accepted: 'ok', completed: 'ok', rejected: 'bad', 'timed-out': 'warn' };

/** Commands sent to the asset and how it acknowledged them; engineers and planners can send one. */
export function CommandsPanel({ twin, onSent }: { twin: TwinView; onSent: () => void }) {
  const { api, session } = useSignedIn();
  const commands = [...(twin.commands?.pending ?? []), ...(twin.commands?.recent ?? [])];
  const [kind, setKind] = useState<'parameters' | 'maintenance'>('parameters');
  const [name, setName] = useState('');
  const [parameters, setParameters] = useState('');
  const [message, setMessage] = useState<string>();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const parsed = Object.fromEntries(parameters.split(',').map((p) => p.trim()).filter(Boolean).map((pair) => {
        const [key, raw = ''] = pair.split('=').map((s) => s.trim());
        const number = Number(raw);
        return [key, raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(number) ? number : raw];
      }));
      await api.post(`/v1/twins/${segment(twin.assetId)}/commands`, { kind, name, parameters: parsed });
      setMessage(`Sent ${name}; waiting for the asset's acknowledgement.`);
      setName('');
      setParameters('');
      onSent();
    } catch (failure) {
      setMessage(describeError(failure));
    }
  };

  return (
    <div className="panel">
      <h2>Commands</h2>
      <table className="dense" data-testid="commands-table">
        <thead><tr><th scope="col">Command</th><th scope="col">Kind</th><th scope="col">Parameters</th><th scope="col">Issued</th><th scope="col">By</th><th scope="col">Acknowledgement</th></tr></thead>
        <tbody>
          {commands.map((c) => (
            <tr key={c.commandId}>
              <th scope="row">{c.name} <span className="muted small">{c.commandId}</span></th>
              <td>{c.kind}</td>
              <td className="small">{Object.entries(c.parameters).map(([k, v]) => `${k}=${String(v)}`).join(', ')}</td>
              <td className="small">{formatTimestamp(c.issuedAt)}</td>
              <td className="small">{c.issuedBy}</td>
              <td><span className={`badge tone-${STATUS_TONE[c.status]}`}>{c.status}</span> <span className="small muted">{c.settledAt ? formatTimestamp(c.settledAt) : `expires ${formatTimestamp(c.expiresAt)}`}{c.message ? ` · ${c.message}` : ''}</span></td>
            </tr>
          ))}
          {!commands.length ? <tr><td colSpan={6} className="empty">No commands sent.</td></tr> : null}
        </tbody>
      </table>
      {mayAct(session, COMMAND_SENDERS) ? (
        <form className="inline-form" onSubmit={send} aria-label="Send a command">
          <label>Kind <select value={kind} onChange={(e) => setKind(e.target.value as 'parameters' | 'maintenance')}><option value="parameters">parameters</option><option value="maintenance">maintenance</option></select></label>
          <label>Name <input value={name} onChange={(e) => setName(e.target.value)} required pattern="[A-Za-z][A-Za-z0-9_.\-]{0,63}" /></label>
          <label>Parameters <input value={parameters} onChange={(e) => setParameters(e.target.value)} placeholder="idle=1, mode=eco" /></label>
          <button type="submit">Send command</button>
          {message ? <span role="status" className="small">{message}</span> : null}
        </form>
      ) : null}
    </div>
  );
}
