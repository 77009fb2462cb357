import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { segment } from '../../api/client';
import type { FleetOverview, TwinView, WorkOrderPage } from '../../api/types';
import { useSignedIn } from '../../app/session-context';
import { useLive, useLiveUpdates } from '../../live/LiveProvider';
import { ErrorNote, orNotFound, useLoaded, useThrottled } from '../../ui/Async';
import { DASH, formatNumber, formatPercent, relativeTime } from '../../ui/format';
import type { HealthStatus } from '../../ui/health-status';
import { StatusBadge } from '../../ui/StatusBadge';
import { applyLiveUpdate, buildFleetRows, countByStatus, filterRows, NO_FILTER, OPEN_STATUSES, openOrdersByAsset, sortRows, type FleetFilter, type FleetRow, type SortDirection, type SortKey } from './fleet-rows';

const TWIN_FETCH_CONCURRENCY = 6;

const COLUMNS: readonly { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'status', label: 'Status' },
  { key: 'assetId', label: 'Asset' },
  { key: 'healthIndex', label: 'Health', numeric: true },
  { key: 'rul', label: 'RUL (cycles) [interval]', numeric: true },
  { key: 'failureProbability', label: 'P(fail) in horizon', numeric: true },
  { key: 'openWorkOrders', label: 'Open WOs', numeric: true },
  { key: 'dataQualityWarnings', label: 'Data quality', numeric: true },
  { key: 'lastSeen', label: 'Last reading' },
];

