import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { segment } from '../../api/client';
import type { WorkOrder, WorkOrderPage, WorkOrderStatus } from '../../api/types';
import { useSignedIn } from '../../app/session-context';
import { useLive, useLiveUpdates } from '../../live/LiveProvider';
import { mayAct, WORK_ORDER_ACTORS } from '../../session/session';
import { describeError, ErrorNote, useLoaded, useThrottled } from '../../ui/Async';
import { formatPercent, formatPriority, formatTimestamp } from '../../ui/format';
import { ACTION_FIELDS, actionsFor, BOARD_COLUMNS, groupByStatus, propagationSource, transitionBody, upsertWorkOrder, type ActionForm, type WorkOrderAction } from './board';

const CLOSED: readonly WorkOrderStatus[] = ['completed', 'cancelled'];

export function WorkOrdersView() {
  const { api } = useSignedIn();
  const { resyncs } = useLive();
  const [params, setParams] = useSearchParams();
  const assetId = params.get('assetId') ?? '';
  const [showClosed, setShowClosed] = useState(false);
  const [orders, setOrders] = useState<WorkOrder[]>([]);
  const loaded = useLoaded(`orders:${assetId}:${resyncs}`, (signal) => api.get<WorkOrderPage>('/v1/work-orders', { assetId, limit: 1000 }, signal));
  useEffect(() => { if (loaded.data) setOrders(loaded.data.workOrders); }, [loaded.data]);
  const reread = useThrottled(loaded.reload, 1000);
  useLiveUpdates(['work-order'], reread);

  const columns = useMemo(() => groupByStatus(orders), [orders]);
  const shown = BOARD_COLUMNS.filter((s) => showClosed || !CLOSED.includes(s));

  return (
    <section aria-labelledby="wo-title">
      <div className="view-head">
        <h1 id="wo-title">Work orders</h1>
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <label>Asset <input type="search" value={assetId} placeholder="all assets" onChange={(e) => setParams(e.target.value ? { assetId: e.target.value } : {})} /></label>
          <label className="check"><input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} /> show completed and cancelled</label>
          <span className="muted">{orders.length} work orders</span>
        </form>
      </div>
      <ErrorNote error={loaded.error} />
      <div className="board" data-testid="work-order-board">
        {shown.map((status) => (
          <section key={status} className="board-column" aria-labelledby={`col-${status}`}>
            <h2 id={`col-${status}`}><span className={`badge wo-${status}`}>{status}</span> <span className="muted">{columns[status].length}</span></h2>
            <ol className="cards">
              {columns[status].map((order) => <li key={order.id}><WorkOrderCard order={order} onChanged={(changed) => setOrders((current) => upsertWorkOrder(current, changed))} /></li>)}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}

function WorkOrderCard({ order, onChanged }: { order: WorkOrder; onChanged: (order: WorkOrder) => void }) {
  const { api, session } = useSignedIn();
  const [action, setAction] = useState<WorkOrderAction>();
  const [form, setForm] = useState<ActionForm>({});
  const [error, setError] = useState<string>();
  const source = propagationSource(order);
  const latest = order.evidence[order.evidence.length - 1];

  const run = async (chosen: WorkOrderAction, values: ActionForm) => {
    setError(undefined);
    try {
      onChanged(await api.post<WorkOrder>(`/v1/work-orders/${segment(order.id)}/${chosen}`, transitionBody(chosen, values), { 'idempotency-key': `${order.id}:${order.version}:${chosen}` }));
      setAction(undefined);
      setForm({});
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  const choose = (chosen: WorkOrderAction) => (ACTION_FIELDS[chosen].length ? setAction(chosen) : void run(chosen, {}));
  const submit = (event: FormEvent) => { event.preventDefault(); if (action) void run(action, form); };

  return (
    <article className={`card priority-${order.priority}`} data-testid="work-order" data-asset={order.assetId} aria-label={`${order.failureMode} ${order.kind} on ${order.assetId}`}>
      <header>
        <span className="badge tone-neutral">{formatPriority(order.priority)}</span>
        <strong>{order.failureMode}</strong> {order.kind}
      </header>
      <p><Link to={`/twins/${segment(order.assetId)}`}>{order.assetId}</Link> · due {formatTimestamp(order.dueAt)}{order.scheduledFor ? ` · scheduled ${formatTimestamp(order.scheduledFor)}` : ''}</p>
      {source ? <p className="propagated"><span className="badge tone-info">propagated</span> from <Link to={`/twins/${segment(source)}`}>{source}</Link>: {order.reason}</p> : order.reason ? <p className="small">{order.reason}</p> : null}
      {latest ? (
        <details>
          <summary>Evidence: P(fail) {formatPercent(latest.failureProbability)}, RUL {Math.round(latest.rulMean)} [{Math.round(latest.rulLower)}–{Math.round(latest.rulUpper)}] ({order.evidence.length})</summary>
          <ul className="plain-list small">
            {order.evidence.map((e) => <li key={`${e.predictionStream}:${e.predictionVersion}`}>v{e.predictionVersion} · {e.modelVersion} · P(fail) {formatPercent(e.failureProbability)} · RUL {Math.round(e.rulMean)} · sensors {e.topSensors.join(', ') || '—'}{e.reason ? ` · ${e.reason}` : ''}</li>)}
          </ul>
        </details>
      ) : null}
      {order.effect ? <p className="small">effect: <span className={`badge tone-${order.effect === 'verified' ? 'ok' : 'bad'}`}>{order.effect}</span></p> : null}
      <p className="small muted">{order.id} · updated {formatTimestamp(order.updatedAt)}</p>
      {mayAct(session, WORK_ORDER_ACTORS) && actionsFor(order.status).length ? (
        <div className="actions" role="group" aria-label={`Actions on ${order.id}`}>
          {actionsFor(order.status).map((a) => <button key={a} type="button" onClick={() => choose(a)} aria-expanded={action === a ? true : undefined}>{a}</button>)}
        </div>
      ) : null}
      {action ? (
        <form className="action-form" onSubmit={submit} aria-label={`${action} ${order.id}`}>
          {ACTION_FIELDS[action].map((field) => (
            <label key={field}>{field}
              <input type={field === 'scheduledFor' || field === 'until' ? 'datetime-local' : 'text'} required={field !== 'site' && field !== 'until'} value={form[field] ?? ''} onChange={(e) => setForm((f) => ({ ...f, [field]: e.target.value }))} />
            </label>
          ))}
          <button type="submit" className="primary">{action}</button> <button type="button" onClick={() => setAction(undefined)}>Cancel</button>
        </form>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
    </article>
  );
}
