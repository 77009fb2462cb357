import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { segment } from '../../api/client';
import { useSignedIn } from '../../app/session-context';
import { mayAct } from '../../session/session';
import { ErrorNote, useLoaded } from '../../ui/Async';
import { formatNumber, formatTimestamp } from '../../ui/format';
import { ScenarioComparison } from './ScenarioComparison';
import { ScenarioFormPanel } from './ScenarioFormPanel';
import { describeChange } from './scenario-comparison';
import { SCENARIO_RUNNERS } from './scenario-roles';
import type { Scenario, ScenarioList } from './scenario-types';
import './scenarios.css';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** `/scenarios` (list and form) and `/scenarios/:scenarioId` (one scenario compared with its baseline). */
export function ScenariosView() {
  const { api, session } = useSignedIn();
  const { scenarioId = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const list = useLoaded(`scenarios`, (signal) => api.get<ScenarioList>('/v1/scenarios', { limit: 100 }, signal));
  const selected = useLoaded(`scenario:${scenarioId}`, (signal) => (scenarioId ? api.get<Scenario>(`/v1/scenarios/${segment(scenarioId)}`, {}, signal) : Promise.resolve(undefined)));
  const created = (scenario: Scenario) => {
    list.reload();
    navigate(`/scenarios/${segment(scenario.id)}`);
  };

  return (
    <section aria-labelledby="scenarios-title">
      <div className="view-head">
        <h1 id="scenarios-title">What-if scenarios</h1>
        <span className="muted">Each asset’s own calibrated degradation curve run forward under a hypothetical future, beside the baseline (no change).</span>
      </div>
      <div className="scenarios-layout">
        <div>
          {mayAct(session, SCENARIO_RUNNERS) ? <ScenarioFormPanel onCreated={created} initialAssetIds={params.get('assetId') ?? ''} /> : null}
          <section className="panel" aria-labelledby="stored-scenarios">
            <h2 id="stored-scenarios">Stored scenarios <span className="muted">{list.data?.scenarios.length ?? ''}</span></h2>
            <ErrorNote error={list.error} />
            {list.data && !list.data.scenarios.length ? <p className="empty">No scenario yet.</p> : null}
            <ol className="plain-list scenario-list" data-testid="scenario-list">
              {list.data?.scenarios.map((s) => (
                <li key={s.id} aria-current={s.id === scenarioId ? 'true' : undefined}>
                  <Link to={`/scenarios/${segment(s.id)}`}>{s.name ?? s.id}</Link>
                  <div className="small muted">{describeChange(s.change)} · {s.assetIds.length} asset{s.assetIds.length === 1 ? '' : 's'} · {formatTimestamp(s.createdAt)}</div>
                  <div className="small">failures within horizon {formatNumber(s.fleet.baseline.expectedFailuresWithinHorizon, 2)} → {formatNumber(s.fleet.scenario.expectedFailuresWithinHorizon, 2)} · removals {formatNumber(sum(s.fleet.baseline.expectedRemovalsPerMonth), 2)} → {formatNumber(sum(s.fleet.scenario.expectedRemovalsPerMonth), 2)}</div>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <div>
          <ErrorNote error={selected.error} />
          {selected.data ? <ScenarioComparison key={selected.data.id} scenario={selected.data} /> : !scenarioId ? <p className="panel empty">Pick a stored scenario or run a new one to compare it with the baseline.</p> : null}
        </div>
      </div>
    </section>
  );
}
