import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { segment } from '../../api/client';
import { useSignedIn } from '../../app/session-context';
import { mayAct } from '../../session/session';
import { describeError } from '../../ui/Async';
import { Badge } from '../../ui/StatusBadge';
import { formatNumber, formatPercent, formatTimestamp } from '../../ui/format';
import { ComparisonChart } from './ComparisonChart';
import { comparisonRows, describeChange, fleetRows, histogramRows, histogramSeries, quantileBands, removalsSeries, rerunVerdict, type ComparisonRow } from './scenario-comparison';
import { SCENARIO_RUNNERS } from './scenario-roles';
import type { RerunAnswer, Scenario } from './scenario-types';

/** One stored scenario: baseline vs scenario per asset (RUL histogram with quantile bands, removals per month), the fleet's figures and a rerun. */
export function ScenarioComparison({ scenario }: { scenario: Scenario }) {
  const { api, session } = useSignedIn();
  const assets = scenario.result.assets;
  const [assetId, setAssetId] = useState(assets[0]?.assetId ?? '');
  const asset = assets.find((a) => a.assetId === assetId) ?? assets[0];
  const [rerun, setRerun] = useState<RerunAnswer>();
  const [rerunning, setRerunning] = useState(false);
  const [error, setError] = useState<string>();
  const horizon = scenario.result.options.horizonCycles;

  const histogram = useMemo(() => (asset ? histogramSeries(asset.histogram) : ([[], [], []] as [number[], number[], number[]])), [asset]);
  const bands = useMemo(() => (asset ? quantileBands(asset) : []), [asset]);
  const removals = useMemo(() => removalsSeries(scenario.result.fleet.baseline.expectedRemovalsPerMonth, scenario.result.fleet.scenario.expectedRemovalsPerMonth), [scenario]);

  const runAgain = async () => {
    setRerunning(true);
    setError(undefined);
    try {
      setRerun(await api.post<RerunAnswer>(`/v1/scenarios/${segment(scenario.id)}/rerun`, {}));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setRerunning(false);
    }
  };
  const verdict = rerun ? rerunVerdict(rerun) : undefined;

  return (
    <article className="panel scenario" aria-labelledby="scenario-title" data-testid="scenario-comparison" data-scenario={scenario.id}>
      <header className="view-head">
        <h2 id="scenario-title">{scenario.name ?? scenario.id}</h2>
        <span className="muted">{describeChange(scenario.inputs.change)}</span>
        {mayAct(session, SCENARIO_RUNNERS) ? <button type="button" onClick={() => void runAgain()} disabled={rerunning}>{rerunning ? 'Rerunning…' : 'Rerun'}</button> : null}
        <span role="status" data-testid="rerun-verdict">{verdict ? <Badge tone={verdict.tone}>{rerun?.identical ? 'identical' : 'different'}</Badge> : null}{verdict ? ` ${verdict.text}` : ''}</span>
      </header>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <dl className="facts small">
        <dt>Id</dt><dd className="mono">{scenario.id}</dd>
        <dt>Created</dt><dd>{formatTimestamp(scenario.createdAt)} by {scenario.createdBy}</dd>
        <dt>Versions</dt><dd>engine {scenario.versions.engine} · predictor {scenario.versions.predictorModel} · seed {scenario.seed} · {scenario.result.options.draws} draws</dd>
        <dt>Assets</dt><dd>{assets.map((a) => <Link key={a.assetId} to={`/twins/${segment(a.assetId)}`} className="spaced">{a.assetId}</Link>)}</dd>
      </dl>
      {scenario.result.calibrations?.some((c) => !c.valid) ? (
        <p className="error" role="alert">Calibration invalid for {scenario.result.calibrations.filter((c) => !c.valid).map((c) => `${c.assetId} (${c.reason ?? 'drift'})`).join(', ')}: the twin no longer describes these assets; do not trust their figures.</p>
      ) : null}

      <div className="scenario-charts">
        <figure className="chart-figure">
          <figcaption>
            <h3>RUL distribution</h3>
            {assets.length > 1 ? (
              <label>Asset <select value={asset?.assetId ?? ''} onChange={(e) => setAssetId(e.target.value)}>{assets.map((a) => <option key={a.assetId} value={a.assetId}>{a.assetId}</option>)}</select></label>
            ) : <span className="muted">{asset?.assetId}</span>}
            <Legend />
          </figcaption>
          {asset ? (
            <>
              <ComparisonChart
                label={`Remaining useful life of ${asset.assetId}: share of ${scenario.result.options.draws} draws per bin, baseline against scenario; median ${formatNumber(bands[0]?.median, 0)} against ${formatNumber(bands[1]?.median, 0)} cycles`}
                data={histogram} kind="steps" bands={bands} units={{ x: 'RUL (cycles)', y: 'share of draws' }} testId="rul-histogram"
              />
              <p className="small muted">Bars along the top: 25–75 % (thick), 5–95 % (line) and median (tick) of each arm’s RUL.</p>
              <details>
                <summary>RUL distribution as a table</summary>
                <table className="dense" data-testid="histogram-table">
                  <caption className="sr-only">Share of draws per RUL bin for {asset.assetId}</caption>
                  <thead><tr><th scope="col">RUL (cycles)</th><th scope="col" className="num">baseline</th><th scope="col" className="num">scenario</th></tr></thead>
                  <tbody>{histogramRows(asset.histogram).map((r) => <tr key={r.from}><th scope="row">{formatNumber(r.from, 0)}–{formatNumber(r.to, 0)}</th><td className="num">{formatPercent(r.baseline)}</td><td className="num">{formatPercent(r.scenario)}</td></tr>)}</tbody>
                </table>
              </details>
            </>
          ) : <p className="empty">No asset in this scenario.</p>}
        </figure>
        <figure className="chart-figure">
          <figcaption><h3>Expected removals per month (fleet)</h3><Legend /></figcaption>
          <ComparisonChart
            label={`Expected removals per month over ${removals[0].length} months for ${assets.length} assets, baseline against scenario`}
            data={removals} kind="bars" units={{ x: 'month', y: 'expected removals' }} testId="removals-chart"
          />
          <details>
            <summary>Removals per month as a table</summary>
            <table className="dense" data-testid="removals-table">
              <thead><tr><th scope="col">month</th><th scope="col" className="num">baseline</th><th scope="col" className="num">scenario</th></tr></thead>
              <tbody>{removals[0].map((m, i) => <tr key={m}><th scope="row">{m}</th><td className="num">{formatNumber(removals[1][i], 3)}</td><td className="num">{formatNumber(removals[2][i], 3)}</td></tr>)}</tbody>
            </table>
          </details>
        </figure>
      </div>

      <div className="scenario-tables">
        {asset ? <Comparison title={`${asset.assetId}: baseline vs scenario`} rows={comparisonRows(asset, horizon)} testId="asset-comparison" /> : null}
        <Comparison title={`Fleet (${assets.length} asset${assets.length === 1 ? '' : 's'})`} rows={fleetRows(scenario.result.fleet)} testId="fleet-comparison" />
      </div>
    </article>
  );
}

function Legend() {
  return (
    <span className="legend small" aria-hidden="true">
      <span className="swatch swatch-baseline" /> baseline (no change) <span className="swatch swatch-scenario" /> scenario
    </span>
  );
}

function Comparison({ title, rows, testId }: { title: string; rows: ComparisonRow[]; testId: string }) {
  return (
    <table className="dense" data-testid={testId}>
      <caption>{title}</caption>
      <thead><tr><th scope="col">figure</th><th scope="col" className="num">baseline</th><th scope="col" className="num">scenario</th><th scope="col" className="num">change</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td className="num">{r.baseline}</td>
            <td className="num">{r.scenario}</td>
            <td className={`num${r.better === undefined ? '' : r.better ? ' better' : ' worse'}`}>{r.change}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
