import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { segment } from '../../api/client';
import type { PartCustody } from '../../api/types';
import { useSignedIn } from '../../app/session-context';
import { ErrorNote, useLoaded } from '../../ui/Async';
import { formatNumber, formatTimestamp } from '../../ui/format';
import { Badge } from '../../ui/StatusBadge';
import { custodyBadge, describeRecord } from './custody';

/** Look a part up by id and read its custody history, with whether the signed ledger verifies. */
export function PartsView() {
  const partId = useParams().partId ?? '';
  const navigate = useNavigate();
  const [query, setQuery] = useState(partId);
  const search = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) navigate(`/parts/${segment(query.trim())}`);
  };
  return (
    <section aria-labelledby="parts-title">
      <div className="view-head">
        <h1 id="parts-title">Parts</h1>
        <form className="filters" role="search" onSubmit={search}>
          <label>Part id <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="PN-2045M11/SN-X7731" required /></label>
          <button type="submit">Show custody</button>
        </form>
      </div>
      {partId ? <PartCustodyPanel partId={partId} /> : <p className="muted">Enter a part id (part number and serial, as on its release certificate) to see its custody history.</p>}
    </section>
  );
}

function PartCustodyPanel({ partId }: { partId: string }) {
  const { api } = useSignedIn();
  const custody = useLoaded(`custody:${partId}`, (signal) => api.get<PartCustody>(`/v1/parts/${segment(partId)}/custody`, {}, signal));
  if (custody.error) return <ErrorNote error={custody.error.startsWith('NOT_FOUND') ? `No part ${partId} owned by your organisation.` : custody.error} />;
  if (!custody.data) return <p className="muted">Loading…</p>;
  const { part, events } = custody.data;
  const badge = custodyBadge(custody.data);
  return (
    <div className="panel">
      <h2>{part.partId} <span data-testid="custody-badge"><Badge tone={badge.kind === 'verified' ? 'ok' : 'bad'} title={badge.title}>{badge.label}</Badge></span></h2>
      <p className="muted small">{badge.title}</p>
      <dl className="facts">
        <dt>Status</dt><dd>{part.status}{part.quarantined ? ` (quarantined: ${(part.quarantine?.reasons ?? []).join(', ')})` : ''}</dd>
        <dt>Owner</dt><dd>{part.owner.name ?? part.owner.id}</dd>
        <dt>Location</dt><dd>{part.location.assetId ? <Link to={`/twins/${segment(part.location.assetId)}`}>{part.location.assetId}</Link> : part.location.kind}{part.location.position ? ` · ${part.location.position}` : ''}</dd>
        <dt>Life</dt><dd>{Object.keys(part.life.limits).map((m) => `${m}: ${formatNumber(part.life.consumed[m] ?? 0, 0)} of ${formatNumber(part.life.limits[m], 0)}`).join(' · ') || 'no limits'}</dd>
      </dl>
      <table className="dense" data-testid="custody-table">
        <thead><tr><th scope="col" className="num">#</th><th scope="col">Event</th><th scope="col">By</th><th scope="col">When</th><th scope="col">Hash</th><th scope="col" className="num">Leaf</th></tr></thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.sequence} className={e.event.type === 'CustodyChainBroken' ? 'row-bad' : undefined}>
              <td className="num">{e.sequence}</td>
              <td>{describeRecord(e)}</td>
              <td className="small">{e.event.metadata.organisation?.name ?? e.event.metadata.organisation?.id ?? ''} {e.event.metadata.userId ? <span className="muted">({e.event.metadata.userId})</span> : null}</td>
              <td className="small">{formatTimestamp(e.event.metadata.occurredAt)}</td>
              <td className="small mono" title={e.hash}>{e.hash.slice(0, 12)}…</td>
              <td className="num">{e.leafIndex}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
