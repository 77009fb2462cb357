import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { segment } from '../../api/client';
import type { AssetView, PredictionHistory, TwinView, WorkOrderPage } from '../../api/types';
import { useSignedIn } from '../../app/session-context';
import { useLive, useLiveUpdates } from '../../live/LiveProvider';
import { ErrorNote, orNotFound, useLoaded, useThrottled } from '../../ui/Async';
import { DASH, formatNumber, formatPercent, formatRul, formatTimestamp, relativeTime } from '../../ui/format';
import { healthStatus } from '../../ui/health-status';
import { StatusBadge } from '../../ui/StatusBadge';
import { CommandsPanel } from './CommandsPanel';
import { HealthTrend } from './HealthTrend';
import { SensorChart } from './SensorChart';
import { applyFrame } from './twin-live';

export function TwinDetailView() {
  const assetId = useParams().assetId ?? '';
  const { api } = useSignedIn();
  const { resyncs } = useLive();
  const [twin, setTwin] = useState<TwinView>();
  const [sensor, setSensor] = useState<string>();
  const [lastFrame, setLastFrame] = useState<{ ts: string; readings: Record<string, number | null> }>();

  // A registry-only asset (a fleet, an aircraft) has no twin of its own: 404 is an answer, not an error.
  const twinLoad = useLoaded(`twin:${assetId}:${resyncs}`, (signal) => orNotFound(api.get<TwinView>(`/v1/twins/${segment(assetId)}`, {}, signal)));
  const registry = useLoaded(`asset:${assetId}:${resyncs}`, async (signal) => {
    const asset = await orNotFound(api.get<AssetView>(`/v1/assets/${segment(assetId)}`, {}, signal));
    const children = asset ? await api.get<{ children: AssetView[] }>(`/v1/assets/${segment(assetId)}/children`, {}, signal) : undefined;
    return { asset, children: children?.children ?? [] };
  });
  const prediction = useLoaded(`prediction:${assetId}:${resyncs}`, (signal) => orNotFound(api.get<PredictionHistory>(`/v1/assets/${segment(assetId)}/prediction`, { history: 1000 }, signal)));
  const orders = useLoaded(`orders:${assetId}:${resyncs}`, (signal) => api.get<WorkOrderPage>('/v1/work-orders', { assetId, limit: 100 }, signal));

  useEffect(() => { if (twinLoad.data) setTwin(twinLoad.data); }, [twinLoad.data]);
  const sensorNames = useMemo(() => Object.keys(twin?.sensors ?? {}).sort(), [twin?.sensors]);
  useEffect(() => {
    if (!sensor && sensorNames.length) setSensor(sensorNames.includes('egt') ? 'egt' : sensorNames[0]);
  }, [sensor, sensorNames]);

  // Acknowledgements carry no tenant, so the stream does not forward them: poll while a command waits for one.
  const pendingCommands = twin?.commands?.pending.length ?? 0;
  useEffect(() => {
    if (!pendingCommands) return;
    const timer = setInterval(twinLoad.reload, 2000);
    return () => clearInterval(timer);
  }, [pendingCommands, twinLoad.reload]);

  const rereadTwin = useThrottled(twinLoad.reload, 2000);
  const rereadPrediction = useThrottled(prediction.reload, 2000);
  const rereadOrders = useThrottled(orders.reload, 1000);
  useLiveUpdates(['twin', 'prediction', 'work-order'], (update) => {
    if (update.data.assetId !== assetId) return;
    if (update.type === 'twin') {
      setTwin((current) => (current ? applyFrame(current, update) : current));
      if (update.eventType === 'FrameRecorded' && typeof update.data.ts === 'string') setLastFrame({ ts: update.data.ts, readings: update.data.readings as Record<string, number | null> });
      rereadTwin();
    } else if (update.type === 'prediction') rereadPrediction();
    else rereadOrders();
  });

  const latest = prediction.data?.latest;
  const flagged = Object.values(twin?.sensors ?? {}).filter((s) => s.quality.length).length;
  const status = healthStatus({ failureProbability: latest?.failureProbability, rulLower: latest?.rul.lower, dataQualityWarnings: flagged });
  const asset = registry.data?.asset;

  return (
    <section aria-labelledby="twin-title" className="twin">
      <div className="view-head">
        <p className="crumbs"><Link to="/">Fleet</Link> /</p>
        <h1 id="twin-title">{assetId} <StatusBadge status={status} /></h1>
        <p className="muted">
          {asset ? [asset.kind, asset.model, asset.variant, `batch ${asset.buildBatch}`, `serial ${asset.serial}`].join(' · ') : 'not in the asset registry'}
          {twin ? ` · ${twin.frames} frames · last reading ${formatTimestamp(twin.updatedAt)} (${relativeTime(twin.updatedAt, Date.now())})` : ''}
        </p>
      </div>
      <ErrorNote error={twinLoad.error} />
      {!twinLoad.loading && !twinLoad.error && !twinLoad.data ? <p className="muted" data-testid="no-telemetry">No readings from this asset: it is known to the registry only{asset ? ` (a ${asset.kind})` : ''}. Its health rolls up from the assets below it.</p> : null}
      <div className="kpis">
        <Kpi label="Health index" value={latest ? formatNumber(latest.healthIndex, 2) : DASH} />
        <Kpi label="RUL (cycles) [interval]" value={formatRul(latest?.rul)} testId="kpi-rul" />
        <Kpi label="P(fail) in horizon" value={formatPercent(latest?.failureProbability)} />
        <Kpi label="Data-quality flags" value={String(flagged)} tone={flagged ? 'warn' : undefined} />
        <Kpi label="Operating hours" value={twin?.usage ? formatNumber(twin.usage.operatingHours, 1) : DASH} />
        <Kpi label="Cycles" value={twin?.usage ? String(twin.usage.cycles) : DASH} />
      </div>
      <div className="grid-2">
        <div className="panel">
          <h2>Sensors</h2>
          <table className="dense" data-testid="sensor-table">
            <thead><tr><th scope="col">Sensor</th><th scope="col" className="num">Value</th><th scope="col">Quality</th><th scope="col">At</th></tr></thead>
            <tbody>
              {sensorNames.map((name) => {
                const s = twin?.sensors[name];
                return (
                  <tr key={name} aria-selected={sensor === name} className={sensor === name ? 'selected' : undefined}>
                    <th scope="row"><button type="button" className="link-button" onClick={() => setSensor(name)} aria-pressed={sensor === name}>{name}</button></th>
                    <td className="num" data-testid={`sensor-value-${name}`}><span key={s?.ts} className="flash">{formatNumber(s?.value, 2)}</span></td>
                    <td>{s?.quality.length ? s.quality.map((q) => <span key={q} className="badge tone-warn">{q}</span>) : <span className="muted">ok</span>}</td>
                    <td className="small muted">{formatTimestamp(s?.ts)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="panel">
          {sensor && twin ? <SensorChart assetId={assetId} sensor={sensor} latest={twin.updatedAt} lastFrame={lastFrame} /> : <p className="muted">No readings yet.</p>}
        </div>
      </div>
      <div className="grid-2">
        <div className="panel">
          <h2>Health and RUL trend</h2>
          {prediction.data ? <HealthTrend history={prediction.data.history} /> : <p className="muted">{prediction.loading ? 'Loading…' : 'Not scored yet: the predictor scores frames that carry the model’s 21 channels.'}</p>}
        </div>
        <div className="panel">
          <h2>Hierarchy</h2>
          {asset ? (
            <dl className="facts">
              <dt>Parent</dt><dd>{asset.parentId ? <Link to={`/twins/${segment(asset.parentId)}`}>{asset.parentId}</Link> : 'none (a root)'}</dd>
              <dt>Children</dt>
              <dd>{registry.data?.children.length ? <ul className="inline-list">{registry.data.children.map((c) => <li key={c.assetId}><Link to={`/twins/${segment(c.assetId)}`}>{c.assetId}</Link> <span className="muted small">{c.kind}</span></li>)}</ul> : 'none'}</dd>
            </dl>
          ) : <p className="muted">Not registered: no parent or children known.</p>}
          <h2>Work orders</h2>
          {orders.data?.workOrders.length ? (
            <ul className="plain-list">
              {orders.data.workOrders.map((o) => <li key={o.id}><Link to={`/work-orders?assetId=${encodeURIComponent(assetId)}`}>{o.failureMode} {o.kind}</Link> <span className={`badge wo-${o.status}`}>{o.status}</span> <span className="muted small">due {formatTimestamp(o.dueAt)}</span></li>)}
            </ul>
          ) : <p className="muted">None.</p>}
        </div>
      </div>
      {twin ? <CommandsPanel twin={twin} onSent={twinLoad.reload} /> : null}
    </section>
  );
}

function Kpi({ label, value, tone, testId }: { label: string; value: string; tone?: 'warn'; testId?: string }) {
  return (
    <div className={`kpi${tone ? ` tone-${tone}` : ''}`}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" data-testid={testId}>{value}</div>
    </div>
  );
}
