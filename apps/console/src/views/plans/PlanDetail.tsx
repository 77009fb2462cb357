import { useMemo, useState } from 'react';
import { segment } from '../../api/client';
import type { WorkOrderPage } from '../../api/types';
import { useSignedIn } from '../../app/session-context';
import { mayAct } from '../../session/session';
import { describeError, useLoaded } from '../../ui/Async';
import { Badge } from '../../ui/StatusBadge';
import { formatNumber, formatTimestamp } from '../../ui/format';
import { PlanCalendarTable } from './PlanCalendarTable';
import { calendarGrid, figureRows, movedLabel } from './plan-calendar';
import { PLAN_ACTORS } from './plan-roles';
import type { BuiltPlan } from './plan-settings';
import type { PlanView } from './plan-types';

/**
 * One plan: greedy vs optimised, the solver's report, accept and re-plan, and the calendar. A re-plan uses
 * the plan's stored settings, or the settings now in the form (`formSettings`) — e.g. a shop that lost capacity.
 */
export function PlanDetail({ plan, onChanged, formSettings }: { plan: PlanView; onChanged: (plan: PlanView) => void; formSettings: () => BuiltPlan }) {
  const { api, session } = useSignedIn();
  const [busy, setBusy] = useState<'accept' | 'replan'>();
  const [error, setError] = useState<string>();
  const orders = useLoaded('plan-orders', (signal) => api.get<WorkOrderPage>('/v1/work-orders', { limit: 1000 }, signal));
  const priorities = useMemo(() => new Map((orders.data?.workOrders ?? []).map((o) => [o.id, o.priority])), [orders.data]);
  const grid = useMemo(() => calendarGrid(plan, priorities), [plan, priorities]);
  const mayDecide = mayAct(session, PLAN_ACTORS);

  const act = async (action: 'accept' | 'replan', withForm = false) => {
    setError(undefined);
    let body: object = action === 'accept' ? { revision: plan.revision } : {};
    if (withForm) {
      const built = formSettings();
      if (!built.ok) return setError(`The form's settings: ${built.errors.join('; ')}`);
      body = { settings: built.body.settings };
    }
    setBusy(action);
    try {
      onChanged(await api.post<PlanView>(`/v1/plans/${segment(plan.planId)}/${action}`, body));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <article className="panel plan" aria-labelledby="plan-title" data-testid="plan-detail" data-plan={plan.planId} data-revision={plan.revision}>
      <header className="view-head">
        <h2 id="plan-title">Plan {plan.planId}</h2>
        <span data-testid="plan-status"><Badge tone={plan.status === 'accepted' ? 'ok' : 'warn'}>{plan.status}</Badge> revision {plan.revision}{plan.acceptedRevision ? ` · accepted revision ${plan.acceptedRevision}` : ''}</span>
        <span className="muted">from {plan.startsOn}, {plan.weeks} weeks · updated {formatTimestamp(plan.updatedAt)}</span>
        {mayDecide ? (
          <span className="actions" role="group" aria-label="Plan actions">
            <button type="button" className="primary" disabled={plan.status === 'accepted' || busy !== undefined} onClick={() => void act('accept')}>{busy === 'accept' ? 'Accepting…' : `Accept revision ${plan.revision}`}</button>
            <button type="button" disabled={busy !== undefined} onClick={() => void act('replan')}>{busy === 'replan' ? 'Re-planning…' : 'Re-plan'}</button>
            <button type="button" disabled={busy !== undefined} onClick={() => void act('replan', true)}>Re-plan with the form’s settings</button>
          </span>
        ) : null}
      </header>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {plan.drift?.replanSuggested ? (
        <p className="drift" role="status" data-testid="plan-drift">
          The work changed since this revision: {plan.drift.newOrders.length} new, {plan.drift.closedOrders.length} closed, {plan.drift.dueMoved.length} with a moved due week. A re-plan would see it.
        </p>
      ) : null}

      <div className="plan-summary">
        <table className="dense" data-testid="plan-figures">
          <caption>Greedy baseline vs optimised (HiGHS)</caption>
          <thead><tr><th scope="col">figure</th><th scope="col" className="num">greedy</th><th scope="col" className="num">optimised</th><th scope="col" className="num">saved</th></tr></thead>
          <tbody>
            {figureRows(plan.figures).map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.greedy}</td>
                <td className="num">{r.optimised}</td>
                <td className={`num${r.better === undefined ? '' : r.better ? ' better' : ' worse'}`}>{r.gain}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="facts small" data-testid="plan-solver">
          <dt>Solver</dt><dd>{plan.solver.solver} {plan.solver.version}</dd>
          <dt>Status</dt><dd>{plan.solver.status}</dd>
          <dt>Solve time</dt><dd>{formatNumber(plan.solver.seconds, 2)} s (limit {formatNumber(plan.solver.timeLimitSeconds, 0)} s)</dd>
          <dt>Gap</dt><dd>{plan.solver.mipGap === null ? '—' : `${formatNumber(plan.solver.mipGap * 100, 2)} %`} (target {formatNumber(plan.solver.mipRelGap * 100, 2)} %)</dd>
          <dt>Model</dt><dd>{plan.solver.binaries} binaries, {plan.solver.columns} columns, {plan.solver.rows} rows</dd>
          <dt>Checker</dt><dd>{plan.violations.length ? `${plan.violations.length} finding(s): ${plan.violations.map((v) => v.code).join(', ')}` : 'every capacity and due window holds'}</dd>
        </dl>
      </div>

      {plan.revision > 1 ? (
        <section aria-labelledby="moved-title" data-testid="plan-moved">
          <h3 id="moved-title">Moved by revision {plan.revision} <span className="muted">{plan.moved.length}</span></h3>
          {plan.moved.length ? <ul className="plain-list small">{plan.moved.map((m) => <li key={m.workOrderId}>{movedLabel(m)}</li>)}</ul> : <p className="small muted">No accepted assignment moved.</p>}
        </section>
      ) : null}

      <h3>Calendar</h3>
      <p className="small muted legend-line">
        Colour: P(failure in service before the induction) — <span className="plan-order risk-low inline">under 5 %</span> <span className="plan-order risk-medium inline">5–20 %</span> <span className="plan-order risk-high inline">20 % and over</span>; bar and n/m: induction slots used of capacity.
      </p>
      <PlanCalendarTable grid={grid} />
      {grid.unscheduled.length ? (
        <section aria-labelledby="unscheduled-title" data-testid="plan-unscheduled">
          <h3 id="unscheduled-title">Not in this plan <span className="muted">{grid.unscheduled.length}</span></h3>
          <ul className="plain-list small">{grid.unscheduled.map((u) => <li key={u.workOrderId}>{u.assetId} · {u.workOrderId} · latest week {u.latestWeek} · <Badge tone={u.reason === 'missed-window' ? 'bad' : 'neutral'}>{u.reason}</Badge></li>)}</ul>
        </section>
      ) : null}
    </article>
  );
}
