import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { segment } from '../../api/client';
import { useSignedIn } from '../../app/session-context';
import { mayAct } from '../../session/session';
import { ErrorNote, useLoaded } from '../../ui/Async';
import { Badge } from '../../ui/StatusBadge';
import { formatNumber, formatTimestamp } from '../../ui/format';
import { PlanDetail } from './PlanDetail';
import { PlanFormPanel } from './PlanFormPanel';
import { PLAN_ACTORS } from './plan-roles';
import { defaultPlanForm, planRequest, type PlanForm } from './plan-settings';
import type { PlanList, PlanView } from './plan-types';
import './plans.css';

/** `/plans` (list and form) and `/plans/:planId` (one plan as a calendar). */
export function PlansView() {
  const { api, session } = useSignedIn();
  const { planId = '' } = useParams();
  const navigate = useNavigate();
  const list = useLoaded('plans', (signal) => api.get<PlanList>('/v1/plans', { limit: 50 }, signal));
  const loaded = useLoaded(`plan:${planId}`, (signal) => (planId ? api.get<PlanView>(`/v1/plans/${segment(planId)}`, {}, signal) : Promise.resolve(undefined)));
  const [plan, setPlan] = useState<PlanView>();
  const [form, setForm] = useState<PlanForm>(() => defaultPlanForm(Date.now()));
  useEffect(() => setPlan(loaded.data), [loaded.data]);

  const created = (next: PlanView) => {
    list.reload();
    navigate(`/plans/${segment(next.planId)}`);
  };
  const changed = (next: PlanView) => {
    setPlan(next);
    list.reload();
  };

  return (
    <section aria-labelledby="plans-title">
      <div className="view-head">
        <h1 id="plans-title">Maintenance plans</h1>
        <span className="muted">Open and predicted work orders placed in shop weeks by HiGHS, beside a greedy baseline.</span>
      </div>
      <div className="plans-layout">
        {mayAct(session, PLAN_ACTORS) ? <PlanFormPanel form={form} setForm={setForm} onCreated={created} /> : null}
        <section className="panel" aria-labelledby="stored-plans">
          <h2 id="stored-plans">Plans <span className="muted">{list.data?.plans.length ?? ''}</span></h2>
          <ErrorNote error={list.error} />
          {list.data && !list.data.plans.length ? <p className="empty">No plan yet.</p> : null}
          <table className="dense" data-testid="plan-list">
            <thead><tr><th scope="col">plan</th><th scope="col">status</th><th scope="col" className="num">revision</th><th scope="col">from</th><th scope="col" className="num">scheduled</th><th scope="col" className="num">exp. unplanned (opt / greedy)</th><th scope="col">updated</th></tr></thead>
            <tbody>
              {list.data?.plans.map((p) => (
                <tr key={p.planId} className={p.planId === planId ? 'selected' : undefined}>
                  <th scope="row"><Link to={`/plans/${segment(p.planId)}`}>{p.planId}</Link></th>
                  <td><Badge tone={p.status === 'accepted' ? 'ok' : 'warn'}>{p.status}</Badge></td>
                  <td className="num">{p.revision}</td>
                  <td>{p.startsOn} · {p.weeks} wk</td>
                  <td className="num">{p.optimised.scheduled}/{p.optimised.orders}</td>
                  <td className="num">{formatNumber(p.optimised.expectedUnplannedRemovals, 2)} / {formatNumber(p.greedy.expectedUnplannedRemovals, 2)}</td>
                  <td>{formatTimestamp(p.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <ErrorNote error={loaded.error} />
      {plan && plan.planId === planId ? <PlanDetail plan={plan} onChanged={changed} formSettings={() => planRequest({ ...form, useStored: false, planId: '' })} /> : null}
    </section>
  );
}