export function FleetView() {
  const { api } = useSignedIn();
  const { resyncs } = useLive();
  const [rows, setRows] = useState<FleetRow[]>([]);
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: 'status', direction: 'desc' });
  const [filter, setFilter] = useState<FleetFilter>(NO_FILTER);
  const [now, setNow] = useState(() => Date.now());
  const [horizon, setHorizon] = useState<number>();

  const loaded = useLoaded(`fleet:${resyncs}`, async (signal) => {
    const [overview, orders] = await Promise.all([
      api.get<FleetOverview>('/v1/fleet', { limit: 10000 }, signal),
      api.get<WorkOrderPage>('/v1/work-orders', { status: OPEN_STATUSES.join(','), limit: 1000 }, signal),
    ]);
    const ids = [...new Set([...overview.assets.map((a) => a.assetId), ...overview.ranking.map((r) => r.assetId)])];
    const twins: Record<string, TwinView | null> = {};
    for (let i = 0; i < ids.length; i += TWIN_FETCH_CONCURRENCY) {
      const batch = ids.slice(i, i + TWIN_FETCH_CONCURRENCY);
      const answers = await Promise.all(batch.map((id) => orNotFound(api.get<TwinView>(`/v1/twins/${segment(id)}`, {}, signal))));
      batch.forEach((id, j) => { twins[id] = answers[j] ?? null; });
    }
    return { overview, rows: buildFleetRows(overview, orders.workOrders, twins) };
  });

  useEffect(() => {
    if (!loaded.data) return;
    setRows(loaded.data.rows);
    setHorizon(loaded.data.overview.horizon);
  }, [loaded.data]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);

  const refreshOrders = useThrottled(() => {
    void api.get<WorkOrderPage>('/v1/work-orders', { status: OPEN_STATUSES.join(','), limit: 1000 }).then((page) => {
      const open = openOrdersByAsset(page.workOrders);
      setRows((current) => current.map((r) => ((open.get(r.assetId) ?? 0) === r.openWorkOrders ? r : { ...r, openWorkOrders: open.get(r.assetId) ?? 0 })));
    }, () => undefined);
  }, 1000);

  useLiveUpdates(['twin', 'prediction', 'work-order'], (update) => {
    if (update.type === 'work-order') return refreshOrders();
    setRows((current) => applyLiveUpdate(current, update));
  });

  const visible = useMemo(() => sortRows(filterRows(rows, filter), sort.key, sort.direction), [rows, filter, sort]);
  const counts = useMemo(() => countByStatus(rows), [rows]);

  // Names read A→Z first; measures most-concerning (highest) first.
  const toggleSort = (key: SortKey) => setSort((s) => {
    const first: SortDirection = key === 'assetId' ? 'asc' : 'desc';
    return { key, direction: s.key === key ? (s.direction === 'asc' ? 'desc' : 'asc') : first };
  });

  return (
    <section aria-labelledby="fleet-title">
      <div className="view-head">
        <h1 id="fleet-title">Fleet</h1>
        <p className="muted">{rows.length} assets{horizon ? ` · failure probability within ${horizon} cycles` : ''}</p>
      </div>
      <div className="summary" role="group" aria-label="Filter by status">
        {(['alert', 'watch', 'unknown', 'ok'] as HealthStatus[]).map((status) => (
          <button key={status} type="button" className={`summary-tile status-${status}`} aria-pressed={filter.status === status}
            onClick={() => setFilter((f) => ({ ...f, status: f.status === status ? 'all' : status }))}>
            <span className="summary-count">{counts[status]}</span> <span className="summary-label">{status}</span>
          </button>
        ))}
      </div>
      <form className="filters" role="search" aria-label="Filter assets" onSubmit={(e) => e.preventDefault()}>
        <label>Search <input type="search" value={filter.text} placeholder="asset, model, batch" onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))} /></label>
        <label>Status
          <select value={filter.status} onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value as FleetFilter['status'] }))}>
            <option value="all">all</option><option value="alert">alert</option><option value="watch">watch</option><option value="unknown">unknown</option><option value="ok">ok</option>
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={filter.withWorkOrders} onChange={(e) => setFilter((f) => ({ ...f, withWorkOrders: e.target.checked }))} /> with open work orders</label>
        <label className="check"><input type="checkbox" checked={filter.withDataQuality} onChange={(e) => setFilter((f) => ({ ...f, withDataQuality: e.target.checked }))} /> with data-quality warnings</label>
        <span className="muted" aria-live="polite">{visible.length} shown</span>
      </form>
      <ErrorNote error={loaded.error} />
      {loaded.loading && !rows.length ? <p className="muted">Loading the fleet…</p> : null}
      <div className="table-wrap">
        <table className="dense" data-testid="fleet-table">
          <caption className="sr-only">Assets of the tenant; select a column header to sort</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="sort" onClick={() => toggleSort(c.key)}>
                    {c.label}<span aria-hidden="true">{sort.key === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => <FleetLine key={row.assetId} row={row} now={now} />)}
            {!visible.length && !loaded.loading ? <tr><td colSpan={COLUMNS.length} className="empty">No assets match.</td></tr> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function FleetLine({ row, now }: { row: FleetRow; now: number }) {
  return (
    <tr data-asset={row.assetId}>
      <td><StatusBadge status={row.status} /></td>
      <th scope="row">
        <Link to={`/twins/${segment(row.assetId)}`}>{row.assetId}</Link>
        <span className="muted small"> {[row.kind, row.model, row.buildBatch].filter(Boolean).join(' · ')}</span>
      </th>
      <td className="num"><HealthBar value={row.healthIndex} /></td>
      <td className="num" data-testid="rul">{row.rul ? <>{Math.round(row.rul.mean)} <span className="muted">[{Math.round(row.rul.lower)}–{Math.round(row.rul.upper)}]</span></> : DASH}</td>
      <td className="num">{formatPercent(row.failureProbability)}</td>
      <td className="num">{row.openWorkOrders ? <Link to={`/work-orders?assetId=${encodeURIComponent(row.assetId)}`}>{row.openWorkOrders}</Link> : <span className="muted">0</span>}</td>
      <td className="num" title={row.flaggedSensors.join(', ')}>{row.dataQualityWarnings ? <span className="badge tone-warn">{row.dataQualityWarnings} flagged</span> : <span className="muted">clean</span>}</td>
      <td><time dateTime={row.lastSeen} key={row.lastSeen} className="flash" data-testid="last-seen">{relativeTime(row.lastSeen, now)}</time>{row.frames !== undefined ? <span className="muted small"> · {row.frames} frames</span> : null}</td>
    </tr>
  );
}

function HealthBar({ value }: { value: number | undefined }) {
  if (value === undefined) return <span className="muted">{DASH}</span>;
  const clamped = Math.max(0, Math.min(1, value));
  const tone = clamped < 0.3 ? 'bad' : clamped < 0.6 ? 'warn' : 'ok';
  return (
    <span className="healthbar" title={`health index ${formatNumber(value, 2)}`}>
      <span className="healthbar-track" aria-hidden="true"><span className={`healthbar-fill tone-${tone}`} style={{ width: `${clamped * 100}%` }} /></span>
      {formatNumber(value, 2)}
    </span>
  );
}
